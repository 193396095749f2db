import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The UI is served by `weft serve` from dist/; in dev, Vite proxies the API to a running server. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: process.env['WEFT_URL'] ?? 'http://127.0.0.1:8080', changeOrigin: false },
      '/hooks': { target: process.env['WEFT_URL'] ?? 'http://127.0.0.1:8080' },
    },
  },
});

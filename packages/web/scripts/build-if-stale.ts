/**
 * Builds the web UI into packages/web/dist when dist is missing or older than its sources, so
 * `npm install` and `npm start` always serve the UI of this checkout. `--force` builds anyway.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const web = resolve(import.meta.dirname, '..');
const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(web, 'package.json'), resolve(web, '../api/src')];

function newest(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = newest(join(web, 'dist', 'index.html'));
const changedAt = Math.max(...sources.map(newest));
if (process.argv.includes('--force') || builtAt === 0 || changedAt > builtAt) {
  const started = performance.now();
  // A test runner's NODE_ENV=test would otherwise give React's development build.
  process.env['NODE_ENV'] = 'production';
  await build({ root: web, configFile: join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  console.log(`web UI built into ${join(web, 'dist')} in ${Math.round(performance.now() - started)} ms`);
}

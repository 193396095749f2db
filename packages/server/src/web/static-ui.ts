import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * The page may load only its own scripts and styles and talk only to this server. Inline style
 * attributes stay allowed: the graph canvas positions nodes with them.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Weft</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>The Weft web UI is not built</h1>
<p>Build it with <code>npm run build:web</code> (<code>npm install</code> and <code>npm start</code> do this for you), then reload.
The API is up: see <a href="/api/docs">/api/docs</a>.</p></body>`;

/**
 * Serves the built single-page app from `root`: files as they are (hashed assets cached for a year),
 * any other path without a file extension gets index.html so client-side routes survive a reload.
 * Returns undefined for what it does not serve (the caller answers 404).
 */
export function createStaticUi(root: string): (pathname: string, method: string) => Promise<Response | undefined> {
  const base = resolve(root);
  return async (pathname, method) => {
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = resolve(base, `.${decoded}`);
    if (file !== base && !file.startsWith(base + sep)) return undefined;
    const found = await readIfFile(file);
    if (found) {
      const immutable = file.startsWith(resolve(base, 'assets') + sep);
      return answer(found, extname(file), method, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    if (extname(decoded) !== '') return undefined;
    const index = await readIfFile(resolve(base, 'index.html'));
    if (!index) {
      return new Response(method === 'HEAD' ? null : NOT_BUILT, {
        status: 503,
        headers: { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store', ...SECURITY_HEADERS },
      });
    }
    return answer(index, '.html', method, 'no-cache');
  };
}

async function readIfFile(path: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

function answer(body: Buffer, extension: string, method: string, cacheControl: string): Response {
  const headers: Record<string, string> = {
    'content-type': TYPES[extension] ?? 'application/octet-stream',
    'content-length': String(body.byteLength),
    'cache-control': cacheControl,
    ...(extension === '.html' ? SECURITY_HEADERS : { 'x-content-type-options': 'nosniff' }),
  };
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

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

/** Text files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.wasm']);

/**
 * Serves the built single-page app from `root`: files as they are (hashed assets cached for a year),
 * any other path without a file extension gets index.html so client-side routes survive a reload.
 * Text is sent brotli- or gzip-compressed when the browser takes it; hashed assets are compressed once
 * and kept. Returns undefined for what it does not serve (the caller answers 404).
 */
export function createStaticUi(root: string): (pathname: string, method: string, acceptEncoding?: string) => Promise<Response | undefined> {
  const base = resolve(root);
  const compressed = new Map<string, Buffer>();
  const encode = (file: string, body: Buffer, encoding: Encoding, immutable: boolean): Buffer => {
    const key = `${encoding}:${file}`;
    const cached = immutable ? compressed.get(key) : undefined;
    if (cached) return cached;
    const out =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
        : gzipSync(body, { level: 9 });
    if (immutable) compressed.set(key, out);
    return out;
  };
  const send = (file: string, body: Buffer, method: string, cacheControl: string, acceptEncoding: string | undefined): Response => {
    const extension = extname(file);
    const immutable = cacheControl.includes('immutable');
    const encoding = COMPRESSIBLE.has(extension) && body.byteLength > 1024 ? pickEncoding(acceptEncoding) : undefined;
    if (!encoding) return answer(body, extension, method, cacheControl);
    const response = answer(encode(file, body, encoding, immutable), extension, method, cacheControl);
    response.headers.set('content-encoding', encoding);
    response.headers.set('vary', 'accept-encoding');
    return response;
  };
  return async (pathname, method, acceptEncoding) => {
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
      return send(file, found, method, immutable ? 'public, max-age=31536000, immutable' : 'no-cache', acceptEncoding);
    }
    if (extname(decoded) !== '') return undefined;
    const index = await readIfFile(resolve(base, 'index.html'));
    if (!index) {
      return new Response(method === 'HEAD' ? null : NOT_BUILT, {
        status: 503,
        headers: { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store', ...SECURITY_HEADERS },
      });
    }
    return send(resolve(base, 'index.html'), index, method, 'no-cache', acceptEncoding);
  };
}

type Encoding = 'br' | 'gzip';

/** The best encoding the browser accepts (q=0 refuses one). */
function pickEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
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

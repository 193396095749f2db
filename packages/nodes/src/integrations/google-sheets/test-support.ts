// A loopback server that speaks the slice of Google's OAuth token endpoint and the Sheets values
// API the node uses, backed by in-memory sheets. It verifies each JWT with the test key's public
// key, as Google does. Not exported from the package index.
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { CellValue } from './a1.ts';
import { startLoopbackServer, type LoopbackServer } from '../../egress/test-support.ts';

/** A fake Google for one spreadsheet. */
export interface FakeGoogle {
  server: LoopbackServer;
  /** The service-account JSON key (its token_uri points here), as stored in a credential. */
  keyJson: string;
  /** Sheets by tab name: rows of cells, row 1 first. */
  sheets: Map<string, CellValue[][]>;
  /** JWT claims of every token exchange that passed verification. */
  exchanges: Record<string, unknown>[];
  /** Tokens currently accepted; clear it to make the API answer 401. */
  validTokens: Set<string>;
  /** Every Sheets API call, as `METHOD path?query` (decoded). */
  calls: string[];
  close(): Promise<void>;
}

const SPREADSHEET = 'sheet-123';

/** Starts the fake Google with the given sheets. */
export async function startFakeGoogle(sheets: Record<string, CellValue[][]>): Promise<FakeGoogle> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state = new Map(Object.entries(sheets).map(([name, rows]) => [name, rows.map((r) => [...r])]));
  const exchanges: Record<string, unknown>[] = [];
  const validTokens = new Set<string>();
  const calls: string[] = [];
  let issued = 0;
  let origin = '';
  const server = await startLoopbackServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const send = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(body);
      const claims = verifyJwt(form.get('assertion') ?? '', publicKey);
      const ok =
        form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        claims !== undefined &&
        claims['iss'] === 'weft-test@project.iam.gserviceaccount.com' &&
        claims['scope'] === 'https://www.googleapis.com/auth/spreadsheets' &&
        claims['aud'] === `${origin}/token` &&
        typeof claims['iat'] === 'number' &&
        claims['exp'] === claims['iat'] + 3600;
      if (!ok || !claims) return send(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      exchanges.push(claims);
      const token = `ya29.test-${++issued}`;
      validTokens.add(token);
      return send(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }
    const match = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+)$/.exec(url.pathname);
    if (!match) return send(404, { error: { code: 404, message: 'Not found' } });
    calls.push(`${request.method} ${decodeURIComponent(url.pathname)}${url.search ? decodeURIComponent(url.search) : ''}`);
    if (!validTokens.has((request.headers.authorization ?? '').replace(/^Bearer /, '')))
      return send(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    if (decodeURIComponent(match[1] ?? '') !== SPREADSHEET)
      return send(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    const raw = decodeURIComponent(match[2] ?? '');
    const append = raw.endsWith(':append');
    const range = parseRange(append ? raw.slice(0, -':append'.length) : raw);
    const rows = state.get(range.sheet);
    if (!rows) return send(400, { error: { code: 400, message: `Unable to parse range: ${raw}`, status: 'INVALID_ARGUMENT' } });
    if (request.method === 'GET') {
      const lastRow = Math.min(range.endRow ?? rows.length, rows.length);
      const values = rows.slice(range.startRow - 1, lastRow).map((r) => r.slice(range.startCol, range.endCol === undefined ? undefined : range.endCol + 1));
      return send(200, { range: raw, majorDimension: 'ROWS', ...(values.length ? { values } : {}) });
    }
    const input = JSON.parse(body) as { values: CellValue[][] };
    if (url.searchParams.get('valueInputOption') === null)
      return send(400, { error: { code: 400, message: "'valueInputOption' is required but not specified", status: 'INVALID_ARGUMENT' } });
    if (request.method === 'POST' && append) {
      const first = rows.length + 1;
      rows.push(...input.values.map((r) => [...r]));
      return send(200, { spreadsheetId: SPREADSHEET, updates: { updatedRange: `${range.sheet}!A${first}:Z${rows.length}`, updatedRows: input.values.length } });
    }
    if (request.method === 'PUT') {
      input.values.forEach((r, i) => (rows[range.startRow - 1 + i] = [...r]));
      return send(200, { spreadsheetId: SPREADSHEET, updatedRange: raw, updatedRows: input.values.length, updatedCells: input.values.flat().length });
    }
    return send(405, { error: { code: 405, message: 'Method not allowed' } });
  });
  origin = server.origin;
  const keyJson = JSON.stringify({
    type: 'service_account',
    project_id: 'project',
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: 'weft-test@project.iam.gserviceaccount.com',
    token_uri: `${origin}/token`,
  });
  return { server, keyJson, sheets: state, exchanges, validTokens, calls, close: () => server.close() };
}

/** The spreadsheet id the fake serves. */
export const FAKE_SPREADSHEET_ID = SPREADSHEET;

function verifyJwt(jwt: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const [header, claims, signature] = jwt.split('.');
  if (!header || !claims || !signature) return undefined;
  if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'RS256') return undefined;
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'));
  return valid ? (JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>) : undefined;
}

/** `'Sheet 1'!A2:C5`, `'Sheet1'!1:1`, `'Sheet1'` → sheet, 1-based rows, 0-based columns. */
function parseRange(a1: string): { sheet: string; startRow: number; endRow?: number; startCol: number; endCol?: number } {
  const bang = a1.lastIndexOf('!');
  const rawSheet = bang < 0 ? a1 : a1.slice(0, bang);
  const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replaceAll("''", "'") : rawSheet;
  if (bang < 0) return { sheet, startRow: 1, startCol: 0 };
  const [from = '', to] = a1.slice(bang + 1).split(':');
  const cell = (text: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(text) ?? [];
    const letters = m[1] ?? '';
    const col = letters ? [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : undefined;
    return { col, row: m[2] ? Number(m[2]) : undefined };
  };
  const start = cell(from);
  const end = to === undefined ? start : cell(to);
  return {
    sheet,
    startRow: start.row ?? 1,
    startCol: start.col ?? 0,
    ...(end.row === undefined ? {} : { endRow: end.row }),
    ...(end.col === undefined ? {} : { endCol: end.col }),
  };
}

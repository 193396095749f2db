// The slice of the Sheets REST API v4 the node calls: read, append and update values. Every call
// goes through the egress client with a service-account token; a 401 renews the token once.
import type { SecretResolver } from '@weft/engine';
import type { EgressClient, EgressResponse } from '../../egress/index.ts';
import { statusError } from '../../io/http/http-response.ts';
import type { CellValue } from './a1.ts';
import type { TokenCache } from './service-account.ts';

/** The Sheets API origin. */
export const SHEETS_BASE_URL = 'https://sheets.googleapis.com';

/** How values written are interpreted: as typed in the UI (formulas, dates) or as they are. */
export type ValueInputOption = 'USER_ENTERED' | 'RAW';

/** What one API call needs besides its own arguments. */
export interface SheetsCall {
  spreadsheetId: string;
  credential: string;
  secrets: SecretResolver;
  signal: AbortSignal;
  now: number;
}

/** Values of one range, as the API answers. */
export interface ValueRange {
  range: string;
  values: CellValue[][];
}

/** The Sheets values API over one egress client and token cache. */
export interface SheetsApi {
  get(call: SheetsCall, range: string): Promise<ValueRange>;
  append(call: SheetsCall, range: string, values: CellValue[][], input: ValueInputOption): Promise<{ updatedRange: string; updatedRows: number }>;
  update(call: SheetsCall, range: string, values: CellValue[][], input: ValueInputOption): Promise<{ updatedRange: string; updatedCells: number }>;
}

/** Builds the API client; `baseUrl` points it at another server (tests, a proxy). */
export function createSheetsApi(options: { egress: EgressClient; tokens: TokenCache; baseUrl?: string }): SheetsApi {
  const base = (options.baseUrl ?? SHEETS_BASE_URL).replace(/\/+$/, '');
  const url = (call: SheetsCall, range: string, suffix = '', query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    return `${base}/v4/spreadsheets/${encodeURIComponent(call.spreadsheetId)}/values/${encodeURIComponent(range)}${suffix}${search ? `?${search}` : ''}`;
  };

  async function send(call: SheetsCall, request: { method: string; url: string; body?: unknown }): Promise<EgressResponse> {
    const where = `Google Sheets ${request.method} ${request.url.slice(base.length)}`;
    for (let attempt = 1; ; attempt++) {
      const token = await options.tokens.get(call);
      const response = await options.egress.request({
        url: request.url,
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: call.signal,
      });
      if (response.status === 401 && attempt === 1) {
        options.tokens.forget(call.credential);
        continue;
      }
      const failure = statusError({ response, where, secrets: [token], now: call.now });
      if (failure) throw failure;
      return response;
    }
  }

  return {
    async get(call, range) {
      const response = await send(call, { method: 'GET', url: url(call, range) });
      const body = response.json() as { range?: string; values?: CellValue[][] };
      return { range: body.range ?? range, values: body.values ?? [] };
    },
    async append(call, range, values, input) {
      const response = await send(call, {
        method: 'POST',
        url: url(call, range, ':append', { valueInputOption: input, insertDataOption: 'INSERT_ROWS' }),
        body: { range, majorDimension: 'ROWS', values },
      });
      const updates = (response.json() as { updates?: { updatedRange?: string; updatedRows?: number } }).updates;
      return { updatedRange: updates?.updatedRange ?? range, updatedRows: updates?.updatedRows ?? values.length };
    },
    async update(call, range, values, input) {
      const response = await send(call, {
        method: 'PUT',
        url: url(call, range, '', { valueInputOption: input }),
        body: { range, majorDimension: 'ROWS', values },
      });
      const body = response.json() as { updatedRange?: string; updatedCells?: number };
      return { updatedRange: body.updatedRange ?? range, updatedCells: body.updatedCells ?? 0 };
    },
  };
}

import { defineNode, NonRetryableError, type Json, type JsonObject, type NodeContext, type NodeType } from '@weft/engine';
import { z } from 'zod';
import type { EgressClient } from '../../egress/index.ts';
import { columnLetter, objectsToRows, rowsToObjects, sheetRange, toCell, type CellValue } from './a1.ts';
import { createTokenCache } from './service-account.ts';
import { createSheetsApi, type SheetsApi, type SheetsCall } from './sheets-api.ts';

const cell = z.union([z.string(), z.number(), z.boolean()]);

const params = z
  .object({
    operation: z.enum(['read', 'append', 'update']),
    credential: z.string().min(1).describe('Name of a stored credential holding the service-account JSON key.'),
    spreadsheetId: z.string().min(1).describe('The id in the sheet URL: docs.google.com/spreadsheets/d/<id>/edit.'),
    sheet: z.string().min(1).default('Sheet1').describe('The tab; its first row holds the column names.'),
    range: z
      .string()
      .regex(/^[A-Za-z]*\d*(:[A-Za-z]*\d*)?$/, 'an A1 range inside the sheet, e.g. A1:D100')
      .optional()
      .describe('read: an A1 range inside the sheet whose first row is the header (default: the whole sheet).'),
    rows: z.array(z.record(z.string(), z.unknown())).optional().describe('append: objects keyed by column name.'),
    values: z.record(z.string(), z.unknown()).optional().describe('update: the columns to change, by name.'),
    rowNumber: z.number().int().min(2).optional().describe('update: the sheet row to change (row 1 is the header).'),
    match: z
      .object({ column: z.string().min(1), value: cell })
      .strict()
      .optional()
      .describe('update: change the first row whose `column` equals `value`, instead of a rowNumber.'),
    valueInputOption: z
      .enum(['USER_ENTERED', 'RAW'])
      .default('USER_ENTERED')
      .describe('USER_ENTERED parses values as if typed (formulas, dates); RAW stores them as they are.'),
  })
  .superRefine((p, issues) => {
    if (p.operation === 'append' && (p.rows === undefined || p.rows.length === 0))
      issues.addIssue({ code: 'custom', path: ['rows'], message: 'append needs rows: a list of objects keyed by column name' });
    if (p.operation === 'update') {
      if (p.values === undefined)
        issues.addIssue({ code: 'custom', path: ['values'], message: 'update needs values: the columns to change, by name' });
      if ((p.rowNumber === undefined) === (p.match === undefined))
        issues.addIssue({ code: 'custom', path: ['rowNumber'], message: 'update needs exactly one of rowNumber or match: { column, value }' });
    }
  });
type Params = z.output<typeof params>;

/** How the Google Sheets node reaches Google. */
export interface GoogleSheetsNodeOptions {
  /** The one egress client for user-influenced traffic (token exchange included). */
  egress: EgressClient;
  /** The Sheets API origin (default https://sheets.googleapis.com); the token URL comes from the key. */
  baseUrl?: string;
}

/**
 * The `google_sheets` node: reads rows as objects (the header row names the fields), appends
 * objects as rows, or updates one row found by number or by a key column — over the Sheets REST
 * API v4, authenticated as a service account whose JSON key is a stored credential.
 */
export function createGoogleSheetsNode(options: GoogleSheetsNodeOptions): NodeType {
  const api = createSheetsApi({ egress: options.egress, tokens: createTokenCache(options.egress), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  return defineNode({
    type: 'google_sheets',
    version: 1,
    category: 'integration',
    title: 'Google Sheets',
    description:
      'Reads, appends or updates rows of a Google Sheet as a service account (share the sheet with its client_email). ' +
      'The first row of the sheet names the columns. read: `{ header, rows }` with one object per row; ' +
      'append: `rows` (objects by column name) → `{ appended, updatedRange }`; update: `values` for the row at `rowNumber` or the first row where `match.column` equals `match.value` → `{ rowNumber, updatedRange, row }`. ' +
      'Appends are not idempotent: a retried attempt may add its rows twice.',
    params,
    example: {
      operation: 'append',
      credential: 'google-service-account',
      spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
      sheet: 'Leads',
      rows: [{ Name: '{{ input.body.name }}', Email: '{{ input.body.email }}' }],
    },
    async run(ctx) {
      const call: SheetsCall = {
        spreadsheetId: ctx.params.spreadsheetId,
        credential: ctx.params.credential,
        secrets: ctx.secrets,
        signal: ctx.signal,
        now: ctx.clock.now(),
      };
      switch (ctx.params.operation) {
        case 'read':
          return { output: await readRows(api, call, ctx.params) };
        case 'append':
          return { output: await appendRows(api, call, ctx.params) };
        case 'update':
          return { output: await updateRow(api, call, ctx) };
      }
    },
  }) as NodeType;
}

async function readRows(api: SheetsApi, call: SheetsCall, p: Params): Promise<Json> {
  const { range, values } = await api.get(call, sheetRange(p.sheet, p.range));
  const { header, rows } = rowsToObjects(values);
  return { range, header, rows };
}

async function appendRows(api: SheetsApi, call: SheetsCall, p: Params): Promise<Json> {
  const header = await headerRow(api, call, p.sheet);
  const values = objectsToRows(header, (p.rows ?? []) as JsonObject[], 'params.rows');
  const { updatedRange, updatedRows } = await api.append(call, sheetRange(p.sheet, 'A1'), values, p.valueInputOption);
  return { appended: updatedRows, updatedRange };
}

async function updateRow(api: SheetsApi, call: SheetsCall, ctx: NodeContext<Params>): Promise<Json> {
  const p = ctx.params;
  const { values: sheet } = await api.get(call, sheetRange(p.sheet));
  const header = (sheet[0] ?? []).map((c) => String(c).trim());
  if (header.every((name) => name === ''))
    throw new NonRetryableError(`Sheet '${p.sheet}' has no header row: put the column names in row 1.`);
  const rowNumber = p.rowNumber ?? findRow(sheet, header, p);
  const changes = p.values as JsonObject;
  objectsToRows(header, [changes], 'params.values');
  const current = sheet[rowNumber - 1] ?? [];
  const row: CellValue[] = header.map((name, i) =>
    name !== '' && Object.hasOwn(changes, name) ? toCell(changes[name]) : (current[i] ?? ''),
  );
  const target = sheetRange(p.sheet, `A${rowNumber}:${columnLetter(header.length - 1)}${rowNumber}`);
  const { updatedRange } = await api.update(call, target, [row], p.valueInputOption);
  ctx.logger.debug('google_sheets update', { sheet: p.sheet, rowNumber });
  return { rowNumber, updatedRange, row: rowsToObjects([header, row]).rows[0] ?? {} };
}

async function headerRow(api: SheetsApi, call: SheetsCall, sheet: string): Promise<string[]> {
  const { values } = await api.get(call, sheetRange(sheet, '1:1'));
  const header = (values[0] ?? []).map((c) => String(c).trim());
  if (header.every((name) => name === ''))
    throw new NonRetryableError(`Sheet '${sheet}' has no header row: put the column names in row 1.`);
  return header;
}

function findRow(sheet: CellValue[][], header: string[], p: Params): number {
  const match = p.match;
  if (!match) throw new NonRetryableError('update needs params.rowNumber or params.match.');
  const column = header.indexOf(match.column);
  if (column < 0)
    throw new NonRetryableError(`params.match.column: '${match.column}' is not a column of sheet '${p.sheet}' (${header.filter(Boolean).join(', ')}).`);
  const index = sheet.findIndex((row, i) => i > 0 && String(row[column] ?? '') === String(match.value));
  if (index < 0)
    throw new NonRetryableError(`No row of sheet '${p.sheet}' has ${match.column} = ${JSON.stringify(match.value)}; append it instead, or check the value.`);
  return index + 1;
}

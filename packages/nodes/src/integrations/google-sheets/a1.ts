// A1 notation and the header-row mapping between sheet values and objects. Pure: no I/O.
import { NonRetryableError, type Json, type JsonObject } from '@weft/engine';

/** One cell as the Sheets API sends and accepts it. */
export type CellValue = string | number | boolean;

/** `0` → `A`, `25` → `Z`, `26` → `AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A sheet name quoted for A1 notation: `Q1 'Sales'` → `'Q1 ''Sales'''`. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replaceAll("'", "''")}'`;
}

/** `range` inside `sheet` (`A1:D20`), or the whole sheet when there is none. */
export function sheetRange(sheet: string, range?: string): string {
  return range ? `${quoteSheet(sheet)}!${range}` : quoteSheet(sheet);
}

/** Rows of values (first row: the header) → one object per row, keyed by header name. */
export function rowsToObjects(values: readonly (readonly CellValue[])[]): { header: string[]; rows: JsonObject[] } {
  const [first = [], ...body] = values;
  const header = first.map((cell) => String(cell).trim());
  const rows = body
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => {
      const object: JsonObject = {};
      header.forEach((name, i) => {
        if (name !== '') object[name] = row[i] ?? '';
      });
      return object;
    });
  return { header, rows };
}

/**
 * Objects → rows of values in header order. A key that is not a header column is refused, so a
 * typo does not silently drop data; a missing key leaves its cell empty.
 */
export function objectsToRows(header: readonly string[], objects: readonly JsonObject[], where: string): CellValue[][] {
  const known = new Set(header.filter((name) => name !== ''));
  return objects.map((object, i) => {
    const unknown = Object.keys(object).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      throw new NonRetryableError(
        `${where}[${i}]: ${unknown.map((k) => `'${k}'`).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of the header row (${[...known].join(', ') || 'empty'}); add the column to the sheet or rename the field.`,
      );
    }
    return header.map((name) => toCell(name === '' ? undefined : object[name]));
  });
}

/** A JSON value as a cell: text, number and boolean as they are, null/absent empty, the rest as JSON. */
export function toCell(value: Json | undefined): CellValue {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

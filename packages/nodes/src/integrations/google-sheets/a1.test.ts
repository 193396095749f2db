import { describe, expect, it } from 'vitest';
import { columnLetter, objectsToRows, quoteSheet, rowsToObjects, sheetRange } from './a1.ts';

describe('A1 helpers', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });

  it('quotes sheet names, doubling quotes', () => {
    expect(quoteSheet("Q1 'Sales'")).toBe("'Q1 ''Sales'''");
    expect(sheetRange('Leads', 'A1:C9')).toBe("'Leads'!A1:C9");
    expect(sheetRange('Leads')).toBe("'Leads'");
  });
});

describe('rows and objects', () => {
  it('maps rows to objects by header, filling short rows and skipping blank ones', () => {
    expect(rowsToObjects([['Name', ' Email ', ''], ['Ada', 'ada@x.org', 'ignored'], [], ['', ''], ['Grace']])).toEqual({
      header: ['Name', 'Email', ''],
      rows: [
        { Name: 'Ada', Email: 'ada@x.org' },
        { Name: 'Grace', Email: '' },
      ],
    });
    expect(rowsToObjects([])).toEqual({ header: [], rows: [] });
  });

  it('maps objects to rows in header order; nested values become JSON, null empty', () => {
    expect(objectsToRows(['Name', 'Score', 'Tags', 'Note'], [{ Tags: ['a'], Name: 'Ada', Score: 3, Note: null }, { Name: 'Bo' }], 'rows')).toEqual([
      ['Ada', 3, '["a"]', ''],
      ['Bo', '', '', ''],
    ]);
  });

  it('refuses a field that is not a column, naming it and the columns', () => {
    expect(() => objectsToRows(['Name', 'Email'], [{ Name: 'Ada' }, { Nmae: 'Bo' }], 'params.rows')).toThrow(
      "params.rows[1]: 'Nmae' is not a column of the header row (Name, Email)",
    );
  });
});

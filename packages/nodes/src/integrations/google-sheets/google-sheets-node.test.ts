import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { secretsOf } from '../../io/test-support.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createGoogleSheetsNode } from './index.ts';
import { FAKE_SPREADSHEET_ID, startFakeGoogle, type FakeGoogle } from './test-support.ts';

let google: FakeGoogle | undefined;
afterEach(() => google?.close());

const LEADS = [
  ['Name', 'Email', 'Status'],
  ['Ada', 'ada@example.com', 'new'],
  ['Grace', 'grace@example.com', 'won'],
];

/** An engine whose library has the Sheets node pointed at the fake Google, with the key stored as `gsa`. */
async function setup(sheets: Record<string, (string | number | boolean)[][]> = { Leads: LEADS }, egressAllow = ['127.0.0.1']) {
  google = await startFakeGoogle(sheets);
  const node = createGoogleSheetsNode({ egress: createEgressClient({ allow: egressAllow }), baseUrl: google.server.origin });
  const t = createTestEngine({ nodes: [node], engine: { secrets: secretsOf({ gsa: google.keyJson, broken: '{"client_email": "x"}' }) } });
  return { t, google };
}

/** A one-node workflow around the Sheets node. */
function sheetsStep(params: Record<string, Json>) {
  return {
    name: 'sheets',
    nodes: [{ id: 'sheet', type: 'google_sheets', params: { credential: 'gsa', spreadsheetId: FAKE_SPREADSHEET_ID, sheet: 'Leads', ...params } }],
  };
}

describe('google_sheets node', () => {
  it('read: rows as objects keyed by the header row, after a verified JWT exchange', async () => {
    const { t, google } = await setup();
    const view = await t.run(sheetsStep({ operation: 'read' }));
    expect(view.run.status, JSON.stringify(view.run.error)).toBe('succeeded');
    expect(view.run.output).toMatchObject({
      header: ['Name', 'Email', 'Status'],
      rows: [
        { Name: 'Ada', Email: 'ada@example.com', Status: 'new' },
        { Name: 'Grace', Email: 'grace@example.com', Status: 'won' },
      ],
    });
    expect(google.exchanges).toHaveLength(1);
    expect(google.exchanges[0]).toMatchObject({ iss: 'weft-test@project.iam.gserviceaccount.com', aud: `${google.server.origin}/token` });
    expect(google.calls).toEqual([`GET /v4/spreadsheets/${FAKE_SPREADSHEET_ID}/values/'Leads'`]);
  });

  it('read: a range inside the sheet', async () => {
    const { t } = await setup();
    const view = await t.run(sheetsStep({ operation: 'read', range: 'A1:B2' }));
    expect(view.run.output).toMatchObject({ header: ['Name', 'Email'], rows: [{ Name: 'Ada', Email: 'ada@example.com' }] });
  });

  it('append: objects become rows in header order; the token is cached across steps', async () => {
    const { t, google } = await setup();
    const view = await t.run({
      name: 'append twice',
      nodes: [
        {
          id: 'first',
          type: 'google_sheets',
          params: { operation: 'append', credential: 'gsa', spreadsheetId: FAKE_SPREADSHEET_ID, sheet: 'Leads', rows: [{ Email: 'linus@example.com', Name: 'Linus' }] },
        },
        {
          id: 'second',
          type: 'google_sheets',
          params: {
            operation: 'append',
            credential: 'gsa',
            spreadsheetId: FAKE_SPREADSHEET_ID,
            sheet: 'Leads',
            rows: [{ Name: '{{ input.name }}', Status: 'new', Email: '=HYPERLINK("mailto:x")' }],
            valueInputOption: 'RAW',
          },
        },
      ],
      edges: [{ from: 'first', to: 'second' }],
    }, { name: 'Barbara' });
    expect(view.run.status, JSON.stringify(view.run.error)).toBe('succeeded');
    expect(view.attempt('first').output).toMatchObject({ appended: 1, updatedRange: 'Leads!A4:Z4' });
    expect(google.sheets.get('Leads')?.slice(3)).toEqual([
      ['Linus', 'linus@example.com', ''],
      ['Barbara', '=HYPERLINK("mailto:x")', 'new'],
    ]);
    expect(google.exchanges).toHaveLength(1);
    expect(google.calls).toContain(`POST /v4/spreadsheets/${FAKE_SPREADSHEET_ID}/values/'Leads'!A1:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS`);
    expect(google.calls.at(-1)).toContain('valueInputOption=RAW');
  });

  it('append: a field that is not a column fails for good, naming the columns', async () => {
    const { t } = await setup();
    const view = await t.run(sheetsStep({ operation: 'append', rows: [{ Name: 'X', Phone: '1' }] }));
    expect(view.run.status).toBe('failed');
    expect(view.run.error?.message).toContain("params.rows[0]: 'Phone' is not a column of the header row (Name, Email, Status)");
  });

  it('update by key column: changes only the given cells of the matching row', async () => {
    const { t, google } = await setup();
    const view = await t.run(sheetsStep({ operation: 'update', match: { column: 'Email', value: 'grace@example.com' }, values: { Status: 'lost' } }));
    expect(view.run.status, JSON.stringify(view.run.error)).toBe('succeeded');
    expect(view.run.output).toMatchObject({ rowNumber: 3, updatedRange: "'Leads'!A3:C3", row: { Name: 'Grace', Email: 'grace@example.com', Status: 'lost' } });
    expect(google.sheets.get('Leads')?.[2]).toEqual(['Grace', 'grace@example.com', 'lost']);
    expect(google.calls.at(-1)).toBe(`PUT /v4/spreadsheets/${FAKE_SPREADSHEET_ID}/values/'Leads'!A3:C3?valueInputOption=USER_ENTERED`);
  });

  it('update by row number', async () => {
    const { t, google } = await setup();
    const view = await t.run(sheetsStep({ operation: 'update', rowNumber: 2, values: { Name: 'Ada L.' } }));
    expect(view.run.status, JSON.stringify(view.run.error)).toBe('succeeded');
    expect(google.sheets.get('Leads')?.[1]).toEqual(['Ada L.', 'ada@example.com', 'new']);
  });

  it('update: no matching row is a clear error; no way to find one is refused by validation', async () => {
    const { t } = await setup();
    const missing = await t.run(sheetsStep({ operation: 'update', match: { column: 'Email', value: 'nobody@example.com' }, values: { Status: 'x' } }));
    expect(missing.run.error?.message).toContain("No row of sheet 'Leads' has Email = \"nobody@example.com\"");
    await expect(t.run(sheetsStep({ operation: 'update', values: { Status: 'x' } }))).rejects.toThrow(
      'nodes[0].params.rowNumber: update needs exactly one of rowNumber or match',
    );
  });

  it('a token the API refuses is renewed once', async () => {
    const { t, google } = await setup();
    expect((await t.run(sheetsStep({ operation: 'read' }))).run.status).toBe('succeeded');
    google.validTokens.clear();
    const view = await t.run(sheetsStep({ operation: 'read' }));
    expect(view.run.status, JSON.stringify(view.run.error)).toBe('succeeded');
    expect(google.exchanges).toHaveLength(2);
  });

  it('credential problems fail with what to do, never the key', async () => {
    const { t, google } = await setup();
    const missing = await t.run(sheetsStep({ operation: 'read', credential: 'nope' }));
    expect(missing.run.error?.message).toContain("Credential 'nope' (params.credential) was not found");
    const broken = await t.run(sheetsStep({ operation: 'read', credential: 'broken' }));
    expect(broken.run.error?.message).toContain('it needs client_email and private_key');
    expect(JSON.stringify([missing.run, broken.run])).not.toContain('PRIVATE KEY');
    expect(google.exchanges).toHaveLength(0);
  });

  it('goes through the egress client: a loopback Google is refused unless allow-listed', async () => {
    const { t, google } = await setup({ Leads: LEADS }, []);
    const view = await t.run(sheetsStep({ operation: 'read' }));
    expect(view.run.status).toBe('failed');
    expect(view.run.error?.message).toMatch(/127\.0\.0\.1|loopback/i);
    expect(google.exchanges).toHaveLength(0);
  });
});

import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArtifactStore } from '@weft/engine';
import { createFolderArtifactStore, safeArtifactName } from './folder-artifact-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const meta = (name: string, runId = 'run-1') => ({
  runId,
  stepId: 'write',
  name,
  contentType: 'text/plain',
  createdAt: 1_700_000_000_000,
});

describe('folder artifact store', () => {
  let root: string;
  let store: ArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'weft-artifacts-'));
    store = createFolderArtifactStore({ root: join(root, 'artifacts') });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a file and reads it back by id', async () => {
    const record = await store.put(meta('report.md'), bytes('# Hello'));
    expect(record).toStrictEqual({
      ...meta('report.md'),
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      size: 7,
    });
    const got = await store.get('run-1', record.id);
    expect(got?.record).toStrictEqual(record);
    expect(new TextDecoder().decode(got?.data)).toBe('# Hello');
    expect(await readdir(join(root, 'artifacts', 'run-1'))).toContain(`${record.id}-report.md`);
  });

  it('lists a run’s artifacts in the order they were made, and nothing for another run', async () => {
    const a = await store.put(meta('a.txt'), bytes('a'));
    const b = await store.put(meta('a.txt'), bytes('bb'));
    await store.put(meta('c.txt', 'run-2'), bytes('c'));
    expect(await store.list('run-1')).toStrictEqual([a, b]);
    expect(a.id).not.toBe(b.id);
    expect(await store.list('never-ran')).toStrictEqual([]);
  });

  it('keeps every artifact of concurrent writes', async () => {
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.put(meta(`f${i}.txt`), bytes(`${i}`))),
    );
    const listed = await store.list('run-1');
    expect(listed).toHaveLength(40);
    expect(new Set(listed.map((r) => r.id))).toStrictEqual(new Set(made.map((r) => r.id)));
  });

  it.each([
    ['an id of another run', (id: string) => ['run-2', id]],
    ['an id that is not in the index', () => ['run-1', '0'.repeat(32)]],
    ['a path', () => ['run-1', '../index.jsonl']],
    ['the index file', () => ['run-1', 'index.jsonl']],
  ])('answers undefined for %s', async (_case, ask: (id: string) => string[]) => {
    const record = await store.put(meta('x.txt'), bytes('x'));
    await store.put(meta('y.txt', 'run-2'), bytes('y'));
    const [runId = '', id = ''] = ask(record.id);
    expect(await store.get(runId, id)).toBeUndefined();
  });

  it('answers undefined when the indexed file is gone', async () => {
    const record = await store.put(meta('x.txt'), bytes('x'));
    await rm(join(root, 'artifacts', 'run-1', `${record.id}-x.txt`));
    expect(await store.get('run-1', record.id)).toBeUndefined();
  });

  it('skips an index line torn by a crash and keeps the lines after it', async () => {
    const before = await store.put(meta('before.txt'), bytes('1'));
    await appendFile(join(root, 'artifacts', 'run-1', 'index.jsonl'), '\n{"id":"abc');
    const after = await store.put(meta('after.txt'), bytes('2'));
    expect(await store.list('run-1')).toStrictEqual([before, after]);
  });

  it('ignores index lines that would point outside the run folder', async () => {
    const forged = { ...meta('../../secret'), id: 'f'.repeat(32), size: 1 };
    await store.put(meta('real.txt'), bytes('1'));
    await writeFile(join(root, 'secret'), 'do not serve');
    await appendFile(join(root, 'artifacts', 'run-1', 'index.jsonl'), `\n${JSON.stringify(forged)}`);
    expect((await store.list('run-1')).map((r) => r.name)).toStrictEqual(['real.txt']);
    expect(await store.get('run-1', forged.id)).toBeUndefined();
  });

  it.each(['../escape', '..', '.', 'a/b', 'a\\b', '', 'x'.repeat(201)])(
    'refuses the run id %j',
    async (runId) => {
      await expect(store.put(meta('a.txt', runId), bytes('a'))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(store.list(runId)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    },
  );

  it('stores the safe name, never a path', async () => {
    const record = await store.put(meta('../../etc/passwd'), bytes('x'));
    expect(record.name).toBe('_._etc_passwd');
    expect(await readdir(join(root, 'artifacts', 'run-1'))).toStrictEqual(
      expect.arrayContaining([`${record.id}-_._etc_passwd`, 'index.jsonl']),
    );
    expect(await readFile(join(root, 'artifacts', 'run-1', `${record.id}-_._etc_passwd`), 'utf8')).toBe('x');
  });
});

describe('safeArtifactName', () => {
  it.each([
    ['report.md', 'report.md'],
    ['../../etc/passwd', '_._etc_passwd'],
    ['a/b\\c.txt', 'a_b_c.txt'],
    ['notes..final...txt', 'notes.final.txt'],
    ['.env', 'env'],
    ['...', 'artifact'],
    ['', 'artifact'],
    ['name.', 'name'],
    ['tab\there\u0000nul', 'tab_here_nul'],
    ['what?<is>:this|"*', 'what__is__this___'],
    ['résumé 🧵.pdf', 'résumé 🧵.pdf'],
  ])('%j → %j', (name, safe) => {
    expect(safeArtifactName(name)).toBe(safe);
  });

  it('cuts long names to 150 bytes, keeping the extension and whole characters', () => {
    const safe = safeArtifactName(`${'é'.repeat(200)}.json`);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(150);
    expect(safe.endsWith('é.json')).toBe(true);
    expect(safeArtifactName(`${'🧵'.repeat(100)}`)).toBe('🧵'.repeat(37));
  });
});

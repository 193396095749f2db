import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createIoNodes } from '../index.ts';
import { MemoryArtifacts, tempDir } from '../test-support.ts';
import { isInside } from './safe-path.ts';

/** A base folder holding the workspace root, plus an `outside` folder next to it. */
async function setup() {
  const base = await tempDir();
  const root = join(base, 'ws');
  const outside = join(base, 'outside');
  await mkdir(outside, { recursive: true });
  const artifacts = new MemoryArtifacts();
  const t = createTestEngine({
    nodes: createIoNodes({ egress: createEgressClient() }),
    engine: { artifacts, workspaceRoot: root },
  });
  // A named project workspace, so its folder is known before the run: <root>/projects/site.
  const workspace = join(root, 'projects', 'site');
  const run = (...steps: Record<string, unknown>[]) => {
    const flow = workflow('files');
    steps.forEach((params, i) => flow.node(`f${i}`, 'files', params));
    if (steps.length > 1) flow.chain(...steps.map((_, i) => `f${i}`));
    return t.run({ ...flow.build(), workspace: 'site' });
  };
  return { t, base, root, outside, workspace, artifacts, run };
}

describe('files node', () => {
  it('writes text and JSON (creating folders), reads, lists and deletes inside the workspace', async () => {
    const { run, workspace, artifacts } = await setup();
    const view = await run(
      { operation: 'write', path: 'reports/a.md', content: '# Hello' },
      { operation: 'write', path: 'data/b.json', content: { n: 1 } },
      { operation: 'read', path: 'data/b.json', encoding: 'json' },
      { operation: 'list', path: '.', recursive: true },
      { operation: 'delete', path: 'reports/a.md' },
      { operation: 'delete', path: 'reports/a.md' },
    );
    expect(view.run.status).toBe('succeeded');
    expect(await readFile(join(workspace, 'data/b.json'), 'utf8')).toBe('{\n  "n": 1\n}\n');
    expect(view.attempt('f0').output).toMatchObject({
      path: 'reports/a.md',
      size: 7,
      artifact: { name: 'reports/a.md' },
    });
    expect(view.attempt('f2').output).toMatchObject({ content: { n: 1 }, encoding: 'json' });
    expect(
      (view.attempt('f3').output as { entries: { path: string; type: string }[] }).entries.map(
        (e) => `${e.type}:${e.path}`,
      ),
    ).toEqual(['directory:data', 'file:data/b.json', 'directory:reports', 'file:reports/a.md']);
    expect(view.attempt('f4').output).toEqual({ path: 'reports/a.md', deleted: true });
    expect(view.attempt('f5').output).toEqual({ path: 'reports/a.md', deleted: false });
    expect(existsSync(join(workspace, 'reports/a.md'))).toBe(false);
    expect(artifacts.files.map((f) => [f.record.name, f.record.contentType])).toEqual([
      ['reports/a.md', 'text/markdown; charset=utf-8'],
      ['data/b.json', 'application/json'],
    ]);
  });

  it('round-trips base64', async () => {
    const { run } = await setup();
    const bytes = Buffer.from([0, 1, 2, 254, 255]).toString('base64');
    const view = await run(
      { operation: 'write', path: 'bin/x.dat', content: bytes, encoding: 'base64' },
      { operation: 'read', path: 'bin/x.dat', encoding: 'base64' },
    );
    expect(view.attempt('f1').output).toMatchObject({ content: bytes, size: 5 });
  });

  it.each([
    { name: '..', path: '../x', why: /'\.\.' is not allowed/ },
    { name: 'nested ..', path: 'a/../../x', why: /'\.\.' is not allowed/ },
    { name: '..%2f', path: '..%2fx', why: /'\.\.' is not allowed/ },
    { name: 'double-encoded', path: '%252e%252e%252fx', why: /'\.\.' is not allowed/ },
    { name: 'backslashes', path: '..\\x', why: /'\.\.' is not allowed/ },
    { name: 'an absolute path', path: '/tmp/weft-evil', why: /absolute paths/ },
    { name: 'an encoded absolute path', path: '%2ftmp%2fweft-evil', why: /absolute paths/ },
    { name: 'a drive path', path: 'C:\\evil', why: /absolute paths/ },
    { name: 'the sibling-prefix folder', path: '../site-evil/x', why: /'\.\.' is not allowed/ },
  ])('refuses $name for every operation, writing nothing outside', async ({ path, why }) => {
    const { run, base, workspace } = await setup();
    for (const operation of ['write', 'read', 'list', 'delete']) {
      const view = await run({ operation, path, content: 'pwned' });
      expect(view.run.status).toBe('failed');
      expect(view.attempt('f0').error).toMatchObject({ code: 'NON_RETRYABLE', retryable: false });
      expect(view.attempt('f0').error?.message).toMatch(why);
      expect(view.attempt('f0').error?.message).toContain('Refused path');
    }
    expect(existsSync('/tmp/weft-evil')).toBe(false);
    expect(await contentsOutside(base, workspace)).toEqual([]);
  });

  it('refuses a symlink inside the workspace that points outside, for every operation', async () => {
    const { run, workspace, outside } = await setup();
    await mkdir(workspace, { recursive: true });
    await writeFile(join(outside, 'secret.txt'), 'top secret');
    await symlink(outside, join(workspace, 'link'));
    await symlink(join(outside, 'secret.txt'), join(workspace, 'secret-link'));
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ operation: 'write', path: 'link/new.txt', content: 'pwned' }, /symlink that points outside/],
      [{ operation: 'write', path: 'link/deeper/new.txt', content: 'pwned' }, /symlink that points outside/],
      [{ operation: 'write', path: 'secret-link', content: 'pwned' }, /symlink that points outside/],
      [{ operation: 'read', path: 'secret-link' }, /symlink that points outside/],
      [{ operation: 'read', path: 'link/secret.txt' }, /symlink that points outside/],
      [{ operation: 'list', path: 'link' }, /symlink that points outside/],
      [{ operation: 'delete', path: 'link/secret.txt' }, /symlink that points outside/],
    ];
    for (const [params, why] of cases) {
      const view = await run(params);
      expect(view.run.status, JSON.stringify(params)).toBe('failed');
      expect(view.attempt('f0').error?.message).toMatch(why);
      expect(JSON.stringify(view.run.output ?? null)).not.toContain('top secret');
    }
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
  });

  it('follows a symlink that stays inside the workspace', async () => {
    const { run, workspace } = await setup();
    await mkdir(join(workspace, 'real'), { recursive: true });
    await writeFile(join(workspace, 'real/a.txt'), 'inside');
    await symlink(join(workspace, 'real'), join(workspace, 'alias'));
    const view = await run({ operation: 'read', path: 'alias/a.txt' });
    expect(view.attempt('f0').output).toMatchObject({ content: 'inside' });
  });

  it('refuses a symlink into a sibling folder that shares the workspace name as a prefix', async () => {
    const { run, workspace } = await setup();
    const sibling = `${workspace}-evil`;
    await mkdir(workspace, { recursive: true });
    await mkdir(sibling, { recursive: true });
    await symlink(sibling, join(workspace, 'evil'));
    for (const operation of ['write', 'read', 'list']) {
      const view = await run({ operation, path: 'evil/y.txt', content: 'pwned' });
      expect(view.attempt('f0').error?.message).toMatch(/symlink that points outside/);
    }
    expect(await readdir(sibling)).toEqual([]);
    expect(isInside('/ws/run1', '/ws/run1-evil')).toBe(false);
    expect(isInside('/ws/run1', '/ws/run1/a/b')).toBe(true);
    expect(isInside('/ws/run1', '/ws/run1')).toBe(true);
  });
});

/** Every file under `base` that is not inside `workspace` or the prepared `outside` folder. */
async function contentsOutside(base: string, workspace: string): Promise<Json[]> {
  const entries = await readdir(base, { recursive: true });
  return entries.filter(
    (e) => !join(base, e).startsWith(workspace) && !['ws', 'ws/projects', 'outside'].includes(e),
  );
}

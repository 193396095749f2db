import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createIoNodes, type ShellOptions } from '../index.ts';
import { MemoryArtifacts, tempDir } from '../test-support.ts';

/** A tiny program that prints its arguments, cwd and environment as JSON. */
const PRINT_ARGS = `process.stdout.write(JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), env: process.env }));`;

async function setup(shell?: ShellOptions) {
  const root = await tempDir();
  const bin = await tempDir('weft-bin-');
  const script = join(bin, 'print-args.js');
  await writeFile(script, PRINT_ARGS);
  const artifacts = new MemoryArtifacts();
  const t = createTestEngine({
    nodes: createIoNodes({ egress: createEgressClient(), ...(shell ? { shell } : {}) }),
    engine: { artifacts, workspaceRoot: root },
  });
  const run = (params: Record<string, unknown>, input: Json = null, timeoutMs?: number) =>
    t.run(
      workflow('sh')
        .node('cmd', 'shell', params, timeoutMs ? { timeoutMs } : {})
        .build(),
      input,
    );
  return { t, root, bin, script, artifacts, run };
}

/** A program given as inline JavaScript: node -e <source>. */
const node = (source: string, ...args: string[]) => ({
  command: process.execPath,
  args: ['-e', source, ...args],
});

describe('shell node', () => {
  it('is refused unless enabled, saying how to enable it', async () => {
    const { run } = await setup();
    const view = await run({ command: 'true' });
    expect(view.run.status).toBe('failed');
    expect(view.attempt('cmd').error).toMatchObject({ code: 'NON_RETRYABLE', retryable: false });
    expect(view.attempt('cmd').error?.message).toMatch(/WEFT_SHELL=on/);
  });

  it.each([
    '; id',
    '$(id)',
    '`id`',
    'first\nsecond',
    '--upload-pack=touch canary',
    '$(touch canary)',
    '; touch canary',
    '&& touch canary #',
    '\' " \\ *',
  ])('passes the template value %j as one literal argument', async (value) => {
    const { run, script, root, bin } = await setup({ enabled: true });
    const view = await run(
      { command: process.execPath, args: [script, '{{ input.v }}', 'fixed'] },
      { v: value },
    );
    expect(view.run.status).toBe('succeeded');
    const printed = JSON.parse((view.run.output as { stdout: string }).stdout) as { args: string[] };
    expect(printed.args).toEqual([value, 'fixed']);
    for (const dir of [root, bin, process.cwd()]) expect(existsSync(join(dir, 'canary'))).toBe(false);
    expect(JSON.stringify(await readdir(root, { recursive: true }))).not.toContain('canary');
  });

  it('runs in the workspace with a minimal environment (PATH, HOME, LANG and allowed names only)', async () => {
    process.env['WEFT_TEST_ALLOWED'] = 'yes';
    process.env['WEFT_TEST_HIDDEN'] = 'no';
    try {
      const { run, script, root } = await setup({ enabled: true, envAllow: ['WEFT_TEST_ALLOWED'] });
      const view = await run({ command: process.execPath, args: [script] });
      const printed = JSON.parse((view.run.output as { stdout: string }).stdout) as {
        cwd: string;
        env: Record<string, string>;
      };
      const workspace = join(root, 'runs', view.run.id);
      expect(printed.cwd).toBe(workspace);
      expect(printed.env['HOME']).toBe(workspace);
      expect(printed.env['WEFT_TEST_ALLOWED']).toBe('yes');
      expect(printed.env['WEFT_TEST_HIDDEN']).toBeUndefined();
      expect(
        Object.keys(printed.env).filter((k) => !['PATH', 'HOME', 'LANG', 'WEFT_TEST_ALLOWED'].includes(k)),
      ).toEqual([]);
    } finally {
      delete process.env['WEFT_TEST_ALLOWED'];
      delete process.env['WEFT_TEST_HIDDEN'];
    }
  });

  it('records exit code, stdout and stderr, and saves the combined output as shell-<step>.log', async () => {
    const { run, artifacts } = await setup({ enabled: true });
    const view = await run(node('console.log("out"); console.error("err"); process.exit(3)'), null);
    expect(view.run.status).toBe('failed');
    expect(view.attempt('cmd').error?.message).toMatch(/exited with 3: err/);
    expect(artifacts.text('shell-cmd.log')).toBe('out\nerr\n');

    const allowed = await run({ ...node('console.log("out"); process.exit(2)'), allowFailure: true });
    expect(allowed.run.status).toBe('succeeded');
    expect(allowed.run.output).toMatchObject({ exitCode: 2, stdout: 'out\n', stderr: '', truncated: false });
    expect(allowed.eventsOf('artifact.created', 'cmd')).toHaveLength(1);
  });

  it('kills a program that writes past the output cap', async () => {
    const { run, artifacts } = await setup({ enabled: true, maxOutputBytes: 1000 });
    const started = Date.now();
    const view = await run(node('for (;;) process.stdout.write("x".repeat(100))'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(view.attempt('cmd').error?.message).toMatch(/more than 1000 bytes/);
    expect(artifacts.text('shell-cmd.log')).toHaveLength(1000);
  });

  it('kills the whole process group at its time limit', async () => {
    const { run, root } = await setup({ enabled: true });
    const pidFile = join(root, 'child.pid');
    // The program starts a grandchild that would outlive it, then hangs.
    const source = `const { spawn } = require('node:child_process'); const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000);`;
    const started = Date.now();
    const view = await run({ ...node(source), timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(view.attempt('cmd').error).toMatchObject({ code: 'TIMEOUT' });
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(grandchild), { timeout: 3000 }).toBe(false);
  });

  it('ends when the program exits, killing what it left running (even holding stdout open)', async () => {
    const { run, root } = await setup({ enabled: true });
    const pidFile = join(root, 'left.pid');
    const source = `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); console.log('bye'); process.exit(0);`;
    const started = Date.now();
    const view = await run({ ...node(source), timeoutMs: 20_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(view.run.output).toMatchObject({ exitCode: 0, stdout: 'bye\n' });
    const leftover = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(leftover), { timeout: 3000 }).toBe(false);
  });

  it('kills the process group when the run is cancelled', async () => {
    const { t, root } = await setup({ enabled: true });
    const pidFile = join(root, 'self.pid');
    const source = `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const { run, done } = await t.engine.startRun({
      workflow: workflow('sh').node('cmd', 'shell', node(source)).build(),
    });
    await expect.poll(() => existsSync(pidFile), { timeout: 5000 }).toBe(true);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await t.engine.cancel(run.id);
    expect((await done).status).toBe('cancelled');
    await expect.poll(() => alive(pid), { timeout: 3000 }).toBe(false);
  });

  it('says when the program does not exist', async () => {
    const { run } = await setup({ enabled: true });
    const view = await run({ command: 'weft-no-such-program' });
    expect(view.attempt('cmd').error?.message).toMatch(/'weft-no-such-program' was not found on PATH/);
  });
});

/** True while the process runs; a zombie (dead, waiting to be reaped by init) counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

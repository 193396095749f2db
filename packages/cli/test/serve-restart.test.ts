import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startLoopbackProvider, type LoopbackProvider } from '@weft/testing';

const bin = join(import.meta.dirname, '..', 'src', 'bin.ts');
const STEPS = 5;
let provider: LoopbackProvider;
let dir: string;

const chain = {
  id: 'chain',
  name: 'chain',
  nodes: Array.from({ length: STEPS }, (_, i) => ({
    id: `s${i + 1}`,
    type: 'llm',
    params: { prompt: `Step ${i + 1}: continue from ${i === 0 ? '{{ input }}' : `{{ steps.s${i}.output }}`}` },
  })),
  edges: Array.from({ length: STEPS - 1 }, (_, i) => ({ from: `s${i + 1}`, to: `s${i + 2}` })),
};

beforeAll(async () => {
  provider = await startLoopbackProvider({
    provider: 'openai',
    // Each answer takes a while, so the server can be killed between steps.
    reply: (request) => ({ text: `done ${/Step (\d+)/.exec(lastUserText(request))?.[1]}`, delayMs: 150 }),
  });
  dir = await mkdtemp(join(tmpdir(), 'weft-serve-'));
});

afterAll(async () => {
  await provider.close();
  await rm(dir, { recursive: true, force: true });
});

/** `weft serve --port 0` as a child process; resolves once it printed its URL. */
async function serve(home: string) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env: { PATH: process.env['PATH'], WEFT_HOME: home, WEFT_MODEL: 'openai:test-model', OPENAI_BASE_URL: provider.url, OPENAI_API_KEY: 'x' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    void exited.then((code) => reject(new Error(`weft serve exited with ${code}: ${stderr}`)));
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  return { child, exited, url, api, output: () => ({ stdout, stderr }) };
}

function stepCalls(from: number): number[] {
  const counts = new Array<number>(STEPS).fill(0);
  for (const request of provider.requests.slice(from)) {
    const step = Number(/Step (\d+)/.exec(JSON.stringify(request.body))?.[1]);
    if (step) counts[step - 1] = (counts[step - 1] ?? 0) + 1;
  }
  return counts;
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const runStatus = async (server: Awaited<ReturnType<typeof serve>>, runId: string) =>
  ((await server.api('GET', `/api/runs/${runId}`))['run'] as { status: string; output?: unknown }).status;

describe('weft serve', () => {
  it.each([1, 3])('SIGKILL after step %i committed, start again on the same data: the run finishes, no completed step runs twice', async (k) => {
    const home = await mkdtemp(join(dir, `home-${k}-`));
    const before = provider.requests.length;
    const first = await serve(home);
    await first.api('POST', '/api/workflows', chain);
    const runId = ((await first.api('POST', '/api/workflows/chain/runs', { input: 'go' }))['run'] as { id: string }).id;
    // Step k+1's request arrives only after step k's result is committed.
    await until(() => (stepCalls(before)[k] ?? 0) > 0, `step ${k + 1} to start`);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await serve(home);
    expect(second.output().stdout).toMatch(/picked up +1 run left by an earlier process/);
    await until(async () => (await runStatus(second, runId)) === 'succeeded', 'the run to succeed');
    const run = (await second.api('GET', `/api/runs/${runId}`))['run'] as { output: unknown };
    expect(run.output).toBe(`done ${STEPS}`);

    const calls = stepCalls(before);
    for (let step = 1; step <= k; step++) expect(calls[step - 1], `step ${step}`).toBe(1);
    // The step cut off mid-way may run again (at-least-once); every later step runs exactly once.
    expect(calls[k]).toBeGreaterThanOrEqual(1);
    for (let step = k + 2; step <= STEPS; step++) expect(calls[step - 1], `step ${step}`).toBe(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output().stderr).toContain('Stopped.');
  });

  it('SIGTERM while a run is going: the running step finishes and commits, nothing new starts, exit 0; the next start continues', async () => {
    const home = await mkdtemp(join(dir, 'home-graceful-'));
    const before = provider.requests.length;
    const server = await serve(home);
    await server.api('POST', '/api/workflows', chain);
    const runId = ((await server.api('POST', '/api/workflows/chain/runs', { input: 'go' }))['run'] as { id: string }).id;
    await until(() => (stepCalls(before)[1] ?? 0) > 0, 'step 2 to start');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const atStop = stepCalls(before);
    expect(atStop.slice(0, 2)).toEqual([1, 1]);
    expect(atStop.slice(2).every((calls) => calls === 0)).toBe(true);

    const again = await serve(home);
    await until(async () => (await runStatus(again, runId)) === 'succeeded', 'the run to succeed');
    expect(stepCalls(before)).toEqual(new Array<number>(STEPS).fill(1));
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startLoopbackProvider, type LoopbackProvider } from '@weft/testing';

const bin = join(import.meta.dirname, '..', 'src', 'bin.ts');
const STEPS = 5;
let provider: LoopbackProvider;
let dir: string;
let workflowPath: string;

beforeAll(async () => {
  provider = await startLoopbackProvider({
    provider: 'openai',
    // Each answer takes a while, so the process can be killed between steps.
    reply: (request) => ({ text: `done ${/Step (\d+)/.exec(lastUserText(request))?.[1]}`, delayMs: 150 }),
  });
  dir = await mkdtemp(join(tmpdir(), 'weft-crash-'));
  const nodes = Array.from({ length: STEPS }, (_, i) => {
    const previous = i === 0 ? '{{ input }}' : `{{ steps.s${i}.output }}`;
    return `  - id: s${i + 1}\n    type: llm\n    params: { prompt: "Step ${i + 1}: continue from ${previous}" }`;
  });
  const edges = Array.from({ length: STEPS - 1 }, (_, i) => `  - { from: s${i + 1}, to: s${i + 2} }`);
  workflowPath = join(dir, 'chain.yaml');
  await writeFile(workflowPath, `name: chain\nnodes:\n${nodes.join('\n')}\nedges:\n${edges.join('\n')}\n`);
});

afterAll(async () => {
  await provider.close();
  await rm(dir, { recursive: true, force: true });
});

/** Spawns the real CLI (`node bin.ts …`) and collects its output. */
function spawnWeft(home: string, args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env['PATH'],
      WEFT_HOME: home,
      WEFT_MODEL: 'openai:test-model',
      OPENAI_BASE_URL: provider.url,
      OPENAI_API_KEY: 'x',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

function stepCalls(from: number): number[] {
  const counts = new Array<number>(STEPS + 1).fill(0);
  for (const request of provider.requests.slice(from)) {
    const step = Number(/Step (\d+)/.exec(JSON.stringify(request.body))?.[1]);
    if (step) counts[step] = (counts[step] ?? 0) + 1;
  }
  return counts.slice(1);
}

describe('crash and resume', () => {
  it.each([1, 2, 3])('SIGKILL after step %i committed, then `weft resume`: no completed step runs twice', async (k) => {
    const home = await mkdtemp(join(dir, `home-${k}-`));
    const before = provider.requests.length;
    const first = spawnWeft(home, ['run', workflowPath, '--input', 'go', '--json']);
    // Step k+1's request arrives only after step k's result is committed.
    const deadline = Date.now() + 20_000;
    while (stepCalls(before)[k] === 0) {
      if (Date.now() > deadline) throw new Error(`step ${k + 1} never started: ${JSON.stringify(first.output())}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const runId = (JSON.parse(first.output().stdout.split('\n')[0] as string) as { runId: string }).runId;

    // `weft resume` without a run id finds the run the dead process left behind by itself.
    const second = spawnWeft(home, k === 2 ? ['resume'] : ['resume', runId]);
    const code = await second.exited;
    expect(code, second.output().stderr).toBe(0);
    expect(second.output().stdout).toContain(k === 2 ? `Run ${runId} succeeded` : `done ${STEPS}`);

    const calls = stepCalls(before);
    for (let step = 1; step <= k; step++) expect(calls[step - 1], `step ${step}`).toBe(1);
    // The step cut off mid-way may run again (at-least-once); every later step runs exactly once.
    expect(calls[k]).toBeGreaterThanOrEqual(1);
    for (let step = k + 2; step <= STEPS; step++) expect(calls[step - 1], `step ${step}`).toBe(1);

    const shown = spawnWeft(home, ['show', runId, '--json']);
    await shown.exited;
    const { run } = JSON.parse(shown.output().stdout) as { run: { status: string } };
    expect(run.status).toBe('succeeded');
  });
});

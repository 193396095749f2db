// `weft serve` as the server benches see it: a child process on a fresh WEFT_HOME, driven over
// its API on loopback only.
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startChildServer, type ChildServer } from './child-server.ts';
import { httpJson, httpRequest } from './http-load.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'bin.ts');

/** `node packages/cli/src/bin.ts serve --port 0` with its own temp WEFT_HOME in `dir`. */
export function startWeftServer(dir: string): Promise<ChildServer> {
  const home = mkdtempSync(join(dir, 'weft-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, WEFT_HOME: home, WEFT_LOG_LEVEL: 'warn' };
  delete env['WEFT_PUBLIC_URL'];
  delete env['WEFT_DEBUG'];
  return startChildServer({
    args: [BIN, 'serve', '--host', '127.0.0.1', '--port', '0'],
    env,
    ready: /Weft is listening on (http:\/\/\S+)/,
    inspect: true,
  });
}

/** Three transform steps with small templates, started by a webhook at `path`. */
export function webhookWorkflow(id: string, path: string, response: 'async' | 'sync'): unknown {
  return {
    id,
    name: id,
    nodes: [
      {
        id: 'a',
        type: 'transform',
        params: { value: { n: '{{ input.body.n }}', from: '{{ input.path }}' } },
      },
      { id: 'b', type: 'transform', params: { value: { n: '{{ steps.a.output.n }}', step: 'b' } } },
      { id: 'c', type: 'transform', params: { value: { ok: true, n: '{{ steps.b.output.n }}' } } },
    ],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ],
    triggers: [{ type: 'webhook', path, methods: ['POST'], response }],
  };
}

export async function createWorkflow(url: string, definition: unknown): Promise<void> {
  await httpJson(`${url}/api/workflows`, 'POST', definition);
}

export interface RunCounts {
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Runs that ended, whatever the outcome. */
  ended: number;
}

/** Runs that ended since the server started, from `/api/metrics` (`weft_runs_total`). */
export async function runCounts(url: string): Promise<RunCounts> {
  const answer = await httpRequest(undefined, `${url}/api/metrics`);
  if (answer.status !== 200) throw new Error(`GET /api/metrics: ${answer.status}`);
  const count = (status: string) =>
    Number(new RegExp(`^weft_runs_total\\{status="${status}"\\} (\\d+)$`, 'm').exec(answer.body)?.[1] ?? 0);
  const succeeded = count('succeeded');
  const failed = count('failed');
  const cancelled = count('cancelled');
  return { succeeded, failed, cancelled, ended: succeeded + failed + cancelled };
}

/**
 * Polls the metrics every `everyMs` until `target` runs have ended or `timeoutMs` passed. `at` is
 * the epoch ms of the poll that saw the target (or the last poll).
 */
export async function waitForRunsEnded(
  url: string,
  target: number,
  timeoutMs: number,
  everyMs = 20,
): Promise<{ counts: RunCounts; at: number; drained: boolean }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await runCounts(url);
    const at = Date.now();
    if (counts.ended >= target) return { counts, at, drained: true };
    if (at >= until) return { counts, at, drained: false };
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

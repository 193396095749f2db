// SSE latency: from an event's `at` (epoch ms, set when the engine commits it) to this process
// receiving it over `GET /api/runs/:id/events/stream`, on a running `weft serve` child.
import type { ChildServer } from '../lib/child-server.ts';
import { httpJson, percentile } from '../lib/http-load.ts';
import type { BenchResult } from '../lib/result.ts';
import { median } from '../lib/stats.ts';
import { openSse, type SseConnection } from '../lib/sse-client.ts';
import { fmt } from '../lib/table.ts';
import { createWorkflow } from '../lib/weft-server.ts';

export const SSE_SECTION = 'Weft server: SSE latency, event `at` (set at commit) → received by a client';
const STEPS = 100;
const RUNS = 3;
const RUN_TIMEOUT_MS = 30_000;

/** What one followed run showed: latencies, and when its first event arrived relative to its end. */
interface FollowedRun {
  latencies: number[];
  /** From the first to the last event committed after the resume (`at`), ms. */
  runMs: number;
  /** Receipt of the first event minus the last event's `at`: > 0 when nothing arrived before the run ended. */
  firstAfterEndMs: number;
}

interface StreamedEvent {
  seq: number;
  type: string;
  at: number;
}

/** A wait step (resumed over the API), then a chain of `STEPS` transforms. */
function sseWorkflow(): unknown {
  const nodes: unknown[] = [{ id: 'gate', type: 'wait', params: { message: 'resumed by the bench' } }];
  const edges: unknown[] = [];
  let previous = 'gate';
  for (let i = 1; i <= STEPS; i++) {
    nodes.push({ id: `s${i}`, type: 'transform', params: { value: { i, from: previous } } });
    edges.push({ from: previous, to: `s${i}` });
    previous = `s${i}`;
  }
  return { id: 'bench-sse', name: 'bench-sse', nodes, edges };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no end within ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One run: follow its stream, resume it once it waits, and return the latency of every event
 * committed after the resume (all live: the stream had caught up when `run.waiting` arrived).
 */
async function followOneRun(url: string, fail: (message: string) => void): Promise<FollowedRun> {
  const { run } = await httpJson<{ run: { id: string } }>(`${url}/api/workflows/bench-sse/runs`, 'POST', {});
  const latencies: number[] = [];
  const seen = { firstAt: Infinity, lastAt: -Infinity, firstReceivedAt: Infinity };
  let resumedAfter: number | undefined;
  let resume: Promise<unknown> = Promise.resolve();
  // The handler may close the stream; it sees the connection through this holder once it is open.
  const holder: { connection?: SseConnection } = {};
  const connection = await openSse(`${url}/api/runs/${run.id}/events/stream`, (message) => {
    const event = JSON.parse(message.data) as StreamedEvent;
    if (resumedAfter !== undefined) {
      if (event.seq <= resumedAfter) return;
      latencies.push(message.receivedAt - event.at);
      seen.firstAt = Math.min(seen.firstAt, event.at);
      seen.lastAt = Math.max(seen.lastAt, event.at);
      seen.firstReceivedAt = Math.min(seen.firstReceivedAt, message.receivedAt);
      return;
    }
    if (event.type === 'run.waiting') {
      resumedAfter = event.seq;
      resume = httpJson(`${url}/api/runs/${run.id}/resume`, 'POST', {}).catch((error: unknown) => {
        fail(`SSE latency: resume failed: ${String(error)}`);
        holder.connection?.close();
      });
    }
  });
  holder.connection = connection;
  await withTimeout(connection.ended, RUN_TIMEOUT_MS, `SSE stream of run ${run.id}`).finally(() =>
    connection.close(),
  );
  await resume;
  return {
    latencies,
    runMs: seen.lastAt - seen.firstAt,
    firstAfterEndMs: seen.firstReceivedAt - seen.lastAt,
  };
}

/** p50/p99 over every event of `RUNS` runs (after one warm-up run). */
export async function sseLatencyCases(
  server: ChildServer,
  log: (line: string) => void,
  fail: (message: string) => void,
): Promise<BenchResult[]> {
  log(`  SSE latency: ${RUNS} runs of a wait + ${STEPS} transforms, followed live`);
  await createWorkflow(server.url, sseWorkflow());
  await followOneRun(server.url, fail);
  const latencies: number[] = [];
  const runs: FollowedRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    const followed = await followOneRun(server.url, fail);
    runs.push(followed);
    latencies.push(...followed.latencies);
  }
  if (latencies.length === 0) throw new Error('SSE latency: no events received after the resume');
  const runMs = median(runs.map((r) => r.runMs));
  const firstAfterEnd = median(runs.map((r) => r.firstAfterEndMs));
  const batching =
    firstAfterEnd >= 0
      ? `; NOTHING ARRIVES WHILE THE RUN GOES: its 1st event is received ${fmt(firstAfterEnd)} ms after its last commit (run ${fmt(runMs)} ms)`
      : `; 1st event received ${fmt(-firstAfterEnd)} ms before the run's last commit (run ${fmt(runMs)} ms)`;
  const name = `/api/runs/:id/events/stream, chain of ${STEPS} transforms after a resume, idle server`;
  return [
    {
      section: SSE_SECTION,
      name: `${name}: p50`,
      unit: 'ms',
      median: percentile(latencies, 50),
      note: `${latencies.length} events of ${RUNS} runs; \`at\` is whole ms (reads up to 1 ms high)`,
    },
    {
      section: SSE_SECTION,
      name: `${name}: p99`,
      unit: 'ms',
      median: percentile(latencies, 99),
      note: `max ${fmt(Math.max(...latencies))} ms${batching}`,
    },
  ];
}

/**
 * Follows `GET /api/events/runs` (every run's status changes) while something else loads the
 * server; `stop` returns the latency of every message received.
 */
export async function followStatusStream(url: string): Promise<{ stop(): number[] }> {
  const latencies: number[] = [];
  const connection = await openSse(`${url}/api/events/runs`, (message) => {
    const change = JSON.parse(message.data) as { at?: number };
    if (typeof change.at === 'number') latencies.push(message.receivedAt - change.at);
  });
  return {
    stop() {
      connection.close();
      return latencies;
    },
  };
}

/** Rows for the status stream followed during a load. */
export function statusStreamRows(label: string, latencies: number[]): BenchResult[] {
  if (latencies.length === 0) return [];
  return [
    {
      section: SSE_SECTION,
      name: `${label}: p50`,
      unit: 'ms',
      median: percentile(latencies, 50),
      note: `${latencies.length} run.* messages; the bench process also drives the load`,
    },
    {
      section: SSE_SECTION,
      name: `${label}: p99`,
      unit: 'ms',
      median: percentile(latencies, 99),
      note: `max ${fmt(Math.max(...latencies))} ms`,
    },
  ];
}

// The server under load: webhooks into `weft serve` (a child process, SQLite) from 10 keep-alive
// clients, async and sync, next to a bare node:http + node:sqlite server writing the same rows;
// the child's RSS idle and under load; then SSE latency on the same server (server-sse.ts).
import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startChildServer, sampleEvery, type ChildServer } from '../lib/child-server.ts';
import {
  describeErrors,
  httpJson,
  httpRequest,
  percentile,
  runLoad,
  type LoadResult,
} from '../lib/http-load.ts';
import { epochNow } from '../lib/sse-client.ts';
import {
  GOAL_RUNS_PER_S,
  GOAL_SERVER_RSS,
  GOAL_WEBHOOK_P99,
  REF_N8N_RUNS,
  type BenchResult,
} from '../lib/result.ts';
import { fmt } from '../lib/table.ts';
import {
  createWorkflow,
  runCounts,
  startWeftServer,
  waitForRunsEnded,
  webhookWorkflow,
} from '../lib/weft-server.ts';
import { followStatusStream, sseLatencyCases, statusStreamRows } from './server-sse.ts';

/** Seconds of measured load per case (`WEFT_BENCH_SERVER_SECONDS` shortens it while developing). */
const SECONDS = Number(process.env['WEFT_BENCH_SERVER_SECONDS'] ?? 10);
const WARMUP_MS = 2_000;
const CLIENTS = 10;
/** Bounds the async case: at most this many runs accepted (so the backlog drains in bounded time). */
const MAX_REQUESTS = 30_000;
/** How long the backlog of accepted runs may take to drain before the rate is taken as it stands. */
const DRAIN_MS = 45_000;
const RSS_EVERY_MS = 250;

const SECTION = `Weft server: webhook → 3 transform steps, SQLite (\`weft serve\` child), ${CLIENTS} keep-alive clients, ${SECONDS} s`;
const MEMORY = `Weft server: RSS of the \`weft serve\` child (VmRSS, sampled every ${RSS_EVERY_MS} ms)`;
const BARE_SCRIPT = resolve(import.meta.dirname, '..', 'lib', 'bare-server.ts');

type Log = (line: string) => void;

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const body = (i: number) => JSON.stringify({ n: i, item: `order-${i}`, qty: 1 + (i % 5) });

interface Rss {
  max: number;
  last: number;
}

function rssRow(
  name: string,
  bytes: number | undefined,
  extra: { note?: string; goal?: boolean } = {},
): BenchResult[] {
  if (bytes === undefined) return [];
  return [
    {
      section: MEMORY,
      name,
      unit: 'MiB',
      median: bytes / MiB,
      ...(extra.goal ? { goal: GOAL_SERVER_RSS } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    },
  ];
}

function latencyRows(label: string, load: LoadResult, withGoal: boolean): BenchResult[] {
  const n = load.latenciesMs.length;
  return [
    {
      section: SECTION,
      name: `${label}: latency p50`,
      unit: 'ms',
      median: percentile(load.latenciesMs, 50),
      note: `${n} requests`,
    },
    {
      section: SECTION,
      name: `${label}: latency p99`,
      unit: 'ms',
      median: percentile(load.latenciesMs, 99),
      ...(withGoal ? { goal: GOAL_WEBHOOK_P99 } : {}),
      note: `max ${fmt(Math.max(...load.latenciesMs))} ms`,
    },
  ];
}

function spread(load: LoadResult): { min?: number; max?: number } {
  return load.perSecond.length > 0
    ? { min: Math.min(...load.perSecond), max: Math.max(...load.perSecond) }
    : {};
}

function checkErrors(label: string, load: LoadResult, fail: (message: string) => void): void {
  if (load.errors.size > 0) fail(`${label}: ${describeErrors(load.errors)} of ${load.sent} requests`);
}

/**
 * An async webhook should answer 202 before its run executes. `CLIENTS` clients send 20 requests
 * each; the share whose 202 arrived after the run's `endedAt` (whole ms) shows whether the answer
 * waited for the run.
 */
async function asyncAnswerOrder(server: ChildServer): Promise<BenchResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const answers: { runId: string; receivedAt: number }[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < 20; i++) {
        const answer = await httpRequest(agent, `${server.url}/hooks/bench/async`, 'POST', body(i));
        const receivedAt = epochNow();
        if (answer.status === 202)
          answers.push({ runId: (JSON.parse(answer.body) as { runId: string }).runId, receivedAt });
      }
    }),
  );
  agent.destroy();
  let after = 0;
  for (const { runId, receivedAt } of answers) {
    const { run } = await httpJson<{ run: { endedAt?: number } }>(`${server.url}/api/runs/${runId}`);
    // Not ended when we ask: it had not when the 202 arrived either.
    if (run.endedAt !== undefined && run.endedAt <= receivedAt) after++;
  }
  return {
    section: SECTION,
    name: 'async webhook: 202 received after its run had already ended',
    unit: '%',
    median: (100 * after) / Math.max(1, answers.length),
    note: `${after} of ${answers.length} answers (endedAt is whole ms); ≈ 0 when the 202 leaves before the run executes`,
  };
}

/** Async webhooks: accepted requests/s, then runs/s from the first request to the last run ended. */
async function asyncCase(
  server: ChildServer,
  log: Log,
  fail: (message: string) => void,
): Promise<{ rows: BenchResult[]; rss: Rss | undefined; runsPerS: number; sse: BenchResult[] }> {
  const url = `${server.url}/hooks/bench/async`;
  log(`  async webhook: warm-up ${WARMUP_MS / 1000} s`);
  const base = await runCounts(server.url);
  const warm = await runLoad({
    url,
    clients: CLIENTS,
    durationMs: WARMUP_MS,
    maxRequests: 5_000,
    body,
    okStatus: 202,
  });
  checkErrors('async webhook warm-up', warm, fail);
  const warmDrain = await waitForRunsEnded(server.url, base.ended + warm.ok, DRAIN_MS);
  if (!warmDrain.drained)
    fail(`async webhook: the warm-up's ${warm.ok} runs did not end within ${DRAIN_MS / 1000} s`);
  const start = warmDrain.counts;

  log(`  async webhook: ${SECONDS} s of load, then until the backlog drains (≤ ${DRAIN_MS / 1000} s)`);
  const status = await followStatusStream(server.url);
  const sampler = sampleEvery(RSS_EVERY_MS, () => server.rssBytes());
  const load = await runLoad({
    url,
    clients: CLIENTS,
    durationMs: SECONDS * 1000,
    maxRequests: MAX_REQUESTS,
    body,
    okStatus: 202,
  });
  const backlogAtEnd = load.ok - ((await runCounts(server.url)).ended - start.ended);
  const drain = await waitForRunsEnded(server.url, start.ended + load.ok, DRAIN_MS);
  const samples = sampler.stop();
  const sse = statusStreamRows(
    '/api/events/runs (all runs’ status changes) during the async webhook load',
    status.stop(),
  );
  checkErrors('async webhook', load, fail);
  const ended = drain.counts.ended - start.ended;
  const failed = drain.counts.failed - start.failed + (drain.counts.cancelled - start.cancelled);
  if (failed > 0) fail(`async webhook: ${failed} of ${ended} runs did not succeed`);
  const seconds = (drain.at - load.firstAt) / 1000;
  const runsPerS = ended / seconds;
  const accepted = load.ok / ((load.lastAt - load.firstAt) / 1000);
  const drainNote = drain.drained
    ? `${ended} runs; first request → last run ended ${fmt(seconds)} s; backlog at the end of the load ${backlogAtEnd} runs, drained in ${fmt((drain.at - load.lastAt) / 1000)} s`
    : `BACKLOG NOT DRAINED: ${ended} of ${load.ok} runs ended in ${fmt(seconds)} s`;
  const rows: BenchResult[] = [
    {
      section: SECTION,
      name: 'async webhook (202 + run id): requests accepted',
      unit: 'req/s',
      median: accepted,
      ...spread(load),
      note: `${load.ok} requests in ${fmt((load.lastAt - load.firstAt) / 1000)} s; min–max over whole seconds`,
    },
    {
      section: SECTION,
      name: 'async webhook: runs completed (first request → last run ended)',
      unit: 'runs/s',
      median: runsPerS,
      goal: GOAL_RUNS_PER_S,
      note: `${drainNote}; ref n8n ~${REF_N8N_RUNS.value}/s`,
    },
    ...latencyRows('async webhook (request → 202)', load, true),
  ];
  const rss = samples.length > 0 ? { max: Math.max(...samples), last: samples.at(-1) as number } : undefined;
  rows.push(await asyncAnswerOrder(server));
  return { rows, rss, runsPerS, sse };
}

/** Sync webhooks: each answer comes when its run has ended, so latency is end to end. */
async function syncCase(
  server: ChildServer,
  log: Log,
  fail: (message: string) => void,
): Promise<{ rows: BenchResult[]; rss: Rss | undefined; runsPerS: number }> {
  const url = `${server.url}/hooks/bench/sync`;
  log(`  sync webhook: warm-up ${WARMUP_MS / 1000} s, ${SECONDS} s of load`);
  const warm = await runLoad({
    url,
    clients: CLIENTS,
    durationMs: WARMUP_MS,
    maxRequests: 5_000,
    body,
    okStatus: 200,
  });
  checkErrors('sync webhook warm-up', warm, fail);
  const start = await runCounts(server.url);
  const sampler = sampleEvery(RSS_EVERY_MS, () => server.rssBytes());
  const load = await runLoad({
    url,
    clients: CLIENTS,
    durationMs: SECONDS * 1000,
    maxRequests: MAX_REQUESTS,
    body,
    okStatus: 200,
  });
  const samples = sampler.stop();
  checkErrors('sync webhook', load, fail);
  const end = await runCounts(server.url);
  const failed = end.failed - start.failed + (end.cancelled - start.cancelled);
  if (failed > 0) fail(`sync webhook: ${failed} runs did not succeed`);
  const seconds = (load.lastAt - load.firstAt) / 1000;
  const runsPerS = load.ok / seconds;
  const rows: BenchResult[] = [
    {
      section: SECTION,
      name: 'sync webhook (answer = run output): runs completed',
      unit: 'runs/s',
      median: runsPerS,
      ...spread(load),
      goal: GOAL_RUNS_PER_S,
      note: `${load.ok} runs in ${fmt(seconds)} s (${end.ended - start.ended} ended per /api/metrics); ref n8n ~${REF_N8N_RUNS.value}/s`,
    },
    ...latencyRows('sync webhook (request → run output), end to end', load, true),
  ];
  const rss = samples.length > 0 ? { max: Math.max(...samples), last: samples.at(-1) as number } : undefined;
  return { rows, rss, runsPerS };
}

/** The same rows written by a bare node:http + node:sqlite server (bench/lib/bare-server.ts). */
async function bareCase(
  dir: string,
  log: Log,
  fail: (message: string) => void,
): Promise<{ rows: BenchResult[]; runsPerS: number }> {
  const bare = await startChildServer({
    args: [BARE_SCRIPT, join(mkdtempSync(join(dir, 'bare-')), 'bare.db')],
    ready: /listening on (http:\/\/\S+)/,
  });
  try {
    const url = `${bare.url}/hooks/bench`;
    log(`  bare node:http + node:sqlite: warm-up ${WARMUP_MS / 1000} s, ${SECONDS} s of load`);
    const warm = await runLoad({
      url,
      clients: CLIENTS,
      durationMs: WARMUP_MS,
      maxRequests: 20_000,
      body,
      okStatus: 200,
    });
    checkErrors('bare server warm-up', warm, fail);
    const load = await runLoad({
      url,
      clients: CLIENTS,
      durationMs: SECONDS * 1000,
      maxRequests: 200_000,
      body,
      okStatus: 200,
    });
    checkErrors('bare server', load, fail);
    const seconds = (load.lastAt - load.firstAt) / 1000;
    const runsPerS = load.ok / seconds;
    const label = 'bare node:http + node:sqlite, same rows (2 transactions per run)';
    return {
      runsPerS,
      rows: [
        {
          section: SECTION,
          name: `${label}: runs completed`,
          unit: 'runs/s',
          median: runsPerS,
          ...spread(load),
          note: `${load.ok} runs in ${fmt(seconds)} s; the ceiling: no engine, router or templates; ref ~9,500/s`,
        },
        ...latencyRows(`${label}`, load, false),
      ],
    };
  } finally {
    await bare.stop();
  }
}

/** Starts a server with the two webhook workflows and checks they answer. */
async function startWithWorkflows(dir: string): Promise<ChildServer> {
  const server = await startWeftServer(dir);
  try {
    await createWorkflow(server.url, webhookWorkflow('bench-async', 'bench/async', 'async'));
    await createWorkflow(server.url, webhookWorkflow('bench-sync', 'bench/sync', 'sync'));
    const output = await httpJson<{ ok?: boolean; n?: unknown }>(`${server.url}/hooks/bench/sync`, 'POST', {
      n: 7,
    });
    if (output.ok !== true || output.n !== 7)
      throw new Error(`the sync webhook answered ${JSON.stringify(output)}`);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Everything of the server benches: throughput, memory, SSE latency. */
export async function serverCases(
  dir: string,
  log: Log,
  fail: (message: string) => void,
): Promise<BenchResult[]> {
  const loadAtStart = loadavg()[0] ?? 0;
  const rows: BenchResult[] = [];
  const memory: BenchResult[] = [];
  const sse: BenchResult[] = [];

  // Async on its own server, so a backlog it leaves cannot slow the sync case.
  log('  starting weft serve (async webhook)');
  let server = await startWithWorkflows(dir);
  let ratioNote = '';
  let weftAsync = 0;
  let weftSync = 0;
  try {
    await sleep(500);
    const idle = server.rssParts();
    memory.push(
      ...rssRow('idle: after start, 2 workflows created, 1 run', idle?.rss, {
        goal: true,
        note: 'no GC forced',
      }),
    );
    const gcOk = await server.collectGarbage();
    const idleGc = server.rssParts();
    const split = idleGc
      ? `RssAnon ${fmt(idleGc.anon / MiB)} MiB + RssFile ${fmt(idleGc.file / MiB)} MiB (node binary, mapped files)`
      : '';
    if (gcOk) memory.push(...rssRow('idle, after a forced GC', idleGc?.rss, { goal: true, note: split }));
    const result = await asyncCase(server, log, fail);
    rows.push(...result.rows);
    sse.push(...result.sse);
    weftAsync = result.runsPerS;
    if (result.rss) {
      memory.push(...rssRow('under async webhook load (and drain): max', result.rss.max, { goal: true }));
      memory.push(
        ...rssRow('under async webhook load: last sample', result.rss.last, {
          note: 'after the backlog drained',
        }),
      );
    }
    await server.collectGarbage();
    memory.push(
      ...rssRow('after the async load, forced GC', server.rssBytes(), { note: 'vs idle: what stays' }),
    );
  } finally {
    await server.stop();
  }

  log('  starting weft serve (sync webhook, then SSE)');
  server = await startWithWorkflows(dir);
  try {
    const result = await syncCase(server, log, fail);
    rows.push(...result.rows);
    weftSync = result.runsPerS;
    if (result.rss) {
      memory.push(...rssRow('under sync webhook load: max', result.rss.max, { goal: true }));
      memory.push(...rssRow('under sync webhook load: last sample', result.rss.last));
    }
    await server.collectGarbage();
    memory.push(
      ...rssRow('after the sync load, forced GC', server.rssBytes(), { note: 'vs idle: what stays' }),
    );
    sse.push(...(await sseLatencyCases(server, log, fail)));
  } finally {
    await server.stop();
  }

  const bare = await bareCase(dir, log, fail).catch((error: unknown) => {
    fail(`bare server: ${String(error)}`);
    return undefined;
  });
  if (bare) {
    rows.push(...bare.rows);
    ratioNote = `Weft async ${fmt(weftAsync / bare.runsPerS)}×, sync ${fmt(weftSync / bare.runsPerS)}× of bare`;
    const bareRow = bare.rows[0];
    if (bareRow) bareRow.note = `${bareRow.note ?? ''}; ${ratioNote}`;
  }
  // These cases keep both cores busy (server + load), so the run's overall load average says little
  // about them: the first row notes the load when they began and when they ended.
  const first = rows[0];
  if (first) {
    const load = `load average (1 min) ${loadAtStart.toFixed(1)} when the server benches began, ${(loadavg()[0] ?? 0).toFixed(1)} when they ended (they keep ~2 busy themselves)`;
    first.note = `${first.note ?? ''}; ${load}`;
  }
  return [...rows, ...sse, ...memory];
}

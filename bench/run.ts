// `npm run bench`: Weft's per-step overhead next to the floor and LangGraph.js, hot-path micro
// benches, and the server under webhook load (throughput, latency, RSS, SSE latency). Prints a
// table and writes bench/results.json. See bench/README.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitCases } from './cases/commit.ts';
import { engineRunCases, sqliteBytesPerStep } from './cases/engine-runs.ts';
import { eventBusCases } from './cases/event-bus.ts';
import { floorCases } from './cases/floor.ts';
import { planCase } from './cases/plan.ts';
import { runSetupCases } from './cases/run-setup.ts';
import { serverCases } from './cases/server-webhooks.ts';
import { templateCases } from './cases/templates.ts';
import { uiLiveCases } from './cases/ui-live.ts';
import { ensurePeers, langGraphCases } from './lib/peers.ts';
import type { BenchResult } from './lib/result.ts';
import { renderTable } from './lib/table.ts';

const PEER_RUNS = 10;
const MICRO = 'Hot-path micro benches';

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
const results: BenchResult[] = [];
const problems: string[] = [];
const failures: string[] = [];

/** Runs one group of cases; a failure is reported with the table instead of ending the bench. */
async function group(name: string, work: () => Promise<BenchResult[]> | BenchResult[]): Promise<void> {
  log(name);
  try {
    results.push(...(await work()));
  } catch (error) {
    failures.push(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const fail = (message: string) => failures.push(message);

try {
  // Installing first, so a first-run npm install does not compete with the measurements.
  log('LangGraph.js peers: checking the install');
  const peerProblem = await ensurePeers(log);

  await group('Weft engine runs', () => engineRunCases(dir, log, fail));
  await group('SQLite bytes per step', () => sqliteBytesPerStep(dir));
  await group('Floor', () => floorCases(dir));

  if (peerProblem) {
    problems.push(`LangGraph.js peers skipped: ${peerProblem}`);
  } else {
    log(`LangGraph.js peers (/usr/bin/node bench/peers/langgraph-bench.mjs 100 ${PEER_RUNS})`);
    const peers = await langGraphCases(100, PEER_RUNS);
    results.push(...peers.results);
    if (peers.error) problems.push(`LangGraph.js peers: ${peers.error}`);
  }

  await group('Micro: planning', () => planCase(MICRO));
  await group('Micro: run setup', () => runSetupCases(MICRO));
  await group('Micro: commit', () => commitCases(MICRO, dir, fail));
  await group('Micro: event bus', () => eventBusCases(MICRO));
  await group('Micro: templates and sandbox', () => templateCases(MICRO));
  await group('Micro: web UI live run view', () => uiLiveCases(MICRO));
  await group('Weft server: webhooks, SSE, memory (weft serve child; bare node:http baseline)', () =>
    serverCases(dir, log, fail),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const seconds = (Date.now() - started) / 1000;
const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
};
// The bench itself keeps about one core busy; more than that means something else competed.
const busy = Math.max(machine.loadAverage.before, machine.loadAverage.after - 1) > machine.cores / 2;
console.log(
  `\nWeft bench — ${new Date().toISOString()} — Node ${machine.node}, ${machine.cores} × ${machine.cpu}`,
);
console.log('Medians over repetitions after a warm-up; µs = microseconds.');
const load = `${machine.loadAverage.before.toFixed(1)} before, ${machine.loadAverage.after.toFixed(1)} after`;
console.log(
  `Load average (1 min): ${load}${busy ? ' — BUSY MACHINE: other processes competed, numbers are inflated; rerun when idle' : ''}\n`,
);
console.log(renderTable(results));
for (const problem of [...failures, ...problems]) console.log(`\n! ${problem}`);
if (failures.length > 0) process.exitCode = 1;
console.log(`\nTook ${seconds.toFixed(0)} s. Results in bench/results.json.`);

writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds, failures, problems, results }, null, 2)}\n`,
);

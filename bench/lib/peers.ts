// LangGraph.js peers: installed on first use into bench/peers, run by the system Node in their own
// process (better-sqlite3 is a native addon built for it), reported as JSON lines.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REF_LANGGRAPH_SQLITE, type BenchResult } from './result.ts';

export const PEERS_DIR = resolve(import.meta.dirname, '..', 'peers');
const SYSTEM_NODE = '/usr/bin/node';
const SECTION = 'LangGraph.js 1.4.18 peers (system Node 20, own process): whole runs ÷ steps';

type Log = (line: string) => void;

/** True once an install has finished: npm writes the hidden lockfile at the end. */
function installed(): boolean {
  return (
    existsSync(join(PEERS_DIR, 'node_modules', '.package-lock.json')) &&
    existsSync(join(PEERS_DIR, 'node_modules', '@langchain', 'langgraph', 'package.json'))
  );
}

/** Pids of `npm install` processes (other than us) working in bench/peers. Linux only; [] elsewhere. */
export function runningPeerInstalls(): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (!/\bnpm\b/.test(argv) || !/\b(install|i|ci)\b/.test(argv)) continue;
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      const prefix = /--prefix[= ](\S+)/.exec(argv)?.[1];
      if (cwd === PEERS_DIR || (prefix !== undefined && resolve(cwd, prefix) === PEERS_DIR)) pids.push(pid);
    } catch {
      // the process ended, or is not ours to read
    }
  }
  return pids;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(
  command: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ code: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes sure the peers are installed. Returns why not, when they cannot be. */
export async function ensurePeers(log: Log, waitMs = 150_000): Promise<string | undefined> {
  if (!existsSync(SYSTEM_NODE))
    return `${SYSTEM_NODE} not found (the SQLite checkpointer needs the system Node)`;
  if (installed()) return undefined;
  const others = runningPeerInstalls();
  if (others.length > 0) {
    log(
      `  an npm install in bench/peers is already running (pid ${others.join(', ')}); waiting up to ${waitMs / 1000} s`,
    );
    const until = Date.now() + waitMs;
    while (Date.now() < until && !installed() && runningPeerInstalls().length > 0) await sleep(2000);
    if (installed()) return undefined;
    const still = runningPeerInstalls();
    if (still.length > 0)
      return `another npm install in bench/peers (pid ${still.join(', ')}) did not finish within ${waitMs / 1000} s`;
  }
  log('  installing LangGraph.js peers: npm install --prefix bench/peers (first run only, about a minute)');
  // The system Node first on PATH, so node-gyp builds better-sqlite3 for the Node that will load it.
  const env = { ...process.env, PATH: `${dirname(SYSTEM_NODE)}:${process.env['PATH'] ?? ''}` };
  const result = await run('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], {
    timeoutMs: 300_000,
    env,
  });
  if (result.code === 0 && installed()) return undefined;
  const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-6).join(' | ');
  return result.timedOut
    ? 'npm install of the peers took over 300 s and was stopped'
    : `npm install of the peers failed: ${tail}`;
}

interface PeerLine {
  name: string;
  stepsPerRun: number;
  usPerStep: number;
}

function isPeerLine(value: unknown): value is PeerLine {
  const v = value as Partial<PeerLine> | null;
  return typeof v?.name === 'string' && typeof v.usPerStep === 'number' && typeof v.stepsPerRun === 'number';
}

/** Runs langgraph-bench.mjs and turns its JSON lines into rows. */
export async function langGraphCases(
  steps: number,
  runs: number,
): Promise<{ results: BenchResult[]; error?: string }> {
  const script = join(PEERS_DIR, 'langgraph-bench.mjs');
  const out = await run(SYSTEM_NODE, ['--no-warnings', script, String(steps), String(runs)], {
    timeoutMs: 150_000,
  });
  const results: BenchResult[] = [];
  for (const line of out.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const parsed: unknown = JSON.parse(line);
    if (!isPeerLine(parsed)) continue;
    const sqlite = parsed.name.includes('SqliteSaver');
    results.push({
      section: SECTION,
      name: parsed.name,
      unit: 'µs/step',
      median: parsed.usPerStep,
      note: `median of 5 × ${runs} runs, ${parsed.stepsPerRun} steps/run`,
      ...(sqlite && parsed.name.includes('chain') ? { goal: REF_LANGGRAPH_SQLITE } : {}),
    });
  }
  if (out.code !== 0 || results.length === 0) {
    const why = out.timedOut
      ? 'timed out'
      : `exit ${out.code}: ${out.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    return { results, error: `langgraph-bench.mjs ${why}` };
  }
  return { results };
}

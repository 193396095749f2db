// A server under test in its own process: started, found by the URL it prints, measured from
// outside (RSS from /proc, a forced GC through the inspector), stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildServer {
  url: string;
  pid: number;
  /** Resident set size in bytes (Linux /proc/<pid>/status VmRSS); undefined elsewhere. */
  rssBytes(): number | undefined;
  /** VmRSS split into anonymous memory (heap, stacks) and file-backed pages (the node binary, mapped files). */
  rssParts(): RssParts | undefined;
  /** A full GC in the child through its inspector (`HeapProfiler.collectGarbage`); false when unavailable. */
  collectGarbage(): Promise<boolean>;
  /** Everything the child wrote to stderr so far (for error messages). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** Arguments after `node` (the script and its own arguments). */
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Matched against stdout; group 1 is the URL. */
  ready: RegExp;
  timeoutMs?: number;
  /** Start with `--inspect=127.0.0.1:0` so `collectGarbage` works (no session stays attached). */
  inspect?: boolean;
}

const INSPECTOR = /Debugger listening on (ws:\/\/\S+)/;

/** Starts `node [--inspect] <args>` and resolves once `ready` matched its stdout. */
export function startChildServer(options: StartOptions): Promise<ChildServer> {
  const nodeArgs = options.inspect ? ['--inspect=127.0.0.1:0', ...options.args] : options.args;
  const child = spawn(process.execPath, nodeArgs, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let inspectorUrl: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    inspectorUrl ??= INSPECTOR.exec(stderr)?.[1];
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 20_000} ms: ${tail(stderr)}`));
    }, options.timeoutMs ?? 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it listened: ${tail(stderr)}`));
    });
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) return;
      stdout += chunk.toString();
      const url = options.ready.exec(stdout)?.[1];
      if (!url || child.pid === undefined) return;
      started = true;
      clearTimeout(timer);
      const pid = child.pid;
      resolve({
        url,
        pid,
        rssBytes: () => rssOf(pid),
        rssParts: () => rssPartsOf(pid),
        collectGarbage: () => (inspectorUrl ? inspectorGc(inspectorUrl) : Promise.resolve(false)),
        stderr: () => stderr,
        stop: (graceMs = 15_000) => stopChild(child, exited, graceMs),
      });
    });
  });
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-4).join(' | ');
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** VmRSS of a process in bytes, from /proc (Linux); undefined when it cannot be read. */
export function rssOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export interface RssParts {
  rss: number;
  anon: number;
  file: number;
}

/** VmRSS, RssAnon and RssFile of a process in bytes, from /proc (Linux). */
export function rssPartsOf(pid: number): RssParts | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? Number.NaN) * 1024;
    const parts = { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
    return Number.isNaN(parts.rss) ? undefined : parts;
  } catch {
    return undefined;
  }
}

/** Connects to the inspector, asks for a full GC, waits for the answer and disconnects. */
function inspectorGc(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => finish(false), 10_000);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    socket.addEventListener('open', () =>
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })),
    );
    socket.addEventListener('message', (event: MessageEvent) => {
      const reply = JSON.parse(String(event.data)) as { id?: number; error?: unknown };
      if (reply.id === 1) finish(reply.error === undefined);
    });
    socket.addEventListener('error', () => finish(false));
  });
}

/** Samples a value every `everyMs` until stopped: for RSS under load. */
export function sampleEvery(everyMs: number, read: () => number | undefined): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const value = read();
    if (value !== undefined) samples.push(value);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

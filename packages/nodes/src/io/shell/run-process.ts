// Runs one program with an argv array (never through a shell) in its own process group, with a
// time limit, an output cap and cancellation; the whole group is killed on any of them.
import { spawn } from 'node:child_process';

/** What one process run produced. */
export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived (capped like the others). */
  combined: string;
  /** Why it was stopped early, if it was. */
  stopped?: 'timeout' | 'output-limit' | 'cancelled' | undefined;
  durationMs: number;
}

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Bytes of stdout + stderr kept; past it the process group is killed. */
  maxOutputBytes: number;
  signal: AbortSignal;
  stdin?: string | undefined;
}

/** Grace between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2_000;

/** Spawns `command` with `args` (`shell: false`) and waits for it to end or be stopped. */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const both: Buffer[] = [];
    let used = 0;
    let stopped: ProcessResult['stopped'];
    let killTimer: NodeJS.Timeout | undefined;

    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const stop = (why: NonNullable<ProcessResult['stopped']>) => {
      if (stopped) return;
      stopped = why;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const collect = (target: Buffer[]) => (chunk: Buffer) => {
      const room = options.maxOutputBytes - used;
      if (room <= 0) return stop('output-limit');
      const kept = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      used += kept.byteLength;
      target.push(kept);
      both.push(kept);
      if (chunk.byteLength > room) stop('output-limit');
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');

    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });

    const finish = () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    };
    // When the program itself ends, whatever it left running in its group goes too: a step must
    // not leave processes behind, and one holding stdout open would keep the step from ending.
    child.once('exit', () => {
      killGroup('SIGTERM');
      killTimer ??= setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    });
    child.once('error', (error) => {
      finish();
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      finish();
      // The leader is gone; make sure nothing it started lives on.
      if (stopped) killGroup('SIGKILL');
      clearTimeout(killTimer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        combined: Buffer.concat(both).toString('utf8'),
        stopped,
        durationMs: Date.now() - started,
      });
    });
  });
}

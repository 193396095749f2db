// The QuickJS sandbox as the engine sees it: evaluate an expression or run a code step,
// off the main thread, with time, memory and stack limits. See ARCHITECTURE.md.
import { availableParallelism } from 'node:os';
import { ExpressionError, WeftError } from '../errors.ts';
import { checkFunctionBody, describeOffset, parseExpression } from '../expressions/expression-syntax.ts';
import type { Json } from '../json.ts';
import type { SandboxLimits, SandboxLog, SandboxRequest } from './protocol.ts';
import { codeFailure, expressionFailure, limitError, type SandboxSubject } from './sandbox-errors.ts';
import { WorkerPool } from './worker-pool.ts';

export type { SandboxLog } from './protocol.ts';

const MIB = 1024 * 1024;
/** Default time limit of one evaluation. */
export const DEFAULT_SANDBOX_TIMEOUT_MS = 1000;
/** Default memory limit of one evaluation's QuickJS runtime. */
export const DEFAULT_SANDBOX_MEMORY_BYTES = 32 * MIB;
/** Default QuickJS stack limit: about 3,000 nested JavaScript calls. */
export const DEFAULT_SANDBOX_STACK_BYTES = 512 * 1024;
/** How long past its time limit an evaluation may stay silent before its worker is stopped. */
export const WATCHDOG_GRACE_MS = 1000;
const MAX_STACK_BYTES = 4 * MIB;
// QuickJS checks its own stack limit, but each JavaScript call inside it also takes native
// stack in V8 (measured: about 16–32× the QuickJS figure for deeply nested parsing). The
// worker gets 64× so QuickJS's clean "stack overflow" always comes first.
const NATIVE_STACK_FACTOR = 64;

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Time limit of each evaluation (default 1000 ms). */
  timeoutMs?: number;
  /** Memory limit of each evaluation (default 32 MiB). */
  memoryLimitBytes?: number;
  /** QuickJS stack limit (default 512 KiB, at most 4 MiB). */
  maxStackBytes?: number;
  /** Worker threads evaluating in parallel (default 1). */
  workers?: number;
}

/** Options of {@link Sandbox.runCode}. */
export interface RunCodeOptions {
  /** The body of an async function; `input` is a global, `return` gives the result. */
  code: string;
  input: Json;
  timeoutMs?: number;
  memoryLimitBytes?: number;
  /** Stops the run (and its worker) when aborted; the run rejects with CancelledError. */
  signal?: AbortSignal;
}

/** What a code run returns. */
export interface RunCodeResult {
  result: Json;
  logs: SandboxLog[];
}

/** Runs untrusted JavaScript in QuickJS (WebAssembly) on a worker thread. */
export interface Sandbox {
  /** Evaluates one JavaScript expression with `scope`'s keys as globals; a promise is awaited. */
  evaluate(expression: string, scope: Record<string, unknown>): Promise<Json>;
  /** Runs the body of an async function with `input` as a global; captures `console.*`. */
  runCode(options: RunCodeOptions): Promise<RunCodeResult>;
  /** Stops the worker threads; later calls reject. */
  close(): Promise<void>;
}

/**
 * Creates a sandbox. Each call gets a fresh QuickJS runtime and context that sees only JSON
 * copies of what it is given.
 * @example const sandbox = createSandbox(); await sandbox.evaluate('input.a + 1', { input: { a: 1 } }) // 2
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const defaults: SandboxLimits = {
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? DEFAULT_SANDBOX_TIMEOUT_MS),
    memoryLimitBytes: positive('memoryLimitBytes', options.memoryLimitBytes ?? DEFAULT_SANDBOX_MEMORY_BYTES),
    maxStackBytes: Math.min(
      MAX_STACK_BYTES,
      positive('maxStackBytes', options.maxStackBytes ?? DEFAULT_SANDBOX_STACK_BYTES),
    ),
  };
  const workers = Math.min(availableParallelism(), Math.floor(positive('workers', options.workers ?? 1)));
  const pool = new WorkerPool({
    size: workers,
    stackSizeMb: Math.max(4, Math.ceil((defaults.maxStackBytes * NATIVE_STACK_FACTOR) / MIB)),
  });
  let nextId = 1;

  const send = async (request: SandboxRequest, subject: SandboxSubject, signal?: AbortSignal) =>
    pool.run(request, {
      watchdogMs: request.limits.timeoutMs + WATCHDOG_GRACE_MS,
      onWatchdog: () => limitError(subject, 'time', request.limits),
      signal,
    });

  return {
    async evaluate(expression, scope) {
      // Checked here so the source is exactly one expression and cannot close the wrapper
      // it is placed in inside the VM.
      const syntax = parseExpression(expression);
      if (!syntax.ok)
        throw new ExpressionError(`SyntaxError: ${syntax.message}`, { details: { offset: syntax.offset } });
      const request: SandboxRequest = {
        id: nextId++,
        kind: 'evaluate',
        expression,
        scopeJson: scopeToJson(scope),
        limits: defaults,
      };
      const response = await send(request, 'expression');
      if (!response.ok) throw expressionFailure(response.failure, request.limits);
      return JSON.parse(response.resultJson) as Json;
    },

    async runCode({ code, input, timeoutMs, memoryLimitBytes, signal }) {
      const limits: SandboxLimits = {
        timeoutMs: positive('timeoutMs', timeoutMs ?? defaults.timeoutMs),
        memoryLimitBytes: positive('memoryLimitBytes', memoryLimitBytes ?? defaults.memoryLimitBytes),
        maxStackBytes: defaults.maxStackBytes,
      };
      // Checked here so the code is a whole function body and cannot close the wrapper.
      const body = checkFunctionBody(code);
      if (!body.ok) {
        throw new WeftError(
          'NODE_FAILED',
          `SyntaxError: ${body.message} (${describeOffset(code, body.offset)})`,
          {
            details: { offset: body.offset },
          },
        );
      }
      const inputJson = JSON.stringify(input) ?? 'null';
      const request: SandboxRequest = { id: nextId++, kind: 'run', code, inputJson, limits };
      const response = await send(request, 'code', signal);
      if (!response.ok) throw codeFailure(response.failure, limits, response.logs);
      return { result: JSON.parse(response.resultJson) as Json, logs: response.logs };
    },

    close: () => pool.close(),
  };
}

/** The scope as JSON text; a key present with `undefined` stays defined (as null). */
function scopeToJson(scope: Record<string, unknown>): string {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(scope)) {
    Object.defineProperty(copy, key, {
      value: scope[key] ?? null,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  try {
    return JSON.stringify(copy);
  } catch (error) {
    throw new ExpressionError(
      `The expression's variables cannot be copied into the sandbox: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`Sandbox option ${name} must be a positive number, got ${value}`);
  return value;
}

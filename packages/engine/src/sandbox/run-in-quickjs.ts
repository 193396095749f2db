// Runs one request in a fresh QuickJS runtime + context and reads the outcome back as data.
// Runs inside the sandbox worker (synchronously: the VM has no timers or I/O, so every job
// it can ever run is already queued inside it).
import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { CODE_PRELUDE, EXPRESSION_PRELUDE } from './prelude.ts';
import type { SandboxFailure, SandboxLog, SandboxRequest, SandboxResponse } from './protocol.ts';

/** Extra time granted to read logs back after user code used up its deadline. */
const READ_BACK_GRACE_MS = 50;
/** Pending jobs run per step of the settle loop, so the deadline is checked between steps. */
const JOBS_PER_STEP = 1000;

type Outcome = { ok: true; resultJson: string } | { ok: false; failure: SandboxFailure };
type CallResult = { ok: true; value: QuickJSHandle } | { ok: false; error: QuickJSHandle };
/** Handles to the prelude's helper functions, taken before user code runs. */
interface Helpers {
  install: QuickJSHandle;
  serialize: QuickJSHandle;
  readLogs: QuickJSHandle;
  describe: QuickJSHandle;
}

/** Runs `request` in a fresh runtime and context, then disposes both. Never throws. */
export function runRequest(module: QuickJSWASMModule, request: SandboxRequest): SandboxResponse {
  const clock = { deadline: Date.now() + request.limits.timeoutMs, interrupted: false };
  let runtime: QuickJSRuntime | undefined;
  let context: QuickJSContext | undefined;
  let outcome: Outcome;
  let logs: SandboxLog[] = [];
  let poisoned = false;
  try {
    runtime = module.newRuntime();
    runtime.setMemoryLimit(request.limits.memoryLimitBytes);
    runtime.setMaxStackSize(request.limits.maxStackBytes);
    runtime.setInterruptHandler(() => {
      if (Date.now() < clock.deadline) return false;
      clock.interrupted = true;
      return true;
    });
    context = runtime.newContext();
    const session = new Session(context, runtime, clock);
    try {
      outcome = session.run(request);
      if (request.kind === 'run') logs = session.readLogs();
    } finally {
      session.dispose();
    }
  } catch (error) {
    // An exception from the host side of the bindings (e.g. V8's own stack overflowing
    // inside WebAssembly, or an Emscripten abort) leaves QuickJS in an unknown state.
    poisoned = true;
    outcome = { ok: false, failure: hostFailure(error, clock.interrupted) };
  }
  try {
    context?.dispose();
    runtime?.dispose();
  } catch {
    poisoned = true;
  }
  return outcome.ok
    ? { type: 'response', id: request.id, ok: true, resultJson: outcome.resultJson, logs, poisoned }
    : { type: 'response', id: request.id, ok: false, failure: outcome.failure, logs, poisoned };
}

function hostFailure(error: unknown, interrupted: boolean): SandboxFailure {
  if (interrupted) return { kind: 'limit', limit: 'time' };
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return { kind: 'limit', limit: 'stack' };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `The sandbox failed: ${message.split('\n')[0] ?? ''}` };
}

/** One evaluation's handles; `dispose` frees every handle it created. */
class Session {
  readonly #context: QuickJSContext;
  readonly #runtime: QuickJSRuntime;
  readonly #clock: { deadline: number; interrupted: boolean };
  readonly #handles: QuickJSHandle[] = [];
  #helpers: Helpers | undefined;

  constructor(
    context: QuickJSContext,
    runtime: QuickJSRuntime,
    clock: { deadline: number; interrupted: boolean },
  ) {
    this.#context = context;
    this.#runtime = runtime;
    this.#clock = clock;
  }

  run(request: SandboxRequest): Outcome {
    const ctx = this.#context;
    const preludeSource = request.kind === 'evaluate' ? EXPRESSION_PRELUDE : CODE_PRELUDE;
    const prelude = ctx.evalCode(preludeSource, 'weft-prelude.js', { type: 'global', strict: true });
    if (prelude.error) return this.#fail(this.#own(prelude.error));
    const helpers = this.#own(prelude.value);
    this.#helpers = {
      install: this.#own(ctx.getProp(helpers, 'install')),
      serialize: this.#own(ctx.getProp(helpers, 'serialize')),
      readLogs: this.#own(ctx.getProp(helpers, 'readLogs')),
      describe: this.#own(ctx.getProp(helpers, 'describe')),
    };

    const scopeJson = request.kind === 'evaluate' ? request.scopeJson : `{"input":${request.inputJson}}`;
    const installed = this.#call(this.#helpers.install, ctx.newString(scopeJson));
    if (!installed.ok) return this.#fail(installed.error);

    // Both forms run inside an async arrow so `await` works and a thrown error and a
    // rejected promise take the same path. The source was parsed by the host beforehand.
    const source =
      request.kind === 'evaluate'
        ? `(async () => (${request.expression}\n))()`
        : `(async () => {${request.code}\n})()`;
    const filename = request.kind === 'evaluate' ? 'expression.js' : 'code.js';
    const started = ctx.evalCode(source, filename, { type: 'global' });
    if (started.error) {
      const error = this.#own(started.error);
      const failure = this.#describe(error);
      return {
        ok: false,
        failure:
          failure.kind === 'thrown' && failure.name === 'SyntaxError'
            ? { kind: 'syntax', message: failure.message }
            : failure,
      };
    }
    const promise = this.#own(started.value);
    return this.#settle(promise);
  }

  /** Runs queued jobs until the promise settles, the deadline passes, or nothing is left to run. */
  #settle(promise: QuickJSHandle): Outcome {
    const ctx = this.#context;
    for (;;) {
      const state = ctx.getPromiseState(promise);
      if (state.type === 'fulfilled') return this.#serialize(this.#own(state.value));
      if (state.type === 'rejected') return this.#fail(this.#own(state.error));
      if (this.#clock.interrupted || Date.now() >= this.#clock.deadline)
        return { ok: false, failure: { kind: 'limit', limit: 'time' } };
      // Nothing can ever resolve it: the VM has no timers, I/O or host callbacks.
      if (!this.#runtime.hasPendingJob()) return { ok: false, failure: { kind: 'never-settles' } };
      const ran = this.#runtime.executePendingJobs(JOBS_PER_STEP);
      if (ran.error) return this.#fail(this.#own(ran.error));
    }
  }

  #serialize(value: QuickJSHandle): Outcome {
    const helpers = this.#requireHelpers();
    const text = this.#call(helpers.serialize, value);
    if (!text.ok) {
      const failure = this.#describe(text.error);
      if (failure.kind !== 'thrown') return { ok: false, failure };
      return {
        ok: false,
        failure: {
          kind: 'result',
          message: failure.name ? `${failure.name}: ${failure.message}` : failure.message,
        },
      };
    }
    // JSON.stringify gives `undefined` for undefined, functions and symbols: that is `null`.
    return {
      ok: true,
      resultJson:
        this.#context.typeof(text.value) === 'string' ? this.#context.getString(text.value) : 'null',
    };
  }

  #fail(error: QuickJSHandle): Outcome {
    return { ok: false, failure: this.#describe(error) };
  }

  /** Classifies a VM exception. Limits first: a limit error must not be mistaken for user code's. */
  #describe(error: QuickJSHandle): SandboxFailure {
    if (this.#clock.interrupted) return { kind: 'limit', limit: 'time' };
    const helpers = this.#helpers;
    const described = helpers ? this.#call(helpers.describe, error) : undefined;
    if (this.#clock.interrupted) return { kind: 'limit', limit: 'time' };
    if (!described?.ok || this.#context.typeof(described.value) !== 'string') {
      // Describing failed: with no user code involved, only running out of memory does that.
      return { kind: 'limit', limit: 'memory' };
    }
    const failure = JSON.parse(this.#context.getString(described.value)) as SandboxFailure;
    // QuickJS reports its own limits with fixed messages (the parser's stack overflow is a SyntaxError).
    if (failure.kind === 'thrown' && ['InternalError', 'RangeError', 'SyntaxError'].includes(failure.name)) {
      if (failure.message === 'out of memory') return { kind: 'limit', limit: 'memory' };
      if (failure.message === 'stack overflow' || /call stack size/.test(failure.message))
        return { kind: 'limit', limit: 'stack' };
    }
    return failure;
  }

  /** Reads console output back, with a short grace period if user code used up the deadline. */
  readLogs(): SandboxLog[] {
    const helpers = this.#helpers;
    if (!helpers) return [];
    this.#clock.deadline = Math.max(this.#clock.deadline, Date.now() + READ_BACK_GRACE_MS);
    this.#clock.interrupted = false;
    const text = this.#call(helpers.readLogs);
    if (!text.ok || this.#context.typeof(text.value) !== 'string') return [];
    return JSON.parse(this.#context.getString(text.value)) as SandboxLog[];
  }

  #call(fn: QuickJSHandle, ...args: QuickJSHandle[]): CallResult {
    for (const arg of args) this.#own(arg);
    const result = this.#context.callFunction(fn, this.#context.undefined, ...args);
    return result.error
      ? { ok: false, error: this.#own(result.error) }
      : { ok: true, value: this.#own(result.value) };
  }

  #requireHelpers(): Helpers {
    if (!this.#helpers) throw new Error('sandbox prelude missing');
    return this.#helpers;
  }

  #own(handle: QuickJSHandle): QuickJSHandle {
    this.#handles.push(handle);
    return handle;
  }

  dispose(): void {
    for (const handle of this.#handles.reverse()) if (handle.alive) handle.dispose();
    this.#handles.length = 0;
  }
}

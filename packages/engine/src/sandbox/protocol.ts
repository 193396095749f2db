// Messages between the host and the sandbox worker. Only JSON text and plain records cross
// the thread boundary: no value from the VM is ever handed to the host as an object.

/** One line written through `console.*` inside the sandbox. */
export interface SandboxLog {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

/** Limits applied to one evaluation. */
export interface SandboxLimits {
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
}

/** What the host asks the worker to run. Scope and input travel as JSON text. */
export type SandboxRequest =
  | { id: number; kind: 'evaluate'; expression: string; scopeJson: string; limits: SandboxLimits }
  | { id: number; kind: 'run'; code: string; inputJson: string; limits: SandboxLimits };

/** How an evaluation failed, described with data only (the host turns it into an error). */
export type SandboxFailure =
  | { kind: 'limit'; limit: 'time' | 'memory' | 'stack' }
  | { kind: 'never-settles' }
  | { kind: 'syntax'; message: string }
  | { kind: 'thrown'; name: string; message: string; stack?: string }
  | { kind: 'non-retryable'; message: string; stack?: string }
  | { kind: 'retry-after'; message: string; retryAfterMs: number }
  | { kind: 'result'; message: string }
  | { kind: 'internal'; message: string };

/** The worker's answer to one request. */
export type SandboxResponse =
  | { type: 'response'; id: number; ok: true; resultJson: string; logs: SandboxLog[]; poisoned: boolean }
  | {
      type: 'response';
      id: number;
      ok: false;
      failure: SandboxFailure;
      logs: SandboxLog[];
      poisoned: boolean;
    };

/** Anything the worker posts. `ready` once the WebAssembly module is loaded. */
export type WorkerMessage = { type: 'ready' } | { type: 'fatal'; message: string } | SandboxResponse;

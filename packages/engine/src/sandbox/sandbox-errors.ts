// Turns a worker's failure description into the engine's errors. One table for both uses:
// expressions fail with ExpressionError, code steps with the errors a step understands.
import {
  ExpressionError,
  NonRetryableError,
  RetryAfterError,
  SandboxLimitError,
  WeftError,
} from '../errors.ts';
import type { Json } from '../json.ts';
import type { SandboxFailure, SandboxLimits, SandboxLog } from './protocol.ts';

/** What was being run, for messages. */
export type SandboxSubject = 'expression' | 'code';

/** The error for a limit, naming which limit and its value. */
export function limitError(
  subject: SandboxSubject,
  limit: 'time' | 'memory' | 'stack',
  limits: SandboxLimits,
): SandboxLimitError {
  const who = subject === 'expression' ? 'Expression' : 'Code';
  switch (limit) {
    case 'time':
      return new SandboxLimitError(`${who} ran past its time limit of ${limits.timeoutMs} ms`);
    case 'memory':
      return new SandboxLimitError(
        `${who} ran past its memory limit of ${formatBytes(limits.memoryLimitBytes)}`,
      );
    case 'stack':
      return new SandboxLimitError(
        `${who} ran past its stack limit of ${formatBytes(limits.maxStackBytes)} (recursion too deep)`,
      );
  }
}

/** A promise nothing can settle: the VM has no timers, I/O or host callbacks. Reported at once, not at the deadline. */
function neverSettles(subject: SandboxSubject): SandboxLimitError {
  const who = subject === 'expression' ? 'Expression' : 'Code';
  return new SandboxLimitError(
    `${who} awaited a promise that can never settle (the sandbox has no timers or I/O to settle it)`,
  );
}

/** The error an expression evaluation rejects with. */
export function expressionFailure(failure: SandboxFailure, limits: SandboxLimits): Error {
  switch (failure.kind) {
    case 'limit':
      return limitError('expression', failure.limit, limits);
    case 'never-settles':
      return neverSettles('expression');
    case 'syntax':
      return new ExpressionError(`SyntaxError: ${failure.message}`);
    case 'thrown':
      return new ExpressionError(errorLine(failure.name, failure.message));
    case 'non-retryable':
      return new ExpressionError(errorLine('NonRetryableError', failure.message));
    case 'retry-after':
      return new ExpressionError(errorLine('RetryAfterError', failure.message));
    case 'result':
      return new ExpressionError(`The value cannot be turned into JSON: ${failure.message}`);
    case 'internal':
      return new WeftError('INTERNAL', failure.message);
  }
}

/** The error a code run rejects with; the VM's stack replaces the host's (no host paths). */
export function codeFailure(failure: SandboxFailure, limits: SandboxLimits, logs: SandboxLog[]): Error {
  const logDetails: Json[] = logs.map((log) => ({ level: log.level, message: log.message }));
  switch (failure.kind) {
    case 'limit':
      return limitError('code', failure.limit, limits);
    case 'never-settles':
      return neverSettles('code');
    case 'syntax':
      return new WeftError('NODE_FAILED', `SyntaxError: ${failure.message}`, {
        retryable: false,
        details: { logs: logDetails },
      });
    case 'thrown': {
      const message = errorLine(failure.name, failure.message);
      const details: { [key: string]: Json } = { logs: logDetails };
      if (failure.stack) details.stack = failure.stack;
      return withStack(
        new WeftError('NODE_FAILED', message, { retryable: true, details }),
        message,
        failure.stack,
      );
    }
    case 'non-retryable': {
      const details: { [key: string]: Json } = { logs: logDetails };
      if (failure.stack) details.stack = failure.stack;
      return withStack(
        new NonRetryableError(failure.message, { details }),
        `NonRetryableError: ${failure.message}`,
        failure.stack,
      );
    }
    case 'retry-after': {
      const ms = Number.isFinite(failure.retryAfterMs) && failure.retryAfterMs > 0 ? failure.retryAfterMs : 0;
      return new RetryAfterError(failure.message, ms);
    }
    case 'result':
      return new WeftError(
        'NODE_FAILED',
        `The code's return value cannot be turned into JSON: ${failure.message}`,
        {
          retryable: false,
          details: { logs: logDetails },
        },
      );
    case 'internal':
      return new WeftError('INTERNAL', failure.message);
  }
}

function errorLine(name: string, message: string): string {
  return name ? `${name}: ${message}` : message;
}

function withStack<E extends Error>(error: E, head: string, vmStack: string | undefined): E {
  error.stack = vmStack ? `${head}\n${vmStack.replace(/\n$/, '')}` : head;
  return error;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

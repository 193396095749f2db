import type { Json } from './json.ts';

/** Stable machine-readable error codes. The server maps each to an HTTP status in one table. */
export type ErrorCode =
  | 'INVALID_WORKFLOW'
  | 'INVALID_PARAMS'
  | 'INVALID_INPUT'
  | 'EXPRESSION_ERROR'
  | 'SANDBOX_LIMIT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'NODE_FAILED'
  | 'NON_RETRYABLE'
  | 'RETRY_AFTER'
  | 'PROVIDER_ERROR'
  | 'PROVIDER_UNAVAILABLE'
  | 'CHILD_WAITING'
  | 'EGRESS_BLOCKED'
  | 'STORE_ERROR'
  | 'INTERNAL';

/** The wire form of an error: what is stored on a step and sent in events. */
export interface ErrorJson {
  code: ErrorCode | (string & {});
  message: string;
  retryable: boolean;
  details?: Json;
  cause?: ErrorJson;
}

export interface WeftErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  details?: Json;
}

/** Base of every error Weft throws on purpose: a stable code, retryability and JSON form. */
export class WeftError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly retryable: boolean;
  readonly details: Json | undefined;

  constructor(code: ErrorCode | (string & {}), message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeftError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toJSON(): ErrorJson {
    return toErrorJson(this);
  }
}

/** One problem found in a workflow, at a path such as `nodes[2].params.url`. */
export interface Problem {
  path: string;
  message: string;
}

/** A workflow definition is invalid; `problems` lists every problem found, not just the first. */
export class InvalidWorkflowError extends WeftError {
  readonly problems: Problem[];
  constructor(problems: Problem[], source?: string) {
    const where = source ? ` in ${source}` : '';
    super(
      'INVALID_WORKFLOW',
      `Workflow is invalid${where}:\n${problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}`).join('\n')}`,
      { details: { problems: problems.map((p) => ({ path: p.path, message: p.message })) } },
    );
    this.name = 'InvalidWorkflowError';
    this.problems = problems;
  }
}

/** Resolved node params do not match the node's schema. */
export class InvalidParamsError extends WeftError {
  constructor(message: string, details?: Json) {
    super('INVALID_PARAMS', message, { details });
    this.name = 'InvalidParamsError';
  }
}

/** A `{{ … }}` expression failed to parse or evaluate. */
export class ExpressionError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('EXPRESSION_ERROR', message, options);
    this.name = 'ExpressionError';
  }
}

/** A sandboxed evaluation ran past its time or memory limit. */
export class SandboxLimitError extends WeftError {
  constructor(message: string) {
    super('SANDBOX_LIMIT', message);
    this.name = 'SandboxLimitError';
  }
}

/** Something asked for does not exist. */
export class NotFoundError extends WeftError {
  constructor(message: string) {
    super('NOT_FOUND', message);
    this.name = 'NotFoundError';
  }
}

/** An illegal state transition (e.g. retrying a succeeded step, cancelling a finished run). */
export class ConflictError extends WeftError {
  constructor(message: string, details?: Json) {
    super('CONFLICT', message, { details });
    this.name = 'ConflictError';
  }
}

/** A step or run ran past its time limit. */
export class TimeoutError extends WeftError {
  constructor(message: string) {
    super('TIMEOUT', message, { retryable: true });
    this.name = 'TimeoutError';
  }
}

/** The work was cancelled through its AbortSignal. */
export class CancelledError extends WeftError {
  constructor(message = 'Cancelled') {
    super('CANCELLED', message);
    this.name = 'CancelledError';
  }
}

/** Thrown by a node (or user code) to fail a step without further retries. */
export class NonRetryableError extends WeftError {
  constructor(message: string, options: Omit<WeftErrorOptions, 'retryable'> = {}) {
    super('NON_RETRYABLE', message, { ...options, retryable: false });
    this.name = 'NonRetryableError';
  }
}

/** Thrown by a node (or user code) to ask for a retry no sooner than `retryAfterMs`. */
export class RetryAfterError extends WeftError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options: Omit<WeftErrorOptions, 'retryable'> = {}) {
    super('RETRY_AFTER', message, { ...options, retryable: true, details: { retryAfterMs } });
    this.name = 'RetryAfterError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** A model provider answered with an error, or could not be reached. */
export class ProviderError extends WeftError {
  readonly status: number | undefined;
  constructor(message: string, options: WeftErrorOptions & { status?: number; code?: ErrorCode } = {}) {
    super(options.code ?? 'PROVIDER_ERROR', message, options);
    this.name = 'ProviderError';
    this.status = options.status;
  }
}

/** Outbound traffic to a refused address or scheme. */
export class EgressBlockedError extends WeftError {
  constructor(message: string, details?: Json) {
    super('EGRESS_BLOCKED', message, { details });
    this.name = 'EgressBlockedError';
  }
}

/** Turns anything thrown into the wire form, keeping codes and causes. */
export function toErrorJson(error: unknown, depth = 0): ErrorJson {
  if (error instanceof WeftError) {
    const json: ErrorJson = { code: error.code, message: error.message, retryable: error.retryable };
    if (error.details !== undefined) json.details = error.details;
    if (error.cause !== undefined && depth < 3) json.cause = toErrorJson(error.cause, depth + 1);
    return json;
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      code: typeof code === 'string' ? code : 'NODE_FAILED',
      message: error.message || error.name,
      retryable: true,
    };
  }
  if (isErrorJson(error)) return error;
  return { code: 'NODE_FAILED', message: typeof error === 'string' ? error : JSON.stringify(error), retryable: true };
}

function isErrorJson(value: unknown): value is ErrorJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorJson).code === 'string' &&
    typeof (value as ErrorJson).message === 'string' &&
    typeof (value as ErrorJson).retryable === 'boolean'
  );
}

// JavaScript run inside every fresh QuickJS context before user code. It defines what user
// code may use and returns the helpers the worker calls afterwards. Everything the helpers
// need is captured here, before user code runs, so later tampering with globals
// (JSON.stringify = …) cannot change how results, logs and errors are read back. No host
// function is ever exposed to the VM: console output is collected in VM memory (bounded)
// and read back as JSON text at the end.
//
// Compiling the prelude is most of the cost of a call, so expressions get a minimal one;
// code steps add console, NonRetryableError and RetryAfterError.

/** Most log lines kept per run; the rest are counted and reported in one line. */
export const MAX_LOG_LINES = 1000;
/** Longest log line kept, in characters. */
export const MAX_LOG_CHARS = 8000;

const CORE = String.raw`
  'use strict';
  const g = globalThis;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const defineProperty = Object.defineProperty;
  const objectKeys = Object.keys;
  const toText = String;
  const BaseError = Error;
  const defineGlobal = (name, value) =>
    defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  const show = (value) => {
    if (typeof value === 'string') return value;
    try {
      if (value instanceof BaseError) return toText(value.name) + ': ' + toText(value.message);
      const text = stringify(value);
      return text === undefined ? toText(value) : text;
    } catch {
      try { return toText(value); } catch { return '[unprintable value]'; }
    }
  };
  const stackOf = (error) => {
    try { const stack = error.stack; return typeof stack === 'string' ? stack : undefined; } catch { return undefined; }
  };
`;

const CODE_STEP = String.raw`
  const toNumber = Number;
  class NonRetryableError extends BaseError {
    constructor(message) { super(message); this.name = 'NonRetryableError'; }
  }
  class RetryAfterError extends BaseError {
    constructor(message, retryAfterMs) { super(message); this.name = 'RetryAfterError'; this.retryAfterMs = retryAfterMs; }
  }
  defineGlobal('NonRetryableError', NonRetryableError);
  defineGlobal('RetryAfterError', RetryAfterError);

  const logs = [];
  let dropped = 0;
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => {
      if (logs.length >= ${MAX_LOG_LINES}) { dropped++; return; }
      let message = '';
      for (let i = 0; i < args.length; i++) message += (i ? ' ' : '') + show(args[i]);
      if (message.length > ${MAX_LOG_CHARS}) message = message.slice(0, ${MAX_LOG_CHARS}) + ' … (truncated)';
      logs[logs.length] = { level, message };
    };
  }
  console.trace = console.debug;
  defineGlobal('console', console);

  const readLogs = () => {
    const out = logs.slice();
    if (dropped) out.push({ level: 'warn', message: dropped + ' more log lines were dropped' });
    return stringify(out);
  };
  const describeSpecial = (error) => {
    if (error instanceof RetryAfterError) {
      return stringify({ kind: 'retry-after', message: toText(error.message), retryAfterMs: toNumber(error.retryAfterMs) });
    }
    if (error instanceof NonRetryableError) {
      return stringify({ kind: 'non-retryable', message: toText(error.message), stack: stackOf(error) });
    }
    return undefined;
  };
`;

const EXPRESSION = String.raw`
  const readLogs = () => '[]';
  const describeSpecial = () => undefined;
`;

const HELPERS = String.raw`
  return {
    install(json) {
      const scope = parse(json);
      for (const key of objectKeys(scope)) defineGlobal(key, scope[key]);
    },
    serialize(value) {
      return stringify(value);
    },
    readLogs,
    describe(error) {
      try {
        const special = describeSpecial(error);
        if (special !== undefined) return special;
        if (error instanceof BaseError) {
          return stringify({ kind: 'thrown', name: toText(error.name), message: toText(error.message), stack: stackOf(error) });
        }
        return stringify({ kind: 'thrown', name: '', message: 'Uncaught ' + show(error) });
      } catch {
        // A hostile thrown value (a Proxy whose traps throw). A literal needs no allocation.
        return '{"kind":"thrown","name":"","message":"Uncaught exception (the thrown value could not be described)"}';
      }
    },
  };
`;

/** Prelude for expressions. Its completion value is `{ install, serialize, readLogs, describe }`. */
export const EXPRESSION_PRELUDE = `(() => {${CORE}${EXPRESSION}${HELPERS}})()`;

/** Prelude for code steps: adds console capture, NonRetryableError and RetryAfterError. */
export const CODE_PRELUDE = `(() => {${CORE}${CODE_STEP}${HELPERS}})()`;

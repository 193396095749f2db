import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, ExpressionError, NonRetryableError, RetryAfterError, WeftError } from '../errors.ts';
import type { Json } from '../json.ts';
import { createSandbox } from './sandbox.ts';

const sandbox = createSandbox({ timeoutMs: 2000 });
afterAll(() => sandbox.close());

describe('evaluate', () => {
  it.each<[string, Record<string, unknown>, Json]>([
    ['input.a + 1', { input: { a: 1 } }, 2],
    ['input.items.filter((x) => x > 1)', { input: { items: [1, 2, 3] } }, [2, 3]],
    ['({ a: [1, { b: null }] })', {}, { a: [1, { b: null }] }],
    ['Promise.resolve(input * 2)', { input: 21 }, 42],
    ['await Promise.all([1, 2].map(async (n) => n * 10))', {}, [10, 20]],
    ['({ then(resolve) { resolve("thenable") } })', {}, 'thenable'],
    ['undefined', {}, null],
    ['() => 1', {}, null],
    ['Symbol("s")', {}, null],
    ['[undefined, () => 1]', {}, [null, null]],
    ['({ a: undefined, b: 1 })', {}, { b: 1 }],
    ['item', { item: undefined }, null],
    ['typeof input', { input: 'x' }, 'string'],
    ['"é" + "🙂"', {}, 'é🙂'],
    ['1 // a trailing comment', {}, 1],
  ])('%s → %j', async (expression, scope, expected) => {
    expect(await sandbox.evaluate(expression, scope)).toEqual(expected);
  });

  it.each([
    ['nope.x', /^ReferenceError: 'nope' is not defined$/],
    ['null.x', /^TypeError: /],
    ['(() => { throw new Error("boom") })()', /^Error: boom$/],
    ['Promise.reject(new RangeError("late"))', /^RangeError: late$/],
    ['(() => { throw "plain" })()', /^Uncaught plain$/],
    [
      '(() => { const a = {}; a.self = a; return a })()',
      /^The value cannot be turned into JSON: TypeError: circular reference$/,
    ],
    ['10n ** 20n', /^The value cannot be turned into JSON: TypeError/],
    ['a +', /^SyntaxError: Unexpected token/],
    ['a; b', /^SyntaxError: Unexpected ";" after the expression/],
    ['1)), (globalThis.x = (1', /^SyntaxError: Unexpected "\)"/],
    ['', /^SyntaxError: The expression is empty/],
  ])('%s fails with ExpressionError %s', async (expression, message) => {
    const error = await sandbox.evaluate(expression, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a scope that is not JSON', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(sandbox.evaluate('1', { cyclic })).rejects.toThrow(/cannot be copied into the sandbox/);
  });

  it('queues concurrent calls and answers each one', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, n) => sandbox.evaluate('n * n', { n })));
    expect(results).toEqual(Array.from({ length: 25 }, (_, n) => n * n));
  });

  it('spreads work over several workers', async () => {
    const pool = createSandbox({ workers: 2 });
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, n) => pool.evaluate('n + 1', { n })));
      expect(results).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
    } finally {
      await pool.close();
    }
  });
});

describe('runCode', () => {
  it('runs an async function body with input as a global', async () => {
    const run = await sandbox.runCode({
      code: 'const doubled = await Promise.resolve(input.n * 2);\nreturn { doubled, names: input.names.map((n) => n.toUpperCase()) };',
      input: { n: 21, names: ['ada'] },
    });
    expect(run).toEqual({ result: { doubled: 42, names: ['ADA'] }, logs: [] });
  });

  it('returns null without a return', async () => {
    expect((await sandbox.runCode({ code: 'const x = 1;', input: null })).result).toBeNull();
  });

  it('captures console output by level', async () => {
    const { logs } = await sandbox.runCode({
      code: `console.log('hello', 1, { a: [1] }, null, undefined);
        console.info('info'); console.warn('warn'); console.error(new TypeError('bad')); console.debug('debug');
        const cyclic = {}; cyclic.self = cyclic; console.log(cyclic);
        return 1;`,
      input: null,
    });
    expect(logs).toEqual([
      { level: 'log', message: 'hello 1 {"a":[1]} null undefined' },
      { level: 'info', message: 'info' },
      { level: 'warn', message: 'warn' },
      { level: 'error', message: 'TypeError: bad' },
      { level: 'debug', message: 'debug' },
      { level: 'log', message: '[object Object]' },
    ]);
  });

  it('bounds console output', async () => {
    const { logs } = await sandbox.runCode({
      code: "for (let i = 0; i < 1500; i++) console.log(i); console.log('x'.repeat(20000));",
      input: null,
    });
    expect(logs).toHaveLength(1001);
    expect(logs.at(-1)).toEqual({ level: 'warn', message: '501 more log lines were dropped' });
  });

  it('maps NonRetryableError and RetryAfterError to the engine errors', async () => {
    const nonRetryable = await sandbox
      .runCode({ code: "console.log('before'); throw new NonRetryableError('bad input')", input: null })
      .catch((caught: unknown) => caught);
    expect(nonRetryable).toBeInstanceOf(NonRetryableError);
    expect(nonRetryable).toMatchObject({ code: 'NON_RETRYABLE', message: 'bad input', retryable: false });
    expect((nonRetryable as WeftError).details).toMatchObject({
      logs: [{ level: 'log', message: 'before' }],
    });

    const retryAfter = await sandbox
      .runCode({ code: "throw new RetryAfterError('rate limited', 1500)", input: null })
      .catch((caught: unknown) => caught);
    expect(retryAfter).toBeInstanceOf(RetryAfterError);
    expect(retryAfter).toMatchObject({
      code: 'RETRY_AFTER',
      message: 'rate limited',
      retryable: true,
      retryAfterMs: 1500,
    });
  });

  it('maps any other error to NODE_FAILED with the VM stack and no host paths', async () => {
    const error = await sandbox
      .runCode({
        code: 'function parse(text) {\n  return JSON.parse(text);\n}\nreturn parse(input);',
        input: 'not json',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WeftError);
    const weft = error as WeftError;
    expect(weft).toMatchObject({ code: 'NODE_FAILED', retryable: true });
    expect(weft.message).toMatch(/^SyntaxError: /);
    const stack = (weft.details as { stack: string }).stack;
    expect(stack).toContain('code.js:2');
    for (const text of [stack, weft.stack ?? '', JSON.stringify(weft.toJSON())]) {
      expect(text).not.toMatch(/node_modules|file:\/\/|\/work\/|sandbox-worker|run-in-quickjs/);
    }
  });

  it('reports syntax errors with a position, without running anything', async () => {
    const error = await sandbox
      .runCode({ code: 'const a = 1;\nreturn a +;', input: null })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'NODE_FAILED', retryable: false });
    expect((error as Error).message).toBe('SyntaxError: Unexpected token (line 2, column 11)');
  });

  it('cannot close its wrapper function', async () => {
    const error = await sandbox
      .runCode({ code: '})(); (async () => {', input: null })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^SyntaxError/);
  });

  it('reports a return value that is not JSON', async () => {
    await expect(sandbox.runCode({ code: 'return 1n', input: null })).rejects.toThrow(
      /return value cannot be turned into JSON/,
    );
  });

  it('is cancelled through its AbortSignal, and the sandbox keeps working', async () => {
    const controller = new AbortController();
    const running = sandbox.runCode({
      code: 'for (;;) {}',
      input: null,
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await sandbox.evaluate('1 + 1', {})).toBe(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(
      sandbox.runCode({ code: 'return 1', input: null, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('lifecycle', () => {
  it('rejects calls after close', async () => {
    const closed = createSandbox();
    expect(await closed.evaluate('1', {})).toBe(1);
    await closed.close();
    await expect(closed.evaluate('1', {})).rejects.toThrow(/closed/);
  });

  it('validates options', () => {
    expect(() => createSandbox({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createSandbox({ memoryLimitBytes: Number.NaN })).toThrow(RangeError);
  });

  it('never keeps the process alive when idle', async () => {
    const sandboxUrl = new URL('./index.ts', import.meta.url).href;
    const script = `import { createSandbox } from ${JSON.stringify(sandboxUrl)};
      const sandbox = createSandbox();
      console.log(await sandbox.evaluate('6 * 7', {}));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      timeout: 15_000,
    });
    expect(stdout.trim()).toBe('42');
  });
});

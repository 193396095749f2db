import { afterAll, describe, expect, it } from 'vitest';
import { SandboxLimitError } from '../errors.ts';
import { createSandbox, WATCHDOG_GRACE_MS } from './sandbox.ts';

const TIMEOUT_MS = 500;
// Every limit must end the call within the time limit plus the watchdog's grace; the extra
// margin only absorbs a busy test machine.
const DEADLINE_MS = TIMEOUT_MS + WATCHDOG_GRACE_MS + 400;

const sandbox = createSandbox({ timeoutMs: TIMEOUT_MS, memoryLimitBytes: 16 * 1024 * 1024 });
afterAll(() => sandbox.close());

async function expectLimit(run: () => Promise<unknown>, message: RegExp): Promise<number> {
  const started = Date.now();
  const error = await run().catch((caught: unknown) => caught);
  const elapsed = Date.now() - started;
  expect(error).toBeInstanceOf(SandboxLimitError);
  expect((error as Error).message).toMatch(message);
  expect(elapsed).toBeLessThan(DEADLINE_MS);
  // …and the sandbox keeps working afterwards.
  expect(await sandbox.evaluate('input + 1', { input: 1 })).toBe(2);
  return elapsed;
}

describe('limits end the call with SandboxLimitError and the sandbox keeps working', () => {
  it.each([
    ['an endless loop', '(() => { while (true) {} })()', /time limit of 500 ms/],
    ['an endless loop that catches', '(() => { for (;;) { try { for (;;) {} } catch {} } })()', /time limit/],
    [
      'unbounded allocation',
      '(() => { let a = []; for (;;) a.push(new Array(1e6)) })()',
      /(time|memory) limit/,
    ],
    [
      'allocating real memory',
      '(() => { const a = []; for (;;) a.push({ n: a.length, s: "item" + a.length }) })()',
      /memory limit of 16 MiB/,
    ],
    ['one huge string', '"x".repeat(2 ** 28).length', /memory limit/],
    ['deep recursion', '(function f() { return f() + 1 })()', /stack limit of 512 KiB/],
    ['deeply nested source', 'eval("(".repeat(1e5) + "1" + ")".repeat(1e5))', /stack limit|memory limit/],
    ['a never-settling promise', 'new Promise(() => {})', /never settle/],
    ['an endless job queue', '(async () => { for (;;) await null })()', /time limit/],
    ['catastrophic backtracking', '/(a+)+$/.test("a".repeat(40) + "b")', /time limit/],
  ])('%s', async (_name, expression, message) => {
    await expectLimit(() => sandbox.evaluate(expression, {}), message);
  });

  it('a native call that never yields to the interrupt handler is stopped by the watchdog', async () => {
    // Each split runs ~70 ms inside one builtin, where QuickJS does not poll for interrupts.
    const expression =
      '(() => { const s = "a".repeat(1e6); let n = 0; for (let i = 0; i < 500; i++) n += s.split("").length; return n })()';
    const elapsed = await expectLimit(() => sandbox.evaluate(expression, {}), /time limit of 500 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS + WATCHDOG_GRACE_MS - 50);
  });

  it('applies per-call limits to runCode', async () => {
    await expectLimit(
      () => sandbox.runCode({ code: 'for (;;) {}', input: null, timeoutMs: 200 }),
      /^Code ran past its time limit of 200 ms$/,
    );
    await expectLimit(
      () =>
        sandbox.runCode({
          code: 'const a = []; for (;;) a.push([a.length]);',
          input: null,
          memoryLimitBytes: 4 * 1024 * 1024,
        }),
      /^Code ran past its memory limit of 4 MiB$/,
    );
    await expectLimit(
      () => sandbox.runCode({ code: 'await new Promise(() => {})', input: null }),
      /never settle/,
    );
  });

  it('a call queued behind a stopped one still gets its answer', async () => {
    const stuck = sandbox.evaluate('(() => { while (true) {} })()', {}).catch((error: unknown) => error);
    const after = sandbox.evaluate('"next"', {});
    expect(await stuck).toBeInstanceOf(SandboxLimitError);
    expect(await after).toBe('next');
  });
});

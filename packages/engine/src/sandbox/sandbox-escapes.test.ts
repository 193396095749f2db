// Known ways out of JavaScript sandboxes (several were n8n expression CVEs). Each must end
// in an error or a value that only exists inside the VM, and must leave the host untouched.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../errors.ts';
import type { Json } from '../json.ts';
import { createSandbox } from './sandbox.ts';

const sandbox = createSandbox({ timeoutMs: 1000 });
afterAll(() => sandbox.close());

const host = globalThis as Record<string, unknown>;
// The host's own hook (the test runner sets one for source maps) must be left as it was.
const hostPrepareStackTrace = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
beforeEach(() => {
  delete host.__weftCanary;
});

/** Sets the canary if the code ever runs with the host's globals. */
const touch = `(typeof process !== "undefined" || typeof require !== "undefined") && (globalThis.__weftCanary = "escaped")`;

async function outcome(expression: string): Promise<{ value?: Json; error?: Error }> {
  try {
    return { value: await sandbox.evaluate(expression, { input: { a: 1 } }) };
  } catch (error) {
    expect(error).toBeInstanceOf(WeftError);
    return { error: error as Error };
  }
}

function expectHostUntouched(): void {
  expect(host.__weftCanary).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Error as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(hostPrepareStackTrace);
  expect(typeof JSON.stringify).toBe('function');
  expect(JSON.stringify({ a: 1 })).toBe('{"a":1}');
}

describe('escapes', () => {
  it.each<[string, string, (result: { value?: Json; error?: Error }) => void]>([
    [
      'Function from this.constructor',
      `this.constructor.constructor('return process')()`,
      (r) => expect(r.error?.message).toMatch(/ReferenceError: 'process' is not defined/),
    ],
    [
      'Function from an arrow',
      `(() => {}).constructor('${touch}; return typeof process')()`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'AsyncFunction',
      `(async () => {}).constructor('${touch}; return typeof require')()`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'GeneratorFunction',
      `(function* () {}).constructor('yield typeof process')().next().value`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'AsyncGeneratorFunction',
      `(async function* () {}).constructor('yield process')().next()`,
      (r) => expect(r.error?.message).toMatch(/ReferenceError/),
    ],
    [
      'computed keys',
      `this['const' + 'ructor']['const' + 'ructor']('return typeof globalThis.process')()`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    ['template-literal call', 'Function`return typeof require```', (r) => expect(r.value).toBe('undefined')],
    [
      'template literal holding the escape',
      "`${this.constructor.constructor('return typeof process')()}`",
      (r) => expect(r.value).toBe('undefined'),
    ],
    ['eval inside the VM', `eval('${touch}; typeof process')`, (r) => expect(r.value).toBe('undefined')],
    [
      'globals the host has',
      '[typeof process, typeof require, typeof module, typeof Buffer, typeof WebAssembly, typeof fetch, typeof setTimeout]',
      (r) => expect(r.value).toEqual(Array(7).fill('undefined')),
    ],
    ['dynamic import', `import('node:fs')`, (r) => expect(r.error).toBeDefined()],
    [
      'Error.prepareStackTrace',
      `(() => { Error.prepareStackTrace = (e, frames) => frames.map((f) => typeof f.getThis === 'function' ? typeof f.getThis() : 'none'); try { null.x } catch (e) { return String(e.stack).slice(0, 200) } })()`,
      (r) => expect(JSON.stringify(r.value ?? r.error?.message)).not.toMatch(/node_modules|file:|process/),
    ],
    [
      'Proxy as the thrown value',
      `(() => { throw new Proxy({}, { get: (t, k) => { ${touch}; return () => 'x' }, getPrototypeOf: () => { throw 1 } }) })()`,
      (r) => expect(r.error?.message).toMatch(/could not be described|Uncaught/),
    ],
    [
      'a thrown Proxy whose traps never return',
      '(() => { throw new Proxy({}, { getPrototypeOf() { for (;;) {} } }) })()',
      (r) => expect(r.error?.message).toMatch(/time limit/),
    ],
    [
      'a thenable returned',
      `({ then(resolve) { ${touch}; resolve(typeof process) } })`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'Symbol.species on a returned promise',
      `(() => { class Evil extends Promise { static get [Symbol.species]() { ${touch}; return Promise } } return Evil.resolve(typeof require) })()`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'a tampered Promise.prototype.then',
      `(() => { Promise.prototype.then = function () { ${touch} }; return Promise.resolve(1) })()`,
      (r) => expect(r.value === 1 || r.error !== undefined).toBe(true),
    ],
    [
      'a getter on the result',
      `({ get x() { return this.constructor.constructor('return process')() } })`,
      (r) => expect(r.error?.message).toMatch(/ReferenceError/),
    ],
    [
      'toJSON on the result',
      `({ toJSON() { ${touch}; return typeof process } })`,
      (r) => expect(r.value).toBe('undefined'),
    ],
    [
      'a tampered JSON.stringify',
      `(JSON.stringify = () => '"pwned"', { a: 1 })`,
      (r) => expect(r.value).toEqual({ a: 1 }),
    ],
    [
      'a tampered Object.prototype.toJSON',
      `(Object.prototype.toJSON = () => 'pwned', { a: 1 })`,
      (r) => expect(r.value).toBe('pwned'),
    ],
    [
      '__proto__ in the result',
      `JSON.parse('{"__proto__": {"polluted": "yes"}}')`,
      (r) => expect(Object.hasOwn(r.value as object, '__proto__')).toBe(true),
    ],
  ])('%s', async (_name, expression, check) => {
    check(await outcome(expression));
    expectHostUntouched();
  });

  it('code steps see the same walls', async () => {
    const run = await sandbox.runCode({
      code: `const F = (async () => {}).constructor;
        const probe = await F('return [typeof process, typeof require, typeof globalThis.Deno]')();
        console.log(this === undefined ? 'no this' : typeof this);
        return probe;`,
      input: null,
    });
    expect(run.result).toEqual(['undefined', 'undefined', 'undefined']);
    expectHostUntouched();
  });

  it('scope values are copies: changes inside do not reach the caller', async () => {
    const scope = { input: { list: [1, 2] } };
    expect(await sandbox.evaluate('(input.list.push(3), input.list.length)', scope)).toBe(3);
    expect(scope.input.list).toEqual([1, 2]);
  });

  it('a "__proto__" scope key is a plain variable, not a prototype', async () => {
    const scope = JSON.parse('{"__proto__": {"polluted": "yes"}, "input": 1}') as Record<string, unknown>;
    expect(await sandbox.evaluate('[({}).polluted ?? "clean", input]', scope)).toEqual(['clean', 1]);
  });
});

describe('each call starts clean', () => {
  it('prototype pollution and global changes do not persist to the next call', async () => {
    await sandbox.evaluate(
      `(Object.prototype.polluted = 'yes', Array.prototype.map = null, globalThis.leftover = 1, JSON.stringify = null, 1)`,
      {},
    );
    expect(
      await sandbox.evaluate(
        '[({}).polluted ?? "clean", typeof [].map, typeof leftover, JSON.stringify({ a: 1 })]',
        {},
      ),
    ).toEqual(['clean', 'function', 'undefined', '{"a":1}']);
    await sandbox.runCode({
      code: 'String.prototype.trim = () => "hacked"; console.log = null;',
      input: null,
    });
    expect(await sandbox.runCode({ code: 'console.log("ok"); return " x ".trim()', input: null })).toEqual({
      result: 'x',
      logs: [{ level: 'log', message: 'ok' }],
    });
    expectHostUntouched();
  });
});

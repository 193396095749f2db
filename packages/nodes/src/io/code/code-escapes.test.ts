// Hostile code through the code node: nothing reaches the host realm, every run ends within its
// limit plus a second, and the engine keeps working afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, workflow, type Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { createTestEngine, type RunView } from '../../testing/index.ts';
import { createIoNodes } from '../index.ts';

const sandbox = createSandbox();
afterAll(() => sandbox.close());
const TIMEOUT_MS = 300;
/** Host-only things that must never appear in an output or error. */
const HOST_MARKERS = [process.cwd(), 'node:internal', String(process.pid), 'file://'];

function setup() {
  return createTestEngine({ nodes: createIoNodes({ egress: createEgressClient(), sandbox }) });
}

async function runCode(
  code: string,
  params: Record<string, unknown> = {},
): Promise<{ view: RunView; ms: number }> {
  const started = performance.now();
  const view = await setup().run(
    workflow('esc')
      .node('js', 'code', { code, timeoutMs: TIMEOUT_MS, ...params })
      .build(),
    { secret: 1 },
  );
  return { view, ms: performance.now() - started };
}

function expectNoHost(view: RunView): void {
  const text = JSON.stringify([view.run.output ?? null, view.run.error ?? null, view.steps]);
  for (const marker of HOST_MARKERS) expect(text).not.toContain(marker);
}

const FUNCTION_CONSTRUCTORS: { name: string; code: string }[] = [
  {
    name: 'this.constructor.constructor',
    code: "return this.constructor.constructor('return process')().pid",
  },
  { name: 'an arrow function’s constructor', code: "return (() => 0).constructor('return process')().pid" },
  {
    name: 'the async function constructor',
    code: "const AF = (async () => {}).constructor; return (await AF('return process')()).pid",
  },
  {
    name: 'the generator function constructor',
    code: "const GF = (function* () {}).constructor; return GF('yield process')().next().value.pid",
  },
  {
    name: 'the async generator constructor',
    code: "const AG = (async function* () {}).constructor; return (await AG('yield process')().next()).value.pid",
  },
  {
    name: 'computed keys',
    code: "const k = ['constr', 'uctor'].join(''); return ({})[k][k]('return process')().pid",
  },
  { name: 'a template-literal call', code: 'return Function`return process```.pid' },
  {
    name: 'globalThis lookups',
    code: 'return [typeof process, typeof require, typeof globalThis.Buffer, typeof fetch, typeof setTimeout].join()',
  },
  {
    name: 'import()',
    code: "const fs = await import('node:fs'); return fs.readFileSync('/etc/passwd', 'utf8')",
  },
  {
    name: 'Error.prepareStackTrace',
    code: 'Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getThis && f.getThis()); try { null.x } catch (e) { return String(e.stack) }',
  },
  {
    name: 'a Proxy thrown',
    code: "throw new Proxy({}, { get() { throw new Proxy({}, { get() { return (() => 0).constructor('return process')() } }) } })",
  },
  {
    name: 'a thenable returned',
    code: "return { then(resolve) { resolve(this.constructor.constructor('return process')().pid) } }",
  },
  {
    name: 'a promise with its own then returned',
    code: "const p = Promise.resolve(1); p.then = (ok) => ok((() => 0).constructor('return process')()); return p",
  },
  {
    name: 'a Symbol.species trick',
    code: "class P extends Promise { static get [Symbol.species]() { return (() => 0).constructor('return process')() } } return P.resolve(1)",
  },
  {
    name: 'a getter on the result',
    code: "return { get x() { return (() => 0).constructor('return process')().pid } }",
  },
  {
    name: 'toJSON on the result',
    code: "return { toJSON() { return (() => 0).constructor('return process')().pid } }",
  },
];

describe('code node: escapes', () => {
  it.each(FUNCTION_CONSTRUCTORS)('$name reaches nothing of the host', async ({ code }) => {
    const { view, ms } = await runCode(code);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    expectNoHost(view);
    if (view.run.status === 'succeeded') {
      // Whatever it returned, it is VM data: no host objects (a pid, a file) came back.
      expect(JSON.stringify(view.run.output)).not.toMatch(/root:|"?\d{2,}"?$/);
    } else {
      expect(view.attempt('js').error?.code).toMatch(/NODE_FAILED|SANDBOX_LIMIT/);
    }
  });

  it('sees no host globals', async () => {
    const { view } = await runCode(
      'return [typeof process, typeof require, typeof Buffer, typeof fetch, typeof setTimeout, typeof WebAssembly].join()',
    );
    expect(view.run.output).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
  });

  it.each<{ name: string; code: string; params?: Record<string, unknown>; message: RegExp; slack?: number }>([
    { name: 'while (true) {}', code: 'while (true) {}', message: /time limit of 300 ms/ },
    {
      name: 'an endless job queue',
      code: 'const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {})',
      message: /time limit/,
    },
    {
      name: 'unbounded allocation',
      code: 'const a = []; for (;;) a.push({ n: a.length, s: "item" + a.length })',
      params: { memoryLimitMb: 16, timeoutMs: 5000 },
      message: /memory limit of 16 MiB/,
    },
    {
      // QuickJS aborts inside its allocator on these (the engine's watchdog then replaces the
      // worker), so this one ends at the watchdog: the limit, its second of grace and a respawn.
      name: 'unbounded allocation of large strings',
      code: "const a = []; for (;;) a.push('x'.repeat(1 << 20) + a.length)",
      params: { memoryLimitMb: 16 },
      message: /(time|memory) limit/,
      slack: 500,
    },
    { name: 'deep recursion', code: 'const f = (n) => f(n + 1) + 1; return f(0)', message: /stack limit/ },
    { name: 'a never-settling promise', code: 'await new Promise(() => {})', message: /can never settle/ },
  ])('$name ends within its limit plus a second', async ({ code, params, message, slack = 0 }) => {
    const { view, ms } = await runCode(code, params);
    const limit = (params?.['timeoutMs'] as number | undefined) ?? TIMEOUT_MS;
    expect(ms).toBeLessThan(limit + 1000 + slack);
    expect(view.run.status).toBe('failed');
    expect(view.attempt('js').error).toMatchObject({ code: 'SANDBOX_LIMIT' });
    expect(view.attempt('js').error?.message).toMatch(message);
  });

  it('prototype pollution does not persist into the next run, nor reach the host', async () => {
    const t = setup();
    const polluted = await t.run(
      workflow('p')
        .node('js', 'code', {
          code: "Object.prototype.polluted = 'yes'; Array.prototype.map = () => 'hijacked'; JSON.stringify = () => '\"forged\"'; return [1].map((x) => x)",
        })
        .build(),
    );
    expect(polluted.run.output).toBe('hijacked');
    const next = await t.run(
      workflow('p')
        .node('js', 'code', { code: "return [({}).polluted ?? 'clean', [1, 2].map((x) => x * 2)]" })
        .build(),
    );
    expect(next.run.output).toEqual(['clean', [2, 4]]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('the engine keeps working after every escape attempt', async () => {
    const { view } = await runCode('return input.secret + 1');
    expect(view.run.output).toBe(2);
  });
});

describe('code node: templates in data are never evaluated', () => {
  const payloads: Json[] = [
    "{{ this.constructor.constructor('return process')().pid }}",
    "{{ (() => 0).constructor('return process')() }}",
    '${process.pid} {{ 6 * 7 }}',
    { nested: ['{{ input }}', "{{ steps.constructor.constructor('return 1')() }}"] },
  ];

  it.each(payloads.map((body) => ({ body })))('a webhook body $body stays data', async ({ body }) => {
    const view = await setup().run(
      workflow('hook')
        .node('js', 'code', { code: 'return { seen: input, kind: typeof input }', input: '{{ input.body }}' })
        .node('echo', 'transform', { value: '{{ steps.js.output.seen }}' })
        .chain('js', 'echo')
        .build(),
      { body },
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('js').output).toEqual({
      seen: body,
      kind: typeof body === 'string' ? 'string' : 'object',
    });
    expect(view.run.output).toEqual(body);
  });

  it('data reached through steps stays data too', async () => {
    const body = "{{ this.constructor.constructor('return process')().pid }}";
    const view = await setup().run(
      workflow('hook')
        .node('first', 'transform', { value: { text: '{{ input.body }}' } })
        .node('js', 'code', { code: 'return steps.first.output.text' })
        .chain('first', 'js')
        .build(),
      { body },
    );
    expect(view.run.output).toBe(body);
  });
});

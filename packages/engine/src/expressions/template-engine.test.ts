import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ExpressionError, SandboxLimitError } from '../errors.ts';
import type { Json } from '../json.ts';
import type { ExpressionScope } from '../nodes/define-node.ts';
import { createSandbox, type Sandbox } from '../sandbox/sandbox.ts';
import { createTemplateEngine } from './template-engine.ts';

const scope: ExpressionScope = {
  input: { topic: 'tides', words: 3, tags: ['a', 'b'], nested: { deep: { value: 42 } }, empty: null },
  steps: {
    research: {
      output: { text: 'The moon pulls', items: [{ name: 'x' }, { name: 'y' }] },
      status: 'succeeded',
    },
    'fetch-data': { output: [1, 2, 3], status: 'succeeded' },
    // Model output that looks like a template: it is data and must come out verbatim.
    injected: {
      output: 'Ignore that. {{ env.SECRET }} {{ (() => { while (true) {} })() }}',
      status: 'succeeded',
    },
  },
  state: { count: 2 },
  env: { REGION: 'eu', SECRET: 'hunter2' },
  item: { name: 'Ada' },
  index: 0,
};

const real = createSandbox({ timeoutMs: 500 });
let sandboxCalls = 0;
// Counts the calls that reach the sandbox, to prove which templates take the fast path.
const counting: Sandbox = {
  evaluate: (expression, values) => {
    sandboxCalls++;
    return real.evaluate(expression, values);
  },
  runCode: (options) => real.runCode(options),
  close: () => real.close(),
};
const engine = createTemplateEngine({ sandbox: counting });

beforeEach(() => {
  sandboxCalls = 0;
});
afterAll(async () => {
  await engine.close();
  await real.close();
});

describe('render: fast path (no evaluation)', () => {
  it.each<[string, Json]>([
    ['{{ input.topic }}', 'tides'],
    ['{{input.words}}', 3],
    ['{{ input.tags }}', ['a', 'b']],
    ['{{ input.nested }}', { deep: { value: 42 } }],
    ['{{ input.nested.deep.value }}', 42],
    ['{{ steps.research.output.text }}', 'The moon pulls'],
    ['{{ steps.research.output.items[1].name }}', 'y'],
    ['{{ steps["fetch-data"].output[0] }}', 1],
    ["{{ steps['fetch-data'].output.length }}", 3],
    ['{{ input.topic.length }}', 5],
    ['{{ item.name }}', 'Ada'],
    ['{{ index }}', 0],
    ['{{ state.count }}', 2],
    ['{{ env.REGION }}', 'eu'],
    ['{{ input?.nested?.deep }}', { value: 42 }],
    ['{{ 42 }}', 42],
    ['{{ "text" }}', 'text'],
    ['{{ null }}', null],
    ['{{ "}}" }}', '}}'],
    ['About {{ input.topic }}!', 'About tides!'],
    ['{{ input.words }} words', '3 words'],
    ['tags: {{ input.tags }}', 'tags: ["a","b"]'],
    ['{{ input.topic }}/{{ item.name }}', 'tides/Ada'],
    // Missing data is null as a whole value and nothing inside text.
    ['{{ input.missing }}', null],
    ['{{ input.empty }}', null],
    ['{{ steps.nope.output.text }}', null],
    ['{{ input.tags[5] }}', null],
    ['[{{ input.missing }}]', '[]'],
    ['[{{ input.empty }}]', '[]'],
    // Prototype keys are not own data: they read as missing.
    ['{{ input.constructor }}', null],
    ['{{ input.__proto__ }}', null],
    ['{{ input.constructor.prototype }}', null],
    ['{{ steps.__proto__.polluted }}', null],
    ['{{ input.tags.map }}', null],
  ])('%s → %j', async (template, expected) => {
    expect(await engine.render(template, scope)).toEqual(expected);
    expect(sandboxCalls).toBe(0);
  });
});

describe('render: sandboxed expressions', () => {
  it.each<[string, Json]>([
    ['{{ input.words * 2 }}', 6],
    ['{{ input.tags.map((t) => t.toUpperCase()) }}', ['A', 'B']],
    ['{{ `${input.topic}!` }}', 'tides!'],
    ['{{ {a: {b: 1}} }}', { a: { b: 1 } }],
    ['{{ Math.max(1, index, state.count) }}', 2],
    ['{{ input.tags.length > 1 ? "many" : "one" }}', 'many'],
    ['{{ Promise.resolve(input.words) }}', 3],
    ['{{ steps.research.output.items.map((i) => i.name).join(", ") }}', 'x, y'],
    ['total: {{ input.words + state.count }}', 'total: 5'],
    ['{{ undefined }}', null],
    ['x{{ undefined }}y', 'xy'],
    ['{{ () => 1 }}', null],
  ])('%s → %j', async (template, expected) => {
    expect(await engine.render(template, scope)).toEqual(expected);
    expect(sandboxCalls).toBeGreaterThan(0);
  });

  it.each([
    'input.topic',
    'input.tags',
    'input.nested.deep',
    'steps.research.output.items[0]',
    'steps["fetch-data"].output[2]',
    'input.topic.length',
    'item.name',
    'index',
    'input.missing',
    'input.tags[5]',
  ])('fast path and sandbox agree on %s', async (expression) => {
    const fast = await engine.evaluate(expression, scope);
    expect(sandboxCalls).toBe(0);
    expect(await real.evaluate(expression, scope)).toEqual(fast);
  });
});

describe('render: values', () => {
  it('renders objects and arrays deeply, leaving other values alone', async () => {
    const params = {
      model: 'gpt-x',
      prompt: { messages: [{ role: 'user', content: 'Explain {{ input.topic }}' }, '{{ input.nested }}'] },
      count: 5,
      enabled: true,
      nothing: null,
      list: ['{{ input.words }}', 'n={{ input.words * 10 }}'],
    };
    expect(await engine.render(params, scope)).toEqual({
      model: 'gpt-x',
      prompt: { messages: [{ role: 'user', content: 'Explain tides' }, { deep: { value: 42 } }] },
      count: 5,
      enabled: true,
      nothing: null,
      list: [3, 'n=30'],
    });
  });

  it('renders other values by JSON rules', async () => {
    const when = new Date(Date.UTC(2024, 0, 2));
    expect(await engine.render({ when, gone: undefined, nan: Number.NaN, fn: () => 1 }, scope)).toEqual({
      when: '2024-01-02T00:00:00.000Z',
      gone: null,
      nan: null,
      fn: null,
    });
  });

  it('never renders data again, even when it looks like a template', async () => {
    expect(await engine.render('{{ steps.injected.output }}', scope)).toBe(scope.steps.injected?.output);
    expect(await engine.render('Said: {{ steps.injected.output }}', scope)).toBe(
      `Said: ${String(scope.steps.injected?.output)}`,
    );
    expect(await engine.render('{{ steps.injected.output.toUpperCase() }}', scope)).toContain(
      '{{ ENV.SECRET }}',
    );
  });

  it('returns copies: changing the result does not change the scope', async () => {
    const tags = (await engine.render('{{ input.tags }}', scope)) as string[];
    tags.push('c');
    expect((scope.input as { tags: string[] }).tags).toEqual(['a', 'b']);
  });

  it('keeps a "__proto__" key as data', async () => {
    const value = JSON.parse('{"__proto__": "{{ input.topic }}"}') as unknown;
    const rendered = (await engine.render(value, scope)) as Record<string, Json>;
    expect(Object.hasOwn(rendered, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).topic).toBeUndefined();
  });
});

describe('render: errors say which expression failed and why', () => {
  it.each([
    [
      '{{ input.topic.nope() }}',
      'prompt',
      /Expression \{\{ input\.topic\.nope\(\) }} at prompt failed: TypeError: .*not a function/,
    ],
    [
      '{{ unknownName }}',
      'prompt',
      /Expression \{\{ unknownName }} at prompt failed: ReferenceError: 'unknownName' is not defined/,
    ],
    ['{{ a + }}', 'prompt', /Expression \{\{ a \+ }} at prompt is not valid JavaScript: Unexpected token/],
    ['Hi {{ input.topic', 'prompt', /prompt: Unclosed "\{\{" at line 1, column 4/],
  ])('%s', async (template, key, message) => {
    const error = await engine.render({ [key]: template }, scope).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toMatch(message);
  });

  it("prefixes the caller's path", async () => {
    const error = await engine
      .render({ prompt: ['{{ nope.x }}'] }, scope, { path: 'nodes[2].params' })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('at nodes[2].params.prompt[0] failed');
  });

  it('reports limits as SandboxLimitError naming the expression', async () => {
    const error = await engine
      .render('{{ (() => { while (true) {} })() }}', scope)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect((error as Error).message).toBe(
      'Expression {{ (() => { while (true) {} })() }} ran past its time limit of 500 ms',
    );
  });
});

describe('createTemplateEngine without a sandbox', () => {
  it('creates its own on first need and closes it', async () => {
    const own = createTemplateEngine({ timeoutMs: 2000 });
    expect(await own.render('{{ input.topic }}', scope)).toBe('tides');
    expect(await own.render('{{ input.words + 1 }}', scope)).toBe(4);
    await own.close();
  });
});

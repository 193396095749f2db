import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json, type ModelToolCall } from '@weft/engine';
import { startLoopbackServer, type LoopbackServer } from '../../egress/test-support.ts';
import { createNodeLibrary } from '../../library.ts';
import { createTestEngine } from '../../testing/index.ts';

const call = (id: string, name: string, input: Json): ModelToolCall => ({ id, name, input });

function agentWith(tools: unknown[], extra: Record<string, unknown> = {}) {
  return workflow('agent')
    .node('agent', 'agent', { prompt: 'Go', tools, ...extra })
    .build();
}

const slugTool = {
  name: 'slug',
  description: 'Turns a title into a URL slug.',
  input: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
  code: 'console.log("slugging", args.title);\nreturn args.title.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-");',
};

const greetWorkflow = {
  name: 'greet',
  nodes: [{ id: 'greet', type: 'transform', params: { value: 'Hello, {{ input.who }}!' } }],
};
const greetTool = {
  name: 'greet',
  description: 'Greets someone.',
  input: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
  workflow: greetWorkflow,
};

describe('agent: code-defined tools', () => {
  it('runs the code in the sandbox with `args` and returns its result', async () => {
    const t = createTestEngine({
      model: [{ toolCalls: [call('c1', 'slug', { title: '  Hello World! ' })] }, { text: 'done' }],
    });
    const view = await t.run(agentWith([slugTool]));
    expect(view.run.status).toBe('succeeded');
    expect(t.model?.requests[0]?.tools).toEqual([
      { name: 'slug', description: slugTool.description, inputSchema: slugTool.input },
    ]);
    expect(t.model?.requests[1]?.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'c1',
      toolName: 'slug',
      content: 'hello-world-',
    });
    expect(view.eventsOf('log', 'agent').map((e) => e.data)).toEqual([
      { level: 'log', message: 'slug: slugging   Hello World! ' },
    ]);
  });

  it.each<{ name: string; code: string; args: Json; error: RegExp }>([
    {
      name: 'a thrown error',
      code: 'throw new Error("no such user: " + args.id)',
      args: { id: 7 },
      error: /no such user: 7/,
    },
    {
      name: 'arguments that miss the schema',
      code: 'return 1',
      args: {},
      error: /^Invalid arguments for tool "t": id: /,
    },
    { name: 'an endless loop (time limit)', code: 'while (true) {}', args: { id: 1 }, error: /time|limit/i },
    { name: 'host access', code: 'return process.env', args: { id: 1 }, error: /'process' is not defined/ },
  ])('feeds $name back to the model', async ({ code, args, error }) => {
    const input = { type: 'object', properties: { id: { type: 'number' } }, required: ['id'] };
    const tool = { name: 't', description: 'T', input, code, timeoutMs: 200 };
    const t = createTestEngine({ model: [{ toolCalls: [call('c1', 't', args)] }, { text: 'gave up' }] });
    const view = await t.run(agentWith([tool]));
    expect(view.run.output).toBe('gave up');
    expect(t.model?.requests[1]?.messages[2]).toMatchObject({
      isError: true,
      content: { error: expect.stringMatching(error) },
    });
  });
});

describe('agent: workflows as tools', () => {
  it('runs each call as its own durable child run with the arguments as input', async () => {
    const t = createTestEngine({
      model: [
        { toolCalls: [call('g1', 'greet', { who: 'Ada' }), call('g2', 'greet', { who: 'Alan' })] },
        { text: 'greeted' },
      ],
    });
    const view = await t.run(agentWith([greetTool]));
    expect(view.run.status).toBe('succeeded');
    expect(t.model?.requests[1]?.messages.slice(2)).toEqual([
      { role: 'tool', toolCallId: 'g1', toolName: 'greet', content: 'Hello, Ada!' },
      { role: 'tool', toolCallId: 'g2', toolName: 'greet', content: 'Hello, Alan!' },
    ]);
    const children = await t.childRuns(view.run.id);
    expect(children.map((run) => [run.status, run.input])).toEqual(
      expect.arrayContaining([
        ['succeeded', { who: 'Ada' }],
        ['succeeded', { who: 'Alan' }],
      ]),
    );
    expect(children).toHaveLength(2);
  });

  it('feeds a failed child run back to the model', async () => {
    const failing = {
      ...greetTool,
      workflow: {
        name: 'bad',
        nodes: [{ id: 'x', type: 'transform', params: { value: '{{ input.who.toFixed(1) }}' } }],
      },
    };
    const t = createTestEngine({
      model: [{ toolCalls: [call('g1', 'greet', { who: 'Ada' })] }, { text: 'failed' }],
    });
    const view = await t.run(agentWith([failing]));
    expect(view.run.output).toBe('failed');
    expect(view.attempt('agent').toolCalls?.[0]?.error).toMatch(/Sub-workflow run .* failed/);
  });
});

describe('agent: web_search', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({
            web: { results: [{ title: 'Tides', url: 'https://example.org/t', description: 'Moon.' }] },
          }),
        );
    });
  });
  afterAll(() => server.close());

  it('is a built-in tool once configured, with its credential from the secret resolver', async () => {
    const t = createTestEngine({
      model: [{ toolCalls: [call('w1', 'web_search', { query: 'tides' })] }, { text: 'Moon.' }],
      nodes: createNodeLibrary({
        egressAllow: [`127.0.0.1:${server.port}`],
        webSearch: { provider: 'brave', baseUrl: server.origin, credential: 'brave' },
      }),
      engine: { secrets: { resolve: async (name) => (name === 'brave' ? 'bsk-1' : undefined) } },
    });
    const view = await t.run(agentWith(['web_search']));
    expect(view.run.status).toBe('succeeded');
    expect(t.model?.requests[1]?.messages[2]).toMatchObject({
      content: { results: [{ title: 'Tides', url: 'https://example.org/t', snippet: 'Moon.' }] },
    });
    expect(server.requests[0]?.headers['x-subscription-token']).toBe('bsk-1');
  });
});

describe('agent: tool specs are checked at validation', () => {
  it.each<{ name: string; tools?: unknown[]; mcp?: unknown[]; path: string; message: RegExp }>([
    {
      name: 'a tool with two kinds',
      tools: [{ ...slugTool, workflow: greetWorkflow }],
      path: 'nodes[0].params.tools[0]',
      message: /exactly one of node, workflow or code \(found workflow, code\)/,
    },
    {
      name: 'a tool with no kind',
      tools: [{ name: 'x', description: 'X' }],
      path: 'nodes[0].params.tools[0]',
      message: /exactly one of node, workflow or code \(found none\)/,
    },
    {
      name: 'an invalid inline workflow',
      tools: [{ ...greetTool, workflow: { name: 'w', nodes: [] } }],
      path: 'nodes[0].params.tools[0].workflow.nodes',
      message: /at least one node/,
    },
    {
      name: 'timeoutMs on a workflow tool',
      tools: [{ ...greetTool, timeoutMs: 100 }],
      path: 'nodes[0].params.tools[0].timeoutMs',
      message: /code tools only/,
    },
    {
      name: 'empty code',
      tools: [{ ...slugTool, code: '' }],
      path: 'nodes[0].params.tools[0].code',
      message: /./,
    },
    {
      name: 'an MCP server without a URL',
      mcp: [{ name: 'm', transport: 'http' }],
      path: 'nodes[0].params.mcp[0].url',
      message: /./,
    },
    {
      name: 'an unknown MCP transport',
      mcp: [{ name: 'm', transport: 'sse', url: 'https://x.example' }],
      path: 'nodes[0].params.mcp[0].transport',
      message: /./,
    },
    {
      name: 'a bad MCP server name',
      mcp: [{ name: 'a__b', transport: 'http', url: 'https://x.example' }],
      path: 'nodes[0].params.mcp[0].name',
      message: /must start with a letter/,
    },
    {
      name: 'two MCP servers with one name',
      mcp: [
        { name: 'm', transport: 'http', url: 'https://x.example' },
        { name: 'm', transport: 'http', url: 'https://y.example' },
      ],
      path: 'nodes[0].params.mcp[1].name',
      message: /used twice/,
    },
  ])('$name', ({ tools = [], mcp = [], path, message }) => {
    const t = createTestEngine();
    const result = validateWorkflow(
      { name: 'v', nodes: [{ id: 'agent', type: 'agent', params: { prompt: 'x', tools, mcp } }] },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

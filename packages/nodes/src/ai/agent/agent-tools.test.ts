import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json, type ModelToolCall } from '@weft/engine';
import { testNodeCalls, testNodeTypes } from '@weft/engine/testing';
import { startLoopbackServer, type LoopbackServer } from '../../egress/test-support.ts';
import { createTestEngine } from '../../testing/index.ts';

const call = (id: string, name: string, input: Json): ModelToolCall => ({ id, name, input });

const doubleTool = {
  name: 'double',
  description: 'Doubles a number.',
  input: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
  node: { type: 'transform', params: { value: '{{ args.x * 2 }}' } },
};

function agentWith(tools: unknown[], prompt = 'Go') {
  return workflow('agent').node('agent', 'agent', { prompt, tools }).build();
}

beforeEach(() => testNodeCalls.clear());

describe('agent: nodes exposed as tools', () => {
  it('runs the node as a durable child step with {{ args }}, and returns its output to the model', async () => {
    const t = createTestEngine({
      model: [{ toolCalls: [call('d1', 'double', { x: 21 })] }, { text: 'Doubled: 42' }],
    });
    const view = await t.run(agentWith([doubleTool]));
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('Doubled: 42');
    expect(t.model?.requests[0]?.tools).toEqual([
      { name: 'double', description: 'Doubles a number.', inputSchema: doubleTool.input },
    ]);
    expect(t.model?.requests[1]?.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'd1',
      toolName: 'double',
      content: 42,
    });

    const children = view.steps.filter((s) => s.parentStepId === 'agent');
    expect(children).toHaveLength(1);
    const child = children[0];
    expect(child?.stepId).toMatch(/^agent\[\d+\]$/);
    expect(child).toMatchObject({ nodeId: 'agent', status: 'succeeded' });
    expect(child?.attempts[0]).toMatchObject({ input: { value: 42 }, output: 42, status: 'succeeded' });
    expect(view.eventsOf('step.succeeded', child?.stepId).length).toBe(1);
    expect(view.attempt('agent').toolCalls).toEqual([
      {
        id: 'd1',
        name: 'double',
        input: { x: 21 },
        output: 42,
        startedAt: expect.any(Number),
        endedAt: expect.any(Number),
      },
    ]);
  });

  it('runs a repeated call with the same arguments again (each call is its own step)', async () => {
    const t = createTestEngine({
      nodes: testNodeTypes,
      model: [
        { toolCalls: [call('s1', 'status', { job: 7 })] },
        { toolCalls: [call('s2', 'status', { job: 7 })] },
        { text: 'done' },
      ],
    });
    const status = {
      name: 'status',
      description: 'Job status.',
      node: { type: 'test.echo', params: { value: 'job {{ args.job }}' } },
    };
    const view = await t.run(agentWith([status]));
    expect(view.run.output).toBe('done');
    const children = view.steps.filter((s) => s.parentStepId === 'agent');
    expect(children).toHaveLength(2);
    expect([...testNodeCalls.values()]).toEqual([1, 1]);
  });

  it.each<{ name: string; tool: unknown; args: Json; error: RegExp }>([
    {
      name: 'arguments that do not match its input schema',
      tool: doubleTool,
      args: { x: 'twenty' },
      error: /^Invalid arguments for tool "double": x: /,
    },
    {
      name: 'a node that fails',
      tool: {
        ...doubleTool,
        input: { type: 'object' },
        node: { type: 'transform', params: { value: '{{ args.x.toFixed(1) }}' } },
      },
      args: {},
      error: /toFixed/,
    },
  ])('feeds $name back to the model as an error result', async ({ tool, args, error }) => {
    const t = createTestEngine({ model: [{ toolCalls: [call('d1', 'double', args)] }, { text: 'gave up' }] });
    const view = await t.run(agentWith([tool]));
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('gave up');
    expect(t.model?.requests[1]?.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'd1',
      toolName: 'double',
      content: { error: expect.stringMatching(error) },
      isError: true,
    });
    expect(view.attempt('agent').toolCalls?.[0]?.error).toMatch(error);
  });
});

describe('agent: http_fetch', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((request, response) => {
      if (request.url === '/facts') {
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><title>Tides</title></head><body><h1>Tides</h1><p>The moon pulls the sea.</p></body></html>',
          );
      } else response.writeHead(404, { 'content-type': 'text/plain' }).end('missing');
    });
  });
  afterAll(() => server.close());

  it('fetches an allow-listed loopback server and hands the page text to the model', async () => {
    const t = createTestEngine({
      egressAllow: ['127.0.0.1'],
      model: [
        { toolCalls: [call('f1', 'http_fetch', { url: `${server.origin}/facts` })] },
        { text: 'The moon pulls the sea.' },
      ],
    });
    const view = await t.run(agentWith(['http_fetch'], 'Research tides'));
    expect(view.run.output).toBe('The moon pulls the sea.');
    expect(server.requests.map((r) => [r.method, r.url])).toEqual([['GET', '/facts']]);
    const result = t.model?.requests[1]?.messages[2];
    expect(result).toMatchObject({
      role: 'tool',
      toolName: 'http_fetch',
      content: {
        url: `${server.origin}/facts`,
        status: 200,
        title: 'Tides',
        truncated: false,
        text: expect.stringContaining('The moon pulls the sea.'),
      },
    });
    expect(view.attempt('agent').toolCalls?.[0]).toMatchObject({
      name: 'http_fetch',
      output: { status: 200 },
    });
  });

  it('never connects to a loopback server that is not allow-listed', async () => {
    const before = server.connections;
    const t = createTestEngine({
      model: [
        { toolCalls: [call('f1', 'http_fetch', { url: `${server.origin}/facts` })] },
        { text: 'blocked' },
      ],
    });
    const view = await t.run(agentWith(['http_fetch']));
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('agent').toolCalls?.[0]?.error).toMatch(/^Egress blocked/);
    expect(server.connections).toBe(before);
  });
});

describe('agent: tool params are checked at validation', () => {
  it.each<{ name: string; tools: unknown[]; path: string; message: RegExp }>([
    {
      name: 'an unknown built-in tool',
      tools: ['calculator', 'web_search'],
      path: 'nodes[0].params.tools[1]',
      message: /unknown tool 'web_search'; built-in tools are http_fetch, calculator \(or define one/,
    },
    {
      name: 'two tools with one name',
      tools: ['calculator', { ...doubleTool, name: 'calculator' }],
      path: 'nodes[0].params.tools[1]',
      message: /tool name 'calculator' is used twice/,
    },
    {
      name: 'a bad tool name',
      tools: [{ ...doubleTool, name: 'has space' }],
      path: 'nodes[0].params.tools[0].name',
      message: /./,
    },
    {
      name: 'an unusable input schema',
      tools: [{ ...doubleTool, input: { type: 'nonsense' } }],
      path: 'nodes[0].params.tools[0].input',
      message: /not a usable JSON Schema/,
    },
  ])('$name', ({ tools, path, message }) => {
    const t = createTestEngine();
    const result = validateWorkflow(
      { name: 'v', nodes: [{ id: 'agent', type: 'agent', params: { prompt: 'x', tools } }] },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

import { fileURLToPath } from 'node:url';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json, type ModelToolCall } from '@weft/engine';
import { startLoopbackServer, type LoopbackServer } from '../../egress/test-support.ts';
import { createNodeLibrary, type NodeLibraryOptions } from '../../library.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createMathServer } from './tool-bindings/test-fixtures/math-server.ts';

const call = (id: string, name: string, input: Json): ModelToolCall => ({ id, name, input });
const stdioScript = fileURLToPath(
  new URL('./tool-bindings/test-fixtures/math-server-stdio.ts', import.meta.url),
);
const stdioServer = {
  name: 'math',
  transport: 'stdio',
  command: process.execPath,
  args: [stdioScript],
  env: { MCP_GREETING: 'hello from env' },
};

function agentWith(mcp: unknown[], tools: unknown[] = []) {
  return workflow('agent').node('agent', 'agent', { prompt: 'Go', tools, mcp }).build();
}

function engineWith(
  options: NodeLibraryOptions,
  model: Parameters<typeof createTestEngine>[0] extends infer O
    ? O extends { model?: infer M }
      ? M
      : never
    : never,
) {
  return createTestEngine({ model, nodes: createNodeLibrary(options) });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('agent: MCP over stdio', () => {
  it('lists the server tools as <server>__<tool>, calls them and returns their content', async () => {
    const t = engineWith({ mcp: { allowStdio: true } }, [
      {
        toolCalls: [
          call('a1', 'math__add', { a: 2, b: 40 }),
          call('e1', 'math__echo', { text: 'hi' }),
          call('s1', 'math__stats', { values: [1, 2, 3] }),
          call('f1', 'math__fail', {}),
          call('p1', 'math__pid', {}),
        ],
      },
      { text: 'The sum is 42.' },
    ]);
    const view = await t.run(agentWith([stdioServer]));
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('The sum is 42.');

    const offered = t.model?.requests[0]?.tools ?? [];
    expect(offered.map((tool) => tool.name)).toEqual([
      'math__add',
      'math__echo',
      'math__stats',
      'math__fail',
      'math__pid',
      'math__sleep',
    ]);
    expect(offered[0]).toMatchObject({
      description: 'Adds two numbers.',
      inputSchema: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    });

    const results = t.model?.requests[1]?.messages.slice(2) ?? [];
    expect(results.slice(0, 4)).toEqual([
      { role: 'tool', toolCallId: 'a1', toolName: 'math__add', content: '42' },
      { role: 'tool', toolCallId: 'e1', toolName: 'math__echo', content: 'hi\nhello from env' },
      { role: 'tool', toolCallId: 's1', toolName: 'math__stats', content: { sum: 6, mean: 2 } },
      {
        role: 'tool',
        toolCallId: 'f1',
        toolName: 'math__fail',
        content: { error: 'the disk is full' },
        isError: true,
      },
    ]);
    // The connection ends with the step: the server process exits.
    const pid = Number(view.attempt('agent').toolCalls?.[4]?.output);
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !alive(pid))).toBe(true);
  });

  it('closes the connection when the step is cancelled mid-call', async () => {
    const t = engineWith({ mcp: { allowStdio: true } }, [
      { toolCalls: [call('p1', 'math__pid', {})] },
      { toolCalls: [call('s1', 'math__sleep', {})] },
      { text: 'never' },
    ]);
    const { run, done } = await t.engine.startRun({ workflow: agentWith([stdioServer]), input: null });
    const sleeping = await waitUntil(() => (t.model?.requests.length ?? 0) >= 2, 5000);
    expect(sleeping).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.engine.cancel(run.id);
    const ended = await done;
    expect(ended.status).toBe('cancelled');
    const view = await t.inspect(run.id);
    const pid = Number(
      view.attempt('agent').toolCalls?.[0]?.output ?? t.model?.requests[1]?.messages[2]?.content,
    );
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !alive(pid))).toBe(true);
  });

  it('is refused at validation unless the library allows stdio servers', () => {
    const t = createTestEngine();
    const result = validateWorkflow(agentWith([stdioServer]), t.registry);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        {
          path: 'nodes[0].params.mcp[0].transport',
          message: expect.stringMatching(/^stdio MCP servers are disabled on this server/),
        },
      ]);
    }
  });
});

describe('agent: MCP over HTTP', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((request, response, body) => {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      // Stateless: a fresh server and transport per request, as in the SDK's examples.
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const mcp = createMathServer();
      response.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      void mcp.connect(transport).then(() => transport.handleRequest(request, response, JSON.parse(body)));
    });
  });
  afterAll(() => server.close());

  const httpServer = () => ({
    name: 'calc',
    transport: 'http',
    url: `${server.origin}/mcp`,
    headers: { authorization: 'Bearer t0k' },
  });

  it('connects through the egress client (allow-listed), calls a tool and sends the configured headers', async () => {
    const t = engineWith({ egressAllow: [`127.0.0.1:${server.port}`] }, [
      { toolCalls: [call('a1', 'calc__add', { a: 1.5, b: 2 })] },
      { text: '3.5' },
    ]);
    const view = await t.run(agentWith([httpServer()]));
    expect(view.run.status).toBe('succeeded');
    expect(t.model?.requests[1]?.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'a1',
      toolName: 'calc__add',
      content: '3.5',
    });
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => (JSON.parse(r.body) as { method: string }).method)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
      'tools/call',
    ]);
    expect(posts.every((r) => r.headers.authorization === 'Bearer t0k')).toBe(true);
  });

  it('fails the step without connecting when the egress policy refuses the URL', async () => {
    const before = server.connections;
    const t = engineWith({}, [{ text: 'unused' }]);
    const view = await t.run(agentWith([httpServer()]));
    expect(view.run.status).toBe('failed');
    expect(view.attempt('agent').error?.message).toMatch(/MCP server 'calc' \(http\): .*Egress blocked/s);
    expect(server.connections).toBe(before);
  });

  it('rejects a tool whose name clashes with an MCP tool', async () => {
    const t = engineWith({ egressAllow: [`127.0.0.1:${server.port}`] }, [{ text: 'unused' }]);
    const clash = { name: 'calc__add', description: 'x', code: 'return 1' };
    const view = await t.run(agentWith([httpServer()], [clash]));
    expect(view.run.status).toBe('failed');
    expect(view.attempt('agent').error?.message).toMatch(/MCP tool 'calc__add' clashes/);
  });
});

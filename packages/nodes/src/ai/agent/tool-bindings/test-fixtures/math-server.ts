// A tiny MCP server for the agent's MCP tests, written with the SDK's own server classes.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** `add`, `echo`, `stats` (structured content), `fail` (an error result), `pid` and `sleep`. */
export function createMathServer(): McpServer {
  const server = new McpServer({ name: 'math', version: '1.0.0' });
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'echo',
    { description: 'Repeats text, in two parts.', inputSchema: { text: z.string() } },
    async ({ text }) => ({
      content: [
        { type: 'text', text },
        { type: 'text', text: process.env['MCP_GREETING'] ?? 'no greeting' },
      ],
    }),
  );
  server.registerTool(
    'stats',
    {
      description: 'Sum and mean of numbers.',
      inputSchema: { values: z.array(z.number()) },
      outputSchema: { sum: z.number(), mean: z.number() },
    },
    async ({ values }) => {
      const sum = values.reduce((total, v) => total + v, 0);
      const result = { sum, mean: sum / values.length };
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    },
  );
  server.registerTool('fail', { description: 'Always fails.' }, async () => ({
    content: [{ type: 'text', text: 'the disk is full' }],
    isError: true,
  }));
  server.registerTool('pid', { description: 'The server process id.' }, async () => ({
    content: [{ type: 'text', text: String(process.pid) }],
  }));
  server.registerTool('sleep', { description: 'Never answers.' }, () => new Promise(() => {}));
  return server;
}

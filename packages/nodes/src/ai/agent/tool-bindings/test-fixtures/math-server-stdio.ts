// Runs the test MCP server over stdio: `node math-server-stdio.ts`.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMathServer } from './math-server.ts';

await createMathServer().connect(new StdioServerTransport());

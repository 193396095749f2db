import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { NonRetryableError, WeftError, type Json, type JsonObject } from '@weft/engine';
import type { EgressClient } from '../../../egress/index.ts';
import { egressFetch } from './egress-fetch.ts';
import type { McpServerSpec } from './tool-specs.ts';
import type { AgentToolBinding } from './types.ts';

/** How the agent may reach MCP servers (library option `mcp`). */
export interface McpOptions {
  /** Stdio servers are processes Weft spawns (shell-like powers): refused unless true. Default false. */
  allowStdio?: boolean;
}

/** The tools of the MCP servers one agent step connected to; `close` ends every connection. */
export interface McpSession {
  tools: AgentToolBinding[];
  close(): Promise<void>;
}

/** Message of the error an agent gets when stdio MCP servers are disabled. */
export const STDIO_DISABLED =
  'stdio MCP servers are disabled on this server: they run a local command, so an operator must enable them (node library option mcp.allowStdio)';

const STDERR_KEPT = 2000;

/**
 * Connects to each server, lists its tools and binds them as `<server>__<tool>`. HTTP servers are
 * reached through the egress client. If any server fails, the ones already connected are closed.
 */
export async function connectMcpServers(args: {
  servers: readonly McpServerSpec[];
  egress: EgressClient;
  options: McpOptions;
  signal: AbortSignal;
}): Promise<McpSession> {
  const clients: Client[] = [];
  const close = async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
  };
  const tools: AgentToolBinding[] = [];
  try {
    for (const server of args.servers) {
      const { transport, stderr } = openTransport(server, args);
      const client = new Client({ name: 'weft', version: '0.1.0' });
      clients.push(client);
      try {
        await client.connect(transport, { signal: args.signal });
        tools.push(...(await listTools(server.name, client, args.signal)));
      } catch (error) {
        if (args.signal.aborted) throw error;
        const message = error instanceof Error ? error.message : String(error);
        const tail = stderr().trim();
        throw new WeftError(
          'NODE_FAILED',
          `MCP server '${server.name}' (${server.transport}): ${message}${tail ? `\n${tail}` : ''}`,
          {
            cause: error,
          },
        );
      }
    }
    return { tools, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function openTransport(
  server: McpServerSpec,
  args: { egress: EgressClient; options: McpOptions },
): { transport: Transport; stderr: () => string } {
  if (server.transport === 'http') {
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      fetch: egressFetch(args.egress),
      ...(server.headers ? { requestInit: { headers: server.headers } } : {}),
    });
    return { transport, stderr: () => '' };
  }
  if (!args.options.allowStdio) throw new NonRetryableError(`MCP server '${server.name}': ${STDIO_DISABLED}`);
  // argv array: no shell, so nothing in args is interpreted.
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    ...(server.env ? { env: server.env } : {}),
    stderr: 'pipe',
  });
  let kept = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    kept = (kept + chunk.toString('utf8')).slice(-STDERR_KEPT);
  });
  return { transport, stderr: () => kept };
}

async function listTools(
  serverName: string,
  client: Client,
  signal: AbortSignal,
): Promise<AgentToolBinding[]> {
  const bindings: AgentToolBinding[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal });
    for (const tool of page.tools) {
      const name = `${serverName}__${tool.name.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
      bindings.push({
        name,
        description: tool.description ?? tool.title ?? `${tool.name} (MCP server ${serverName})`,
        inputSchema: tool.inputSchema as JsonObject,
        async call(input, ctx) {
          const result = await client.callTool(
            { name: tool.name, arguments: (input ?? {}) as Record<string, unknown> },
            undefined,
            { signal: ctx.signal },
          );
          return toolResult(result);
        },
      });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return bindings;
}

interface ContentPart {
  type: string;
  text?: string;
  mimeType?: string;
  uri?: string;
  resource?: { uri?: string; text?: string };
}

/** An MCP tool result as JSON for the model: structured content as is, else the text parts joined. */
export function toolResult(result: Record<string, unknown>): Json {
  const parts = (Array.isArray(result['content']) ? result['content'] : []) as ContentPart[];
  const text = parts.map(partText).join('\n');
  if (result['isError'] === true)
    throw new WeftError('NODE_FAILED', text || 'the MCP tool reported an error');
  const structured = result['structuredContent'];
  if (structured !== undefined && structured !== null) return structured as Json;
  if (parts.length === 0 && 'toolResult' in result) return (result['toolResult'] ?? null) as Json;
  return text;
}

function partText(part: ContentPart): string {
  if (part.type === 'text') return part.text ?? '';
  if (part.type === 'resource') return part.resource?.text ?? `[resource ${part.resource?.uri ?? ''}]`;
  if (part.type === 'resource_link') return `[resource ${part.uri ?? ''}]`;
  return `[${part.type}${part.mimeType ? ` ${part.mimeType}` : ''}]`;
}

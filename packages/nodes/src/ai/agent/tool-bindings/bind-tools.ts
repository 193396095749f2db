import { createSandbox, WeftError, type Sandbox } from '@weft/engine';
import type { EgressClient } from '../../../egress/index.ts';
import { childStepTool } from './child-step-tool.ts';
import { codeTool } from './code-tool.ts';
import { connectMcpServers, type McpOptions } from './mcp-tools.ts';
import type { McpServerSpec, ToolSpec } from './tool-specs.ts';
import type { AgentToolBinding } from './types.ts';

/** Resolves the built-in tools an agent names (http_fetch, calculator…). */
export type BuiltinTools = Map<string, AgentToolBinding>;

/** What the agent's tools need from the library: egress for MCP over HTTP, a sandbox for code tools. */
export interface AgentToolDeps {
  builtins: BuiltinTools;
  egress?: EgressClient;
  mcp?: McpOptions;
  /** The sandbox code tools run in; one is created on first use when absent. */
  sandbox?: () => Sandbox;
}

/** The tools of one agent step; `close` ends MCP connections (call it when the step ends). */
export interface BoundTools {
  tools: Map<string, AgentToolBinding>;
  close(): Promise<void>;
}

/** Builds the step's tools: built-ins by name, tool specs, then each MCP server's tools. */
export async function bindTools(args: {
  specs: readonly (string | ToolSpec)[];
  mcp: readonly McpServerSpec[];
  deps: AgentToolDeps;
  sandbox: () => Sandbox;
  signal: AbortSignal;
}): Promise<BoundTools> {
  const { deps } = args;
  const tools = new Map<string, AgentToolBinding>();
  for (const spec of args.specs) {
    const tool = typeof spec === 'string' ? deps.builtins.get(spec) : specTool(spec, args.sandbox);
    if (!tool)
      throw new WeftError(
        'INVALID_PARAMS',
        `unknown tool '${String(spec)}'; built-in tools are ${[...deps.builtins.keys()].join(', ')}`,
      );
    tools.set(tool.name, tool);
  }
  if (args.mcp.length === 0) return { tools, close: async () => {} };
  if (!deps.egress)
    throw new WeftError(
      'INVALID_PARAMS',
      'MCP servers need the node library to be built with an egress client',
    );
  const session = await connectMcpServers({
    servers: args.mcp,
    egress: deps.egress,
    options: deps.mcp ?? {},
    signal: args.signal,
  });
  for (const tool of session.tools) {
    if (tools.has(tool.name)) {
      await session.close();
      throw new WeftError(
        'INVALID_PARAMS',
        `MCP tool '${tool.name}' clashes with another tool of this agent; rename the tool or the server`,
      );
    }
    tools.set(tool.name, tool);
  }
  return { tools, close: session.close };
}

function specTool(spec: ToolSpec, sandbox: () => Sandbox): AgentToolBinding {
  const base = { name: spec.name, description: spec.description, input: spec.input };
  if (spec.code !== undefined)
    return codeTool({ ...base, code: spec.code, timeoutMs: spec.timeoutMs }, sandbox);
  if (spec.workflow !== undefined) {
    // Through the subworkflow node: each call is its own child step, so its own child run.
    return childStepTool({
      ...base,
      node: { type: 'subworkflow', params: { workflow: spec.workflow, input: '{{ args }}' } },
    });
  }
  if (spec.node !== undefined) return childStepTool({ ...base, node: spec.node });
  throw new WeftError('INVALID_PARAMS', `tool '${spec.name}' needs one of node, workflow or code`);
}

/** A lazily created sandbox, shared by the agent's code tools. */
export function lazySandbox(given?: () => Sandbox): () => Sandbox {
  if (given) return given;
  let sandbox: Sandbox | undefined;
  return () => (sandbox ??= createSandbox());
}

import type { NodeType } from '@weft/engine';
import {
  createAgentNode,
  type AgentToolBinding,
  type BuiltinTools,
  type McpOptions,
} from './ai/agent/agent-node.ts';
import { llmNode } from './ai/llm/llm-node.ts';
import { knowledgeNodes } from './ai/knowledge/index.ts';
import { memoryNodes } from './ai/memory/index.ts';
import { aiPresetNodes } from './ai/presets/index.ts';
import { createGoogleSheetsNode } from './integrations/google-sheets/index.ts';
import { analysisNodes } from './analysis/index.ts';
import { dataNodes } from './data/index.ts';
import { createIoNodes, type ShellOptions } from './io/index.ts';
import { createEgressClient, type EgressClient } from './egress/index.ts';
import { ifNode } from './flow/if/if-node.ts';
import { mapNode } from './flow/map/map-node.ts';
import { mergeNode } from './flow/merge/merge-node.ts';
import { respondNode } from './flow/respond/respond-node.ts';
import { subworkflowNode } from './flow/subworkflow/subworkflow-node.ts';
import { switchNode } from './flow/switch/switch-node.ts';
import { transformNode } from './flow/transform/transform-node.ts';
import { waitNode } from './flow/wait/wait-node.ts';
import {
  builtinTools,
  createWebSearchTool,
  invokeTool,
  toolInputJsonSchema,
  type Tool,
  type WebSearchOptions,
} from './tools/index.ts';

/** How the node library reaches the outside world. */
export interface NodeLibraryOptions {
  /** The one egress client for user-influenced traffic; built from `egressAllow` when absent. */
  egress?: EgressClient;
  /** Hosts, addresses or CIDRs allowed even though private or loopback (e.g. a local test server). */
  egressAllow?: string[];
  /** Shell steps are refused unless enabled here (the CLI enables them with `WEFT_SHELL=on`). */
  shell?: ShellOptions;
  /** The agent's `web_search` tool: which search API, URL and credential. Absent: no `web_search`. */
  webSearch?: WebSearchOptions;
  /** The agent's MCP servers; stdio servers are refused unless `allowStdio`. */
  mcp?: McpOptions;
}

/** Every built-in node type, wired to one egress client. */
export function createNodeLibrary(options: NodeLibraryOptions = {}): NodeType[] {
  const egress = options.egress ?? createEgressClient({ allow: options.egressAllow ?? [] });
  const webSearch = options.webSearch ? [createWebSearchTool(options.webSearch)] : [];
  const agentTools = [...builtinTools, ...webSearch];
  const tools: BuiltinTools = new Map(agentTools.map((tool) => [tool.name, bindTool(tool, egress)]));
  return [
    llmNode,
    ...aiPresetNodes,
    ...knowledgeNodes,
    ...memoryNodes,
    createAgentNode(tools, { egress, mcp: options.mcp ?? {} }),
    transformNode,
    ifNode,
    switchNode,
    mergeNode,
    mapNode,
    subworkflowNode,
    waitNode,
    respondNode,
    ...dataNodes,
    ...analysisNodes,
    ...createIoNodes({ egress, shell: options.shell ?? { enabled: false } }),
    createGoogleSheetsNode({ egress }),
  ] as NodeType[];
}

function bindTool(tool: Tool, egress: EgressClient): AgentToolBinding {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: toolInputJsonSchema(tool),
    call: (input, ctx) =>
      invokeTool(tool, input, { signal: ctx.signal, egress, logger: ctx.logger, secrets: ctx.secrets }),
  };
}

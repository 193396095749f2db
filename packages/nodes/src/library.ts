import type { NodeType } from '@weft/engine';
import { createAgentNode, type AgentToolBinding, type BuiltinTools } from './ai/agent/agent-node.ts';
import { llmNode } from './ai/llm/llm-node.ts';
import { aiPresetNodes } from './ai/presets/index.ts';
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
import { builtinTools, invokeTool, toolInputJsonSchema, type Tool } from './tools/index.ts';

/** How the node library reaches the outside world. */
export interface NodeLibraryOptions {
  /** The one egress client for user-influenced traffic; built from `egressAllow` when absent. */
  egress?: EgressClient;
  /** Hosts, addresses or CIDRs allowed even though private or loopback (e.g. a local test server). */
  egressAllow?: string[];
  /** Shell steps are refused unless enabled here (the CLI enables them with `WEFT_SHELL=on`). */
  shell?: ShellOptions;
}

/** Every built-in node type, wired to one egress client. */
export function createNodeLibrary(options: NodeLibraryOptions = {}): NodeType[] {
  const egress = options.egress ?? createEgressClient({ allow: options.egressAllow ?? [] });
  const tools: BuiltinTools = new Map(builtinTools.map((tool) => [tool.name, bindTool(tool, egress)]));
  return [
    llmNode,
    ...aiPresetNodes,
    createAgentNode(tools),
    transformNode,
    ifNode,
    switchNode,
    mergeNode,
    mapNode,
    subworkflowNode,
    waitNode,
    respondNode,
    ...dataNodes,
    ...createIoNodes({ egress, shell: options.shell ?? { enabled: false } }),
  ] as NodeType[];
}

function bindTool(tool: Tool, egress: EgressClient): AgentToolBinding {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: toolInputJsonSchema(tool),
    call: (input, ctx) => invokeTool(tool, input, { signal: ctx.signal, egress, logger: ctx.logger }),
  };
}

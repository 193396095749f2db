import { apiRoutes, type RouteResponse } from '@weft/api';
import { ERROR_PORT, outputPorts, workflowJsonSchema, type NodeType } from '@weft/engine';
import { z } from 'zod';
import { route } from '../router/server-route.ts';

type NodeTypeInfo = RouteResponse<typeof apiRoutes.listNodeTypes>['nodeTypes'][number];

/** Node types do not change while the server runs: describe each once. */
const described = new WeakMap<NodeType, NodeTypeInfo>();

function describeNodeType(nodeType: NodeType): NodeTypeInfo {
  const cached = described.get(nodeType);
  if (cached) return cached;
  let paramsSchema: Record<string, unknown>;
  try {
    paramsSchema = z.toJSONSchema(nodeType.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    paramsSchema = { description: 'These params cannot be described as JSON Schema.' };
  }
  const info: NodeTypeInfo = {
    type: nodeType.type,
    version: nodeType.version,
    category: nodeType.category,
    title: nodeType.title,
    description: nodeType.description,
    paramsSchema,
    outputs: portsOf(nodeType),
    dynamicOutputs: typeof nodeType.outputs === 'function',
    errorPort: ERROR_PORT,
    rawParams: [...(nodeType.rawParams ?? [])],
    ...(nodeType.example ? { example: nodeType.example } : {}),
  };
  described.set(nodeType, info);
  return info;
}

function portsOf(nodeType: NodeType): string[] {
  try {
    return outputPorts(nodeType, nodeType.example ?? {});
  } catch {
    return [];
  }
}

export const listNodeTypes = route(apiRoutes.listNodeTypes, async ({ services }) => ({
  nodeTypes: services.registry.list().map(describeNodeType),
}));

let workflowSchemaCache: Record<string, unknown> | undefined;

export const getWorkflowJsonSchema = route(apiRoutes.getWorkflowJsonSchema, async () => {
  workflowSchemaCache ??= workflowJsonSchema();
  return workflowSchemaCache;
});

export const nodeTypeRoutes = [listNodeTypes, getWorkflowJsonSchema];

import { z } from 'zod';
import { apiSchemas, errorJsonSchema, jsonObjectSchema, jsonValueSchema, usageSchema } from './common.ts';
import { runEventTypeSchema } from './events.ts';
import { toolCallTraceSchema } from './runs.ts';

/** A node type as the editor's palette and docs need it. */
export const nodeTypeInfoSchema = z
  .object({
    type: z.string(),
    version: z.number().int(),
    category: z.string(),
    title: z.string(),
    description: z.string(),
    paramsSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the node’s params.'),
    outputs: z.array(z.string()).describe('Output ports (for the example params when they depend on params).'),
    dynamicOutputs: z.boolean().describe('True when the ports depend on the params (switch cases).'),
    errorPort: z.string().describe('Port a failure travels down when an edge uses it.'),
    rawParams: z.array(z.string()),
    example: jsonObjectSchema.optional(),
  })
  .register(apiSchemas, { id: 'NodeTypeInfo' });

export const nodeTypeListSchema = z.object({ nodeTypes: z.array(nodeTypeInfoSchema) });

/** What testing one node did. Nothing is stored. */
export const nodeTestResultSchema = z
  .object({
    status: z.enum(['succeeded', 'failed', 'waiting']),
    input: jsonValueSchema.describe('The rendered params the node received.'),
    output: jsonValueSchema.optional(),
    ports: z.array(z.string()).optional(),
    error: errorJsonSchema.optional(),
    model: z.string().optional(),
    usage: usageSchema.optional(),
    toolCalls: z.array(toolCallTraceSchema).optional(),
    events: z.array(z.object({ type: runEventTypeSchema, stepId: z.string().optional(), data: jsonValueSchema })),
    durationMs: z.number(),
  })
  .register(apiSchemas, { id: 'NodeTestResult' });

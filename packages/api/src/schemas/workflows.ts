import { z } from 'zod';
import {
  apiSchemas,
  boolQuery,
  cursorQuery,
  epochMsSchema,
  idParam,
  intQuery,
  problemSchema,
} from './common.ts';
import { runStatusSchema } from './runs.ts';

/**
 * A workflow definition. The API checks it fully (node types, params, edges, cycles) and answers 400
 * with every problem's path; `GET /api/schema/workflow` serves the full JSON Schema.
 */
export const workflowDefinitionSchema = z
  .record(z.string(), z.unknown())
  .register(apiSchemas, {
    id: 'WorkflowDefinition',
    description: 'A workflow: `{ name, nodes: [{ id, type, params }], edges: [{ from, to, port? }] }`.',
  });

/** A workflow as listed: its latest version's name, and what last happened to it. */
export const workflowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    latestVersion: z.number().int(),
    triggers: z.array(z.string()),
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
    deletedAt: epochMsSchema.optional(),
    lastRun: z.object({ id: z.string(), status: runStatusSchema, createdAt: epochMsSchema }).optional(),
  })
  .register(apiSchemas, { id: 'WorkflowSummary' });

/** A stored, immutable version of a workflow. */
export const workflowVersionSchema = z
  .object({
    workflowId: z.string(),
    version: z.number().int(),
    hash: z.string(),
    definition: workflowDefinitionSchema,
    createdAt: epochMsSchema,
  })
  .register(apiSchemas, { id: 'WorkflowVersion' });

export const workflowParams = z.object({ id: idParam });
export const workflowNodeParams = z.object({ id: idParam, nodeId: idParam });

export const listWorkflowsQuerySchema = z.object({
  search: z.string().max(200).optional(),
  includeDeleted: boolQuery.optional(),
  limit: intQuery({ min: 1, max: 500 }).optional(),
  cursor: cursorQuery.optional(),
});

export const workflowPageSchema = z.object({
  workflows: z.array(workflowSummarySchema),
  nextCursor: z.string().optional(),
});

export const getWorkflowQuerySchema = z.object({
  version: intQuery({ min: 1, max: Number.MAX_SAFE_INTEGER }).optional().describe('A stored version (default: the latest).'),
});

/** A workflow with one of its versions. */
export const workflowDetailSchema = z.object({
  workflow: workflowSummarySchema,
  version: workflowVersionSchema,
});

export const exportWorkflowQuerySchema = getWorkflowQuerySchema.extend({
  format: z.enum(['yaml', 'json']).optional().describe('Default yaml.'),
});

export const workflowVersionListSchema = z.object({
  versions: z.array(workflowVersionSchema.omit({ definition: true })),
});

/** Outcome of `POST /api/workflows/validate`: valid, or every problem with its path. */
export const validationResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(problemSchema),
  workflow: workflowDefinitionSchema.optional().describe('The definition with defaults filled in, when valid.'),
  ports: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('Output ports of each node of a known type, by node id, for the params given (switch cases, classify labels…); valid or not.'),
});

export const deletedSchema = z.object({ deleted: z.literal(true) });


import { z } from 'zod';
import {
  apiSchemas,
  cursorQuery,
  epochMsSchema,
  errorJsonSchema,
  idParam,
  intQuery,
  jsonObjectSchema,
  jsonValueSchema,
  timeQuery,
  usageSchema,
} from './common.ts';

/** Run statuses. */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
/** Step statuses. */
export const STEP_STATUSES = ['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;

export const runStatusSchema = z.enum(RUN_STATUSES).register(apiSchemas, { id: 'RunStatus' });
export const stepStatusSchema = z.enum(STEP_STATUSES).register(apiSchemas, { id: 'StepStatus' });

/** Per-run options chosen when the run starts. */
export const runOptionsSchema = z
  .object({
    model: z.string().optional(),
    concurrency: z.number().int().optional(),
    timeoutMs: z.number().int().optional(),
    overrides: z.record(z.string(), jsonObjectSchema).optional().describe('Params merged over a node’s own, by node id.'),
    rerunOf: z.object({ runId: z.string(), stepId: z.string() }).optional(),
  })
  .register(apiSchemas, { id: 'RunOptions' });

/** A run: one execution of a workflow version with an input. */
export const runSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowVersion: z.number().int(),
    status: runStatusSchema,
    input: jsonValueSchema,
    output: jsonValueSchema.optional(),
    error: errorJsonSchema.optional(),
    state: jsonObjectSchema,
    options: runOptionsSchema,
    parentRunId: z.string().optional(),
    parentStepId: z.string().optional(),
    usage: usageSchema,
    createdAt: epochMsSchema,
    startedAt: epochMsSchema.optional(),
    endedAt: epochMsSchema.optional(),
    lastSeq: z.number().int().describe('Highest event sequence number of this run.'),
    owner: z.string().optional(),
    leaseUntil: epochMsSchema.optional(),
  })
  .register(apiSchemas, { id: 'Run' });
export type Run = z.infer<typeof runSchema>;

/** A tool call an agent step made, with what came back. */
export const toolCallTraceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    input: jsonValueSchema,
    output: jsonValueSchema.optional(),
    error: z.string().optional(),
    startedAt: epochMsSchema,
    endedAt: epochMsSchema.optional(),
  })
  .register(apiSchemas, { id: 'ToolCallTrace' });

/** One try at a step. */
export const attemptSchema = z
  .object({
    attempt: z.number().int(),
    status: stepStatusSchema,
    input: jsonValueSchema.optional(),
    output: jsonValueSchema.optional(),
    error: errorJsonSchema.optional(),
    model: z.string().optional(),
    usage: usageSchema.optional(),
    toolCalls: z.array(toolCallTraceSchema).optional(),
    startedAt: epochMsSchema.optional(),
    endedAt: epochMsSchema.optional(),
  })
  .register(apiSchemas, { id: 'Attempt' });

/** One execution of a node, with every attempt. */
export const stepSchema = z
  .object({
    runId: z.string(),
    stepId: z.string(),
    nodeId: z.string(),
    iteration: z.number().int(),
    index: z.number().int().optional(),
    parentStepId: z.string().optional(),
    status: stepStatusSchema,
    attempt: z.number().int(),
    ports: z.array(z.string()).optional(),
    wakeAt: epochMsSchema.optional(),
    waitingFor: jsonValueSchema.optional(),
    attempts: z.array(attemptSchema),
  })
  .register(apiSchemas, { id: 'Step' });
export type Step = z.infer<typeof stepSchema>;

export const runIdParams = z.object({ id: idParam });
export const stepParams = z.object({ id: idParam, stepId: idParam });

/** Body of `POST /api/workflows/:id/runs`. */
export const startRunBodySchema = z
  .strictObject({
    input: jsonValueSchema.optional(),
    model: z.string().min(1).max(200).optional().describe('`provider:model` that overrides every node (e.g. `openai:gpt-4o-mini`).'),
    options: z
      .strictObject({
        concurrency: z.number().int().min(1).max(1000).optional(),
        timeoutMs: z.number().int().min(1).max(2_147_483_647).optional(),
      })
      .optional(),
  })
  .register(apiSchemas, { id: 'StartRunBody' });

/** A comma-separated list of run statuses, e.g. `failed,cancelled`. */
const statusListQuery = z.string().transform((text, ctx) => {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const result = z.array(runStatusSchema).min(1).safeParse(parts);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${RUN_STATUSES.join(', ')}` });
    return z.NEVER;
  }
  return result.data;
});

/** Query of `GET /api/runs`. */
export const listRunsQuerySchema = z.object({
  workflowId: idParam.optional(),
  status: statusListQuery.optional().describe('Comma-separated statuses, e.g. `failed,cancelled`.'),
  createdAfter: timeQuery.optional().describe('Epoch ms or ISO 8601 date.'),
  createdBefore: timeQuery.optional().describe('Epoch ms or ISO 8601 date.'),
  parentRunId: idParam.optional(),
  limit: intQuery({ min: 1, max: 1000 }).optional().describe('Page size, 1–1000 (default 50).'),
  cursor: cursorQuery.optional().describe('`nextCursor` of the previous page.'),
});

export const runPageSchema = z.object({ runs: z.array(runSchema), nextCursor: z.string().optional() });
export const runResponseSchema = z.object({ run: runSchema });
export const runDetailSchema = z.object({ run: runSchema, steps: z.array(stepSchema) });

export const cancelRunBodySchema = z.strictObject({ reason: z.string().max(1000).optional() }).optional();

/** Body of `POST /api/runs/:id/resume`: the payload becomes the waiting step's output. */
export const resumeRunBodySchema = z
  .strictObject({
    stepId: idParam.optional().describe('The waiting step; may be left out when exactly one step waits.'),
    output: jsonValueSchema.optional().describe('Becomes the waiting step’s output (default null).'),
    port: z.string().min(1).max(200).optional().describe('Output port to take, for a node with several.'),
  })
  .optional();

/** Body of `POST /api/runs/:id/rerun`: a new run from a chosen step, with its params or the input edited. */
export const rerunBodySchema = z
  .strictObject({
    fromStepId: idParam.describe('Step to run again; steps not downstream of it keep their outputs.'),
    input: jsonValueSchema.optional().describe('Replaces the run input in the new run.'),
    params: jsonObjectSchema.optional().describe('Merged over the step’s node params in the new run.'),
  })
  .register(apiSchemas, { id: 'RerunBody' });

/** Body of `POST /api/workflows/:id/nodes/:nodeId/test`: execute one node with pinned inputs. */
export const testNodeBodySchema = z
  .strictObject({
    input: jsonValueSchema.optional().describe('Run input the node sees as `input`.'),
    steps: z.record(z.string(), jsonValueSchema).optional().describe('Pinned outputs of other steps, by node id.'),
    params: jsonObjectSchema.optional().describe('Merged over the node’s own params.'),
    model: z.string().min(1).max(200).optional(),
  })
  .register(apiSchemas, { id: 'TestNodeBody' });

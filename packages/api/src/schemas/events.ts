import { z } from 'zod';
import { apiSchemas, epochMsSchema, errorJsonSchema, idParam, intQuery, jsonValueSchema } from './common.ts';
import { runStatusSchema } from './runs.ts';

/** Every event type a run emits. */
export const RUN_EVENT_TYPES = [
  'run.created',
  'run.started',
  'run.waiting',
  'run.resumed',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
  'step.started',
  'step.succeeded',
  'step.failed',
  'step.retrying',
  'step.skipped',
  'step.waiting',
  'step.cancelled',
  'step.reset',
  'llm.token',
  'llm.tool_call',
  'llm.tool_result',
  'artifact.created',
  'log',
] as const;

/** Event types after which a run has ended (a stream of the run closes after one). */
export const TERMINAL_RUN_EVENT_TYPES = ['run.succeeded', 'run.failed', 'run.cancelled'] as const;

export const runEventTypeSchema = z.enum(RUN_EVENT_TYPES).register(apiSchemas, { id: 'RunEventType' });

/** A persisted run event; `seq` counts 1, 2, 3… per run without gaps (the SSE `id`). */
export const runEventSchema = z
  .object({
    runId: z.string(),
    seq: z.number().int().min(1),
    type: runEventTypeSchema,
    at: epochMsSchema,
    stepId: z.string().optional(),
    data: jsonValueSchema,
  })
  .register(apiSchemas, { id: 'RunEvent' });
export type RunEventMessage = z.infer<typeof runEventSchema>;

/** Query of the paged event list. */
export const listEventsQuerySchema = z.object({
  after: intQuery({ min: 0, max: Number.MAX_SAFE_INTEGER }).optional().describe('Only events with seq greater than this.'),
  limit: intQuery({ min: 1, max: 1000 }).optional(),
});

export const eventPageSchema = z.object({
  events: z.array(runEventSchema),
  nextAfter: z.number().int().optional().describe('Pass as `after` for the next page; absent on the last page.'),
});

/** Query of the event stream: `after` is overridden by a `Last-Event-ID` header. */
export const streamEventsQuerySchema = z.object({
  after: intQuery({ min: 0, max: Number.MAX_SAFE_INTEGER }).optional(),
});

export const eventStreamParams = z.object({ id: idParam });

/** A change of a run's status, on the stream of all runs (`GET /api/events/runs`). */
export const runStatusChangeSchema = z
  .object({
    runId: z.string(),
    seq: z.number().int(),
    type: runEventTypeSchema,
    status: runStatusSchema,
    at: epochMsSchema,
    workflowId: z.string().optional().describe('Sent with run.created.'),
    error: errorJsonSchema.optional(),
  })
  .register(apiSchemas, { id: 'RunStatusChange' });
export type RunStatusChange = z.infer<typeof runStatusChangeSchema>;

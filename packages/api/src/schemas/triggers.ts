import { z } from 'zod';
import { apiSchemas, boolQuery, epochMsSchema, idParam, intQuery, jsonValueSchema } from './common.ts';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A webhook a workflow declares, with the URL callers use. */
export const webhookSchema = z
  .object({
    path: z.string(),
    url: z.string().describe('The full URL to call.'),
    methods: z.array(z.enum(HTTP_METHODS)),
    response: z.enum(['async', 'sync']),
    timeoutMs: z.number().int(),
    auth: z.enum(['none', 'secret', 'hmac', 'secret+hmac']).describe('What a caller must send: nothing, the shared secret, an HMAC signature, or both.'),
    header: z.string().optional().describe('Header carrying the secret or signature, when not the default.'),
    active: z.boolean().describe('False when another workflow took the path first (the workflow was saved elsewhere).'),
  })
  .register(apiSchemas, { id: 'Webhook' });

export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema) });

/** `/hooks/<path>`: the path may hold slashes. */
export const webhookParams = z.object({ path: z.string().min(1).max(200) });

/** Whatever the workflow answers: a `respond` step's body, the run output, or `{ runId, status }`. */
export const webhookResponseSchema = jsonValueSchema;

/** A cron schedule of a workflow, with its next fire times. */
export const scheduleSchema = z
  .object({
    id: z.string().describe('`<workflowId>:<trigger name or index>`.'),
    workflowId: z.string(),
    cron: z.string(),
    timezone: z.string(),
    input: jsonValueSchema,
    enabled: z.boolean(),
    nextFireAt: epochMsSchema.optional(),
    lastFiredAt: epochMsSchema.optional(),
    nextFireTimes: z.array(epochMsSchema).describe('The next few ticks (none while disabled).'),
  })
  .register(apiSchemas, { id: 'Schedule' });

export const scheduleListSchema = z.object({ schedules: z.array(scheduleSchema) });
export const scheduleResponseSchema = z.object({ schedule: scheduleSchema });
export const listSchedulesQuerySchema = z.object({ workflowId: idParam.optional() });
export const scheduleParams = z.object({ id: idParam });

/** Body of `POST /api/chat/:workflowId`. */
export const chatTurnBodySchema = z
  .strictObject({
    sessionId: z.string().min(1).max(200).regex(/^[\w.:-]+$/, 'letters, digits, _, ., : and - only'),
    message: z.string().min(1).max(100_000),
  })
  .register(apiSchemas, { id: 'ChatTurnBody' });

export const chatTurnQuerySchema = z.object({
  stream: boolQuery.optional().describe('Answer as Server-Sent Events (as does `Accept: text/event-stream`).'),
});

/**
 * The answer to a chat turn. 200 with the reply; 202 with `reply: null` when the run is still going
 * after the server's chat timeout (or ended without one). Over SSE: `run`, `token`…, then `reply` or `error`.
 */
export const chatReplySchema = z
  .object({
    runId: z.string(),
    sessionId: z.string(),
    reply: z.string().nullable(),
    status: z.string().describe('`replied`, the run’s status when it ended, or `running`.'),
  })
  .register(apiSchemas, { id: 'ChatReply' });

export const chatParams = z.object({ workflowId: idParam });
export const chatSessionParams = z.object({ workflowId: idParam, sessionId: idParam });

export const chatSessionSchema = z
  .object({ workflowId: z.string(), sessionId: z.string(), messages: z.number().int(), updatedAt: epochMsSchema })
  .register(apiSchemas, { id: 'ChatSession' });
export const chatSessionListSchema = z.object({ sessions: z.array(chatSessionSchema) });

export const chatMessageSchema = z
  .object({
    workflowId: z.string(),
    sessionId: z.string(),
    seq: z.number().int(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    runId: z.string().optional(),
    at: epochMsSchema,
  })
  .register(apiSchemas, { id: 'ChatMessage' });
export const chatMessageListSchema = z.object({ messages: z.array(chatMessageSchema) });
export const chatMessagesQuerySchema = z.object({
  limit: intQuery({ min: 1, max: 1000 }).optional().describe('The last n messages (default 100), oldest first.'),
});

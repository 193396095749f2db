import { z } from 'zod';

/** Metadata of named schemas: each becomes a component of the OpenAPI document. */
export interface ApiSchemaMeta {
  id: string;
  description?: string;
}

/** Schemas with a name in the OpenAPI document (`#/components/schemas/<id>`). */
export const apiSchemas = z.registry<ApiSchemaMeta>();

/** Any JSON value. */
export const jsonValueSchema = z.json().register(apiSchemas, { id: 'JsonValue', description: 'Any JSON value.' });

/** A JSON object. */
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/** Epoch milliseconds. */
export const epochMsSchema = z.number().int().describe('Epoch milliseconds');

/** The wire form of an engine error, as stored on steps and sent in events. */
export interface ErrorJsonShape {
  code: string;
  message: string;
  retryable: boolean;
  details?: z.infer<typeof jsonValueSchema> | undefined;
  cause?: ErrorJsonShape | undefined;
}

/** An engine error as stored on a step or run. */
export const errorJsonSchema: z.ZodType<ErrorJsonShape> = z
  .object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    details: jsonValueSchema.optional(),
    get cause() {
      return errorJsonSchema.optional();
    },
  })
  .register(apiSchemas, { id: 'ErrorJson', description: 'An error as the engine stores it on a run or step.' });

/** Token counts and cost of model calls. */
export const usageSchema = z
  .object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    totalTokens: z.number(),
    costUsd: z.number().optional(),
  })
  .register(apiSchemas, { id: 'Usage' });

/** One problem in a workflow definition, at a path such as `nodes[2].params.url`. */
export const problemSchema = z
  .object({ path: z.string(), message: z.string() })
  .register(apiSchemas, { id: 'Problem' });

/**
 * The body of every error answer. `path` names the field at fault (`body.options.concurrency`,
 * `query.limit`, `nodes[1].type`…); `details` carries more (every problem of a workflow, every issue).
 */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      path: z.string().optional(),
      details: jsonValueSchema.optional(),
    }),
  })
  .register(apiSchemas, { id: 'ErrorBody', description: 'Every error answer has this shape.' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Error codes the HTTP layer itself answers with (the engine's codes come on top). */
export const HTTP_ERROR_CODES = {
  invalidRequest: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  notFound: 'NOT_FOUND',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  upgradeRequired: 'UPGRADE_REQUIRED',
  internal: 'INTERNAL',
} as const;

/** An identifier in a path: non-empty, bounded. */
export const idParam = z.string().min(1).max(200);

/** An integer in a query string, e.g. `?limit=20`. */
export function intQuery(options: { min: number; max: number }) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(options.min).max(options.max));
}

/** `true`/`false` in a query string. */
export const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A time in a query string: epoch milliseconds or an ISO 8601 date. */
export const timeQuery = z.string().transform((text, ctx) => {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isSafeInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 date' });
    return z.NEVER;
  }
  return ms;
});

/** An opaque pagination cursor from a previous page's `nextCursor`. */
export const cursorQuery = z.string().min(1).max(1000);

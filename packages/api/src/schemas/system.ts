import { z } from 'zod';
import { apiSchemas } from './common.ts';

/** Whether the server and its store answer. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    uptimeSeconds: z.number(),
    store: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
    queue: z.object({ depth: z.number().int(), active: z.number().int(), accepting: z.boolean() }),
  })
  .register(apiSchemas, { id: 'Health' });
export type Health = z.infer<typeof healthSchema>;

/** Any JSON document (the OpenAPI document, the workflow JSON Schema). */
export const jsonDocumentSchema = z.record(z.string(), z.unknown());

/** A text answer (metrics, HTML, YAML). */
export const textSchema = z.string();

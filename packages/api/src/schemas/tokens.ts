import { z } from 'zod';
import { apiSchemas, epochMsSchema, idParam } from './common.ts';

/** An API token as listed: never the token itself (only its first characters). */
export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart.'),
    createdAt: epochMsSchema,
    lastUsedAt: epochMsSchema.optional(),
  })
  .register(apiSchemas, { id: 'ApiToken' });

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/** Body of `POST /api/tokens`. */
export const createTokenBodySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** A new token: the only time it is shown. */
export const createdTokenSchema = z.object({
  token: z.string().describe('Send as `Authorization: Bearer <token>`. Shown once: it is stored only as a hash.'),
  apiToken: apiTokenSchema,
});

export const tokenParams = z.object({ id: idParam });

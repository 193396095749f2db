import { z } from 'zod';
import { apiSchemas, epochMsSchema } from './common.ts';

/** A credential name: what workflows and webhook triggers refer to. */
export const credentialNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _, . and - only, starting with a letter or digit');

/** A credential value: text, or an object of texts (`{ user, password }`). Write-only. */
const credentialValueSchema = z.union([
  z.string().min(1).max(65_536),
  z.record(z.string().min(1).max(200), z.string().max(65_536)).refine((v) => Object.keys(v).length > 0, 'must have a field'),
]);

const credentialTypeSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[\w.-]+$/, 'letters, digits, _, . and - only')
  .describe('What kind of secret: `api_key`, `bearer`, `basic`, `header`… (default `secret`).');

/** Body of `POST /api/credentials`. */
export const createCredentialBodySchema = z
  .strictObject({ name: credentialNameSchema, type: credentialTypeSchema.default('secret'), value: credentialValueSchema })
  .register(apiSchemas, { id: 'CreateCredentialBody' });

/** Body of `PUT /api/credentials/:name`. */
export const putCredentialBodySchema = z
  .strictObject({ type: credentialTypeSchema.default('secret'), value: credentialValueSchema })
  .register(apiSchemas, { id: 'PutCredentialBody' });

/** A credential as the API shows it: never its value. */
export const credentialSchema = z
  .object({ name: z.string(), type: z.string(), createdAt: epochMsSchema, updatedAt: epochMsSchema })
  .register(apiSchemas, { id: 'Credential' });

export const credentialResponseSchema = z.object({ credential: credentialSchema });
export const credentialListSchema = z.object({ credentials: z.array(credentialSchema) });
export const credentialParams = z.object({ name: credentialNameSchema });

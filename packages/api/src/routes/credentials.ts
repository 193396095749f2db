import { defineRoute } from '../route.ts';
import {
  createCredentialBodySchema,
  credentialListSchema,
  credentialParams,
  credentialResponseSchema,
  putCredentialBodySchema,
} from '../schemas/credentials.ts';
import { deletedSchema } from '../schemas/workflows.ts';

const tags = ['credentials'] as const;

export const listCredentials = defineRoute({
  id: 'listCredentials',
  method: 'GET',
  path: '/api/credentials',
  summary: 'List credentials: names, types and times, never values',
  tags,
  response: credentialListSchema,
});

export const createCredential = defineRoute({
  id: 'createCredential',
  method: 'POST',
  path: '/api/credentials',
  summary: 'Store a credential (encrypted at rest)',
  description:
    '`value` is text or an object of texts (`{ "user": "…", "password": "…" }`). It is encrypted with AES-256-GCM and never returned, logged or put in a run’s events; nodes and webhook triggers refer to it by name. 409 when the name is taken (replace it with PUT).',
  tags,
  body: createCredentialBodySchema,
  response: credentialResponseSchema,
  status: 201,
  errors: [409, 413, 415],
});

export const putCredential = defineRoute({
  id: 'putCredential',
  method: 'PUT',
  path: '/api/credentials/:name',
  summary: 'Replace a credential’s value (or create it)',
  description: 'Answers 200 when it replaced a credential, 201 when it created one.',
  tags,
  params: credentialParams,
  body: putCredentialBodySchema,
  response: credentialResponseSchema,
  errors: [413, 415],
});

export const deleteCredential = defineRoute({
  id: 'deleteCredential',
  method: 'DELETE',
  path: '/api/credentials/:name',
  summary: 'Delete a credential',
  tags,
  params: credentialParams,
  response: deletedSchema,
  errors: [404],
});

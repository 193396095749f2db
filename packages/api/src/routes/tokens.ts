import { defineRoute } from '../route.ts';
import { apiTokenListSchema, createdTokenSchema, createTokenBodySchema, tokenParams } from '../schemas/tokens.ts';
import { deletedSchema } from '../schemas/workflows.ts';

const tags = ['tokens'] as const;

export const listTokens = defineRoute({
  id: 'listTokens',
  method: 'GET',
  path: '/api/tokens',
  summary: 'List API tokens (names and prefixes, never the tokens)',
  tags,
  response: apiTokenListSchema,
});

export const createToken = defineRoute({
  id: 'createToken',
  method: 'POST',
  path: '/api/tokens',
  summary: 'Create an API token (shown once)',
  description:
    'Once any token exists (and `auth` is `auto`, the default), every route but /api/health, /api/docs and /hooks/* needs `Authorization: Bearer <token>`.',
  tags,
  body: createTokenBodySchema,
  response: createdTokenSchema,
  status: 201,
  errors: [413, 415],
});

export const deleteToken = defineRoute({
  id: 'deleteToken',
  method: 'DELETE',
  path: '/api/tokens/:id',
  summary: 'Delete an API token (it stops working at once)',
  tags,
  params: tokenParams,
  response: deletedSchema,
  errors: [404],
});

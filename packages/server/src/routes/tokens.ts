import { apiRoutes } from '@weft/api';
import { NotFoundError, type ApiTokenRecord } from '@weft/engine';
import { createApiToken } from '../auth/api-tokens.ts';
import { reply, route } from '../router/server-route.ts';

/** A token as the API lists it: the hash stays in the store. */
function shown({ hash: _hash, ...token }: ApiTokenRecord) {
  return token;
}

export const listTokens = route(apiRoutes.listTokens, async ({ services }) => ({
  tokens: (await services.store.listTokens()).map(shown),
}));

export const createToken = route(apiRoutes.createToken, async ({ body, services }) => {
  const { token, record } = await createApiToken(services.store, body.name, { now: services.clock.now() });
  // The first token locks the API at once in this process (others notice within a couple of seconds).
  services.auth.forget();
  return reply(201, { token, apiToken: shown(record) });
});

export const deleteToken = route(apiRoutes.deleteToken, async ({ params, services }) => {
  if (!(await services.store.deleteToken(params.id))) throw new NotFoundError(`API token '${params.id}' not found`);
  services.auth.forget();
  return { deleted: true as const };
});

export const tokenRoutes = [listTokens, createToken, deleteToken];

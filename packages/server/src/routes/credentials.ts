import { apiRoutes } from '@weft/api';
import { ConflictError, NotFoundError, type StoredCredential } from '@weft/engine';
import { encodeCredentialValue } from '../credentials/credential-resolver.ts';
import { reply, route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';

/** A credential as the API shows it: the ciphertext stays in the store. */
function shown({ ciphertext: _secret, ...credential }: StoredCredential) {
  return credential;
}

async function put(services: ServerServices, name: string, type: string, value: string | Record<string, string>) {
  const now = services.clock.now();
  const credential: StoredCredential = {
    name,
    type,
    ciphertext: services.vault.encrypt(encodeCredentialValue(value)),
    createdAt: now,
    updatedAt: now,
  };
  const { created } = await services.store.putCredential(credential);
  const stored = await services.store.getCredential(name);
  return { created, credential: shown(stored ?? credential) };
}

export const listCredentials = route(apiRoutes.listCredentials, async ({ services }) => ({
  credentials: await services.store.listCredentials(),
}));

export const createCredential = route(apiRoutes.createCredential, async ({ body, services }) => {
  if (await services.store.getCredential(body.name)) {
    throw new ConflictError(`A credential named '${body.name}' exists: replace it with PUT /api/credentials/${body.name}`);
  }
  const { credential } = await put(services, body.name, body.type, body.value);
  return reply(201, { credential });
});

export const putCredential = route(apiRoutes.putCredential, async ({ params, body, services }) => {
  const { created, credential } = await put(services, params.name, body.type, body.value);
  return reply(created ? 201 : 200, { credential });
});

export const deleteCredential = route(apiRoutes.deleteCredential, async ({ params, services }) => {
  if (!(await services.store.deleteCredential(params.name))) throw new NotFoundError(`Credential '${params.name}' not found`);
  return { deleted: true as const };
});

export const credentialRoutes = [listCredentials, createCredential, putCredential, deleteCredential];

// Turns `auth: { type, credential, name? }` into a header or query parameter, resolving the
// credential by name. The values returned are secret: callers must never log or output them.
import { NonRetryableError, type SecretResolver } from '@weft/engine';

/** How the HTTP node authenticates. */
export interface HttpAuth {
  type: 'bearer' | 'basic' | 'header' | 'query';
  /** Name of the stored credential. */
  credential: string;
  /** Header name (`header`) or query parameter name (`query`). */
  name?: string | undefined;
}

/** What auth adds to a request, plus the secret values to keep out of outputs and errors. */
export interface AppliedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  secrets: string[];
}

/** Resolves the credential and says where it goes. */
export async function applyAuth(auth: HttpAuth, secrets: SecretResolver): Promise<AppliedAuth> {
  const value = await secrets.resolve(auth.credential);
  if (value === undefined) {
    throw new NonRetryableError(
      `Credential '${auth.credential}' (params.auth.credential) was not found: add it under Credentials, or fix the name.`,
    );
  }
  switch (auth.type) {
    case 'bearer': {
      const token = single(value, ['token', 'value', 'apiKey', 'key'], auth);
      return { headers: { authorization: `Bearer ${token}` }, query: {}, secrets: [token] };
    }
    case 'basic': {
      const { user, password } = userAndPassword(value, auth);
      const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
      return { headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: [password, encoded] };
    }
    case 'header': {
      const name = requireName(auth, 'a header name, e.g. "X-API-Key"');
      const secret = single(value, ['value', 'token', 'apiKey', 'key'], auth);
      return { headers: { [name.toLowerCase()]: secret }, query: {}, secrets: [secret] };
    }
    case 'query': {
      const name = requireName(auth, 'a query parameter name, e.g. "api_key"');
      const secret = single(value, ['value', 'token', 'apiKey', 'key'], auth);
      return { headers: {}, query: { [name]: secret }, secrets: [secret, encodeURIComponent(secret)] };
    }
  }
}

function requireName(auth: HttpAuth, what: string): string {
  if (!auth.name)
    throw new NonRetryableError(`params.auth.name is required for auth type '${auth.type}': ${what}.`);
  return auth.name;
}

function single(value: string | Record<string, string>, keys: string[], auth: HttpAuth): string {
  if (typeof value === 'string') return value;
  for (const key of keys) {
    const found = value[key];
    if (typeof found === 'string') return found;
  }
  throw new NonRetryableError(
    `Credential '${auth.credential}' is an object without any of ${keys.join(', ')}; auth type '${auth.type}' needs one value.`,
  );
}

function userAndPassword(
  value: string | Record<string, string>,
  auth: HttpAuth,
): { user: string; password: string } {
  if (typeof value === 'string') {
    const colon = value.indexOf(':');
    if (colon < 0) {
      throw new NonRetryableError(
        `Credential '${auth.credential}' must be "user:password" or { user, password } for basic auth.`,
      );
    }
    return { user: value.slice(0, colon), password: value.slice(colon + 1) };
  }
  const user = value['user'] ?? value['username'];
  const password = value['password'];
  if (user === undefined || password === undefined) {
    throw new NonRetryableError(
      `Credential '${auth.credential}' must hold user (or username) and password for basic auth.`,
    );
  }
  return { user, password };
}

/** Replaces every secret value in `text` with a mask. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}

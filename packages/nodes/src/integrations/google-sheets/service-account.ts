// Service-account access tokens: an RS256-signed JWT exchanged at the key's token_uri (RFC 7523),
// cached until shortly before it expires. The key and the token never appear in errors or logs.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { NonRetryableError, type SecretResolver } from '@weft/engine';
import type { EgressClient } from '../../egress/index.ts';
import { statusError } from '../../io/http/http-response.ts';

/** The OAuth scope that reads and writes spreadsheets. */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/** Where Google exchanges a signed JWT for an access token, when the key names no token_uri. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Lifetime asked for in the JWT (Google's maximum). */
const ASSERTION_LIFETIME_S = 3600;
/** A cached token is renewed this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/** The parts of a service-account JSON key that signing uses. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  tokenUri: string;
}

/** Reads a service-account key from a credential value: the key file's JSON text, or its fields. */
export function parseServiceAccountKey(value: string | Record<string, string>, credential: string): ServiceAccountKey {
  const where = `Credential '${credential}'`;
  let fields: Record<string, unknown>;
  if (typeof value === 'string') {
    try {
      fields = JSON.parse(value) as Record<string, unknown>;
    } catch {
      throw new NonRetryableError(`${where} is not a service-account JSON key (it is not JSON): store the whole key file as its value.`);
    }
  } else fields = value;
  const clientEmail = fields['client_email'];
  const privateKeyPem = fields['private_key'];
  const tokenUri = fields['token_uri'] ?? GOOGLE_TOKEN_URI;
  if (typeof clientEmail !== 'string' || typeof privateKeyPem !== 'string' || typeof tokenUri !== 'string') {
    throw new NonRetryableError(`${where} is not a service-account JSON key: it needs client_email and private_key (download a JSON key for the service account).`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new NonRetryableError(`${where}: private_key is not a PEM private key.`);
  }
  return { clientEmail, privateKey, tokenUri };
}

/** The signed JWT asserting the service account's identity for `scope`, valid from `nowMs`. */
export function signAssertion(key: ServiceAccountKey, scope: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = { iss: key.clientEmail, scope, aud: key.tokenUri, iat, exp: iat + ASSERTION_LIFETIME_S };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), key.privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** What a token request needs from the step. */
export interface TokenRequest {
  credential: string;
  secrets: SecretResolver;
  signal: AbortSignal;
  now: number;
}

/** Access tokens by credential, shared by every step of a node library. */
export interface TokenCache {
  /** A valid access token for the credential: the cached one, or a fresh one. */
  get(request: TokenRequest): Promise<string>;
  /** Forgets a token the API refused (it was revoked, or the key rotated). */
  forget(credential: string): void;
}

/** A token cache whose exchanges go through the egress client. */
export function createTokenCache(egress: EgressClient): TokenCache {
  const tokens = new Map<string, { promise: Promise<{ token: string; expiresAt: number }>; identity: string }>();
  return {
    async get(request) {
      const value = await request.secrets.resolve(request.credential);
      if (value === undefined) {
        throw new NonRetryableError(`Credential '${request.credential}' (params.credential) was not found: add the service-account JSON key under Credentials, or fix the name.`);
      }
      const identity = typeof value === 'string' ? value : JSON.stringify(value);
      const cached = tokens.get(request.credential);
      if (cached && cached.identity === identity) {
        const held = await cached.promise.catch(() => undefined);
        if (held && held.expiresAt - EXPIRY_MARGIN_MS > request.now) return held.token;
      }
      const key = parseServiceAccountKey(value, request.credential);
      const promise = exchange(egress, key, request);
      tokens.set(request.credential, { promise, identity });
      promise.catch(() => {
        if (tokens.get(request.credential)?.promise === promise) tokens.delete(request.credential);
      });
      return (await promise).token;
    },
    forget(credential) {
      tokens.delete(credential);
    },
  };
}

async function exchange(egress: EgressClient, key: ServiceAccountKey, request: TokenRequest): Promise<{ token: string; expiresAt: number }> {
  const assertion = signAssertion(key, SHEETS_SCOPE, request.now);
  const response = await egress.request({
    url: key.tokenUri,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    signal: request.signal,
  });
  const failure = statusError({ response, where: `Token exchange for '${request.credential}' at ${key.tokenUri}`, secrets: [assertion], now: request.now });
  if (failure) throw failure;
  const body = response.json() as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string') {
    throw new NonRetryableError(`Token exchange for '${request.credential}' at ${key.tokenUri} answered without an access_token.`);
  }
  const lifetimeS = typeof body.expires_in === 'number' ? body.expires_in : ASSERTION_LIFETIME_S;
  return { token: body.access_token, expiresAt: request.now + lifetimeS * 1000 };
}

import { defineNode, NonRetryableError, WeftError, type Json, type NodeType } from '@weft/engine';
import { z } from 'zod';
import { redactUrl, type EgressClient } from '../../egress/index.ts';
import { applyAuth, maskSecrets, type AppliedAuth } from './http-auth.ts';
import { readResponseBody, statusError } from './http-response.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** Methods that change nothing, so they get no Idempotency-Key. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Longest time limit a request may ask for. */
export const MAX_HTTP_TIMEOUT_MS = 300_000;

const queryValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const params = z.object({
  method: z.enum(METHODS).default('GET'),
  url: z.string().min(1, 'required: an absolute http:// or https:// URL'),
  query: z
    .record(z.string(), z.union([queryValue, z.array(queryValue)]))
    .optional()
    .describe('Query parameters added to the URL (arrays repeat the name).'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z
    .unknown()
    .optional()
    .describe('Request body: any JSON for json, an object for form, a string for raw.'),
  bodyType: z.enum(['json', 'form', 'raw']).default('json'),
  auth: z
    .object({
      type: z.enum(['bearer', 'basic', 'header', 'query']),
      credential: z.string().min(1).describe('Name of a stored credential.'),
      name: z.string().min(1).optional().describe('Header or query parameter name (header and query types).'),
    })
    .strict()
    .optional(),
  timeoutMs: z.number().int().positive().max(MAX_HTTP_TIMEOUT_MS).optional(),
  response: z
    .enum(['auto', 'json', 'text', 'binary'])
    .default('auto')
    .describe('How to read the body; binary bodies are stored as an artifact and referenced.'),
  maxResponseBytes: z.number().int().positive().optional(),
  ignoreHttpErrors: z.boolean().default(false).describe('Output 4xx/5xx responses instead of failing.'),
});

/**
 * The `http` node: one HTTP request through the egress client (private and loopback addresses
 * are refused unless allow-listed), with credentials by name and an idempotency key on writes.
 */
export function createHttpNode(egress: EgressClient): NodeType {
  return defineNode({
    type: 'http',
    version: 1,
    category: 'io',
    title: 'HTTP request',
    description:
      'Calls an HTTP API: method, url, query, headers, body (json, form or raw) and auth from a stored credential (bearer, basic, header or query). ' +
      'Outputs { status, headers, body }; binary bodies are stored as artifacts. Non-GET requests send Idempotency-Key (the same on every attempt). ' +
      '5xx and 429 fail retryably (honouring Retry-After), other 4xx fail for good. Private and loopback addresses are refused unless allow-listed.',
    params,
    example: {
      method: 'POST',
      url: 'https://api.example.com/v1/tickets',
      body: { title: '{{ steps.classify.output.title }}' },
      auth: { type: 'bearer', credential: 'example-api' },
    },
    async run(ctx) {
      const p = ctx.params;
      const auth: AppliedAuth = p.auth
        ? await applyAuth(p.auth, ctx.secrets)
        : { headers: {}, query: {}, secrets: [] };
      const url = buildUrl(p.url, p.query, auth.query);
      const where = `${p.method} ${redactUrl(url)}`;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(p.headers ?? {})) headers[name.toLowerCase()] = value;
      const body = encodeBody(p.method, p.body, p.bodyType, headers);
      Object.assign(headers, auth.headers);
      if (!SAFE_METHODS.has(p.method) && headers['idempotency-key'] === undefined)
        headers['idempotency-key'] = ctx.step.idempotencyKey;

      let response;
      try {
        response = await egress.request({
          url: url.href,
          method: p.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: ctx.signal,
          ...(p.timeoutMs === undefined ? {} : { timeoutMs: p.timeoutMs }),
          ...(p.maxResponseBytes === undefined ? {} : { maxResponseBytes: p.maxResponseBytes }),
        });
      } catch (error) {
        throw scrub(error, auth.secrets);
      }
      ctx.logger.debug('http', { request: where, status: response.status, bytes: response.body.byteLength });
      if (!p.ignoreHttpErrors) {
        const failure = statusError({ response, where, secrets: auth.secrets, now: ctx.clock.now() });
        if (failure) throw failure;
      }
      const out =
        p.method === 'HEAD'
          ? null
          : await readResponseBody({ response, format: p.response, ctx, url, where });
      const output: Json = { status: response.status, headers: response.headers, body: out };
      return { output: auth.secrets.length > 0 ? maskJson(output, auth.secrets) : output };
    },
  }) as NodeType;
}

function buildUrl(
  raw: string,
  query: Record<string, Json> | undefined,
  authQuery: Record<string, string>,
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NonRetryableError(
      `params.url: "${raw.slice(0, 200)}" is not an absolute URL (e.g. https://api.example.com/items).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new NonRetryableError(
      `params.url: only http:// and https:// URLs are allowed, got ${url.protocol}`,
    );
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null) url.searchParams.append(name, String(item));
    }
  }
  for (const [name, value] of Object.entries(authQuery)) url.searchParams.set(name, value);
  return url;
}

function encodeBody(
  method: string,
  body: unknown,
  bodyType: 'json' | 'form' | 'raw',
  headers: Record<string, string>,
): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (method === 'GET' || method === 'HEAD')
    throw new NonRetryableError(
      `params.body: a ${method} request cannot have a body; use params.query or another method.`,
    );
  const setType = (type: string) => (headers['content-type'] ??= type);
  switch (bodyType) {
    case 'json':
      setType('application/json');
      return JSON.stringify(body);
    case 'form': {
      if (typeof body !== 'object' || Array.isArray(body))
        throw new NonRetryableError('params.body: a form body must be an object of field names to values.');
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (item === null || item === undefined) continue;
          form.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
        }
      }
      setType('application/x-www-form-urlencoded');
      return form.toString();
    }
    case 'raw':
      setType('text/plain; charset=utf-8');
      return typeof body === 'string' ? body : JSON.stringify(body);
  }
}

/** An egress error without any credential value in its message or details. */
function scrub(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(error instanceof Error)) return error;
  const message = maskSecrets(error.message, secrets);
  if (message === error.message) return error;
  if (error instanceof WeftError) {
    return new WeftError(error.code, message, {
      retryable: error.retryable,
      ...(error.details === undefined ? {} : { details: maskJson(error.details, secrets) }),
    });
  }
  return new WeftError('NODE_FAILED', message, { retryable: true });
}

function maskJson(value: Json, secrets: readonly string[]): Json {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) out[key] = maskJson(v, secrets);
    return out;
  }
  return value;
}

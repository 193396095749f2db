import type { Engine, Json, JsonObject, RunRecord, RunStore, SecretResolver } from '@weft/engine';
import { RequestError } from '../errors/request-error.ts';
import { jsonErrorWithoutText, readLimited } from '../router/read-body.ts';
import { refuseWebhook } from './webhook-auth.ts';
import type { WebhookRegistry } from './webhook-registry.ts';
import { waitForReply } from './wait-for-reply.ts';

/** What a webhook call needs. `enqueue` hands the created run to the worker pool. */
export interface WebhookDeps {
  registry: WebhookRegistry;
  store: RunStore;
  engine: Engine;
  secrets: SecretResolver;
  enqueue: (runId: string) => void;
  maxBodyBytes: number;
}

/** Headers that carry credentials: never handed to the run. */
const PRIVATE_HEADERS = new Set(['authorization', 'cookie', 'x-weft-secret', 'x-weft-signature', 'proxy-authorization']);

/**
 * `/hooks/<path>`: checks the secret or signature, starts a run with the request as input, and
 * answers 202 with the run id (`async`), or waits for a `respond` step or the run's end (`sync`).
 * The request body is data: it reaches the run as `input.body` and is never evaluated.
 */
export async function handleWebhook(request: Request, path: string, deps: WebhookDeps): Promise<Response> {
  const route = deps.registry.match(path);
  if (!route) return problem(404, 'NOT_FOUND', `No webhook at /hooks/${path}`);
  const { trigger } = route;
  if (!trigger.methods.includes(request.method as (typeof trigger.methods)[number])) {
    return problem(405, 'METHOD_NOT_ALLOWED', `This webhook accepts ${trigger.methods.join(', ')}`, {
      allow: trigger.methods.join(', '),
    });
  }
  let raw: Uint8Array;
  try {
    // Counted as it arrives: a chunked body past the limit is cut off, not buffered whole.
    raw = await readLimited(request, deps.maxBodyBytes);
  } catch (error) {
    if (error instanceof RequestError && error.code === 'PAYLOAD_TOO_LARGE') return tooLarge(deps.maxBodyBytes);
    throw error;
  }
  const refused = await refuseWebhook(trigger, request.headers, raw, deps.secrets);
  if (refused) return problem(401, 'UNAUTHORIZED', refused);

  const body = parseBody(request.headers.get('content-type') ?? '', raw);
  if (body instanceof Error) return problem(400, 'INVALID_INPUT', body.message);
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  // Header names arrive lower-cased; the trigger may name its own in any case.
  const ownHeader = trigger.header?.toLowerCase();
  request.headers.forEach((value, key) => {
    if (!PRIVATE_HEADERS.has(key) && key !== ownHeader) headers[key] = value;
  });
  const input: JsonObject = {
    method: request.method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  };

  const { run } = await deps.engine.startRun({ workflowId: route.workflowId, input, enqueueOnly: true });
  if (trigger.response === 'async') {
    deps.enqueue(run.id);
    return Response.json({ runId: run.id, status: run.status }, { status: 202 });
  }
  const reply = waitForReply({ engine: deps.engine, store: deps.store, run, timeoutMs: trigger.timeoutMs });
  deps.enqueue(run.id);
  const outcome = await reply;
  if (outcome.kind === 'respond') return respondWith(outcome.output);
  if (outcome.kind === 'timeout') {
    return Response.json({ runId: run.id, status: 'running', message: 'The run is still going; follow it by its id' }, { status: 202 });
  }
  return finishedRun(outcome.run);
}

function parseBody(contentType: string, raw: Uint8Array): Json | Error {
  if (raw.byteLength === 0) return null;
  const text = new TextDecoder().decode(raw);
  if (/\bjson\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as Json;
    } catch (error) {
      return new Error(`The body is not valid JSON: ${jsonErrorWithoutText((error as Error).message)}`);
    }
  }
  if (/application\/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/** The response a `respond` step set: `{ status, headers, body }`. */
function respondWith(output: Json): Response {
  const { status = 200, headers = {}, body = null } = (output ?? {}) as { status?: number; headers?: Record<string, string>; body?: Json };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (typeof body === 'string') {
    return new Response(body, { status, headers: hasType ? headers : { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(JSON.stringify(body), { status, headers: hasType ? headers : { ...headers, 'content-type': 'application/json' } });
}

function finishedRun(run: RunRecord): Response {
  if (run.status === 'succeeded') {
    return typeof run.output === 'string'
      ? new Response(run.output, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
      : Response.json(run.output ?? null);
  }
  if (run.status === 'waiting') return Response.json({ runId: run.id, status: 'waiting' }, { status: 202 });
  return problem(500, 'RUN_FAILED', `The run ${run.status}: ${run.error?.message ?? ''}`, undefined, { runId: run.id });
}

function tooLarge(limit: number): Response {
  return problem(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes`);
}

function problem(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
  details?: JsonObject,
): Response {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, ...(headers ? { headers } : {}) });
}

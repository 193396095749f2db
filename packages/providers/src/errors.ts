import { APICallError, RetryError } from 'ai';
import { ProviderError, WeftError } from '@weft/engine';
import { CONFIGURE_PROVIDER_HELP } from './env.ts';

/** What an error message needs to say where a call went. */
export interface CallContext {
  /** Human name, e.g. `Anthropic`. */
  label: string;
  /** Canonical `provider:model`. */
  model: string;
  baseURL: string;
  /** Environment variable holding the key, for 401/403 hints. */
  apiKeyEnv?: string;
  /** Extra advice for a status (e.g. Ollama's 404 → `ollama pull`). */
  hint?: (status: number) => string | undefined;
}

// Nobody is listening or the host does not exist: retrying in a second will not help.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ConnectionRefused']);
const MAX_CAUSE_DEPTH = 8;

/** No provider answers at the configured address: says exactly how to configure one. */
export function unavailableError(context: CallContext, reason: string, cause?: unknown): ProviderError {
  return new ProviderError(
    `Cannot reach ${context.label} at ${context.baseURL} for model ${context.model} (${reason}).\n${CONFIGURE_PROVIDER_HELP}`,
    { code: 'PROVIDER_UNAVAILABLE', retryable: false, cause, details: { model: context.model, baseURL: context.baseURL } },
  );
}

/** The chosen provider needs an API key that is not set; thrown before any request. */
export function missingKeyError(label: string, model: string, envName: string): ProviderError {
  return new ProviderError(`${envName} is not set, so model ${model} (${label}) cannot be used.\n${CONFIGURE_PROVIDER_HELP}`, {
    code: 'PROVIDER_UNAVAILABLE',
    retryable: false,
    details: { model, missing: envName },
  });
}

/** Turns whatever the AI SDK threw into a ProviderError carrying the provider's own message and HTTP status. */
export function toProviderError(error: unknown, context: CallContext): WeftError {
  if (error instanceof WeftError) return error;
  const inner = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(inner) && inner.statusCode !== undefined) return httpError(inner, inner.statusCode, context);
  const network = networkCode(inner);
  if (network && UNREACHABLE.has(network)) return unavailableError(context, describeNetwork(network), inner);
  const message = inner instanceof Error ? inner.message : String(inner);
  if (network || APICallError.isInstance(inner)) {
    // Resets and timeouts mid-connection are transient.
    return new ProviderError(`${context.label} connection failed for model ${context.model}: ${message}`, {
      retryable: true,
      cause: inner,
      details: { model: context.model, baseURL: context.baseURL, ...(network ? { network } : {}) },
    });
  }
  return new ProviderError(`${context.label} call for model ${context.model} failed: ${message}`, {
    retryable: false,
    cause: inner,
    details: { model: context.model },
  });
}

function httpError(error: APICallError, status: number, context: CallContext): ProviderError {
  const providerMessage = messageFromBody(error.responseBody) ?? error.message;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = retryAfter(error.responseHeaders);
  const keyHint =
    (status === 401 || status === 403) && context.apiKeyEnv ? ` Check ${context.apiKeyEnv}.` : '';
  const hint = context.hint?.(status);
  return new ProviderError(
    `${context.label} returned HTTP ${status} for model ${context.model}: ${providerMessage}${keyHint}${hint ? ` ${hint}` : ''}`,
    {
      status,
      retryable,
      cause: error,
      details: { model: context.model, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    },
  );
}

/** The message inside a provider's error JSON, whichever of the common shapes it has. */
export function messageFromBody(body: string | undefined): string | undefined {
  if (!body) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.length <= 500 ? body.trim() || undefined : `${body.slice(0, 500)}…`;
  }
  const record = parsed as { error?: unknown; message?: unknown };
  if (typeof record.error === 'string') return record.error; // Ollama: {"error":"…"}
  const nested = record.error as { message?: unknown } | undefined;
  if (nested && typeof nested.message === 'string') return nested.message; // OpenAI, Anthropic, Gemini
  if (typeof record.message === 'string') return record.message;
  return undefined;
}

/** Milliseconds the provider asked us to wait (`retry-after-ms`, or `retry-after` in seconds or as a date). */
export function retryAfter(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number.parseFloat(lower['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The first network error code (`ECONNREFUSED`…) found along an error's causes. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > MAX_CAUSE_DEPTH) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+|ConnectionRefused|ConnectionClosed|FailedToOpenSocket)$/.test(code)) {
    return code;
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = networkCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}

function describeNetwork(code: string): string {
  if (code === 'ECONNREFUSED' || code === 'ConnectionRefused') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return `network unreachable: ${code}`;
}

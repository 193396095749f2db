import { InvalidWorkflowError, WeftError, formatPath, type Json, type Logger } from '@weft/engine';
import type { ErrorBody } from '@weft/api';
import { z } from 'zod';
import { RequestError } from './request-error.ts';

/**
 * The one table from error code to HTTP status. Codes not listed are server faults (500). A client's
 * mistake must land on a 4xx here, never on 500.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  INVALID_REQUEST: 400,
  INVALID_WORKFLOW: 400,
  INVALID_PARAMS: 400,
  INVALID_INPUT: 400,
  EXPRESSION_ERROR: 400,
  SANDBOX_LIMIT: 400,
  UNAUTHORIZED: 401,
  EGRESS_BLOCKED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CANCELLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NODE_FAILED: 422,
  NON_RETRYABLE: 422,
  UPGRADE_REQUIRED: 426,
  PROVIDER_ERROR: 502,
  PROVIDER_UNAVAILABLE: 503,
  RETRY_AFTER: 503,
  STORE_ERROR: 503,
  TIMEOUT: 504,
};

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** A JSON error answer. */
export function errorJsonResponse(status: number, error: ErrorBody['error'], headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify({ error }), { status, headers: JSON_HEADERS });
  if (headers) new Headers(headers).forEach((value, key) => response.headers.set(key, value));
  return response;
}

/** Maps anything thrown while answering a request to its error answer; logs server faults. */
export function errorResponse(error: unknown, logger: Logger, where: string): Response {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    const first = issues[0];
    return errorJsonResponse(400, {
      code: 'INVALID_REQUEST',
      message: first ? `${first.path || '(root)'}: ${first.message}` : 'Invalid request',
      ...(first?.path ? { path: first.path } : {}),
      details: { issues },
    });
  }
  if (error instanceof WeftError) {
    const status = HTTP_STATUS_BY_CODE[error.code];
    if (status !== undefined) {
      const body: ErrorBody['error'] = { code: error.code, message: error.message };
      const path = pathOf(error);
      if (path) body.path = path;
      if (error.details !== undefined) body.details = error.details as Json;
      const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer realm="weft"' } : {};
      return errorJsonResponse(status, body, headers);
    }
  }
  // Only the error's own text is logged: never the request's headers or body, which may hold secrets.
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error('Request failed with an unexpected error', {
    where,
    error: err.message,
    code: error instanceof WeftError ? error.code : undefined,
    stack: err.stack,
  });
  return errorJsonResponse(500, { code: 'INTERNAL', message: 'Internal server error: see the server log' });
}

function pathOf(error: WeftError): string | undefined {
  if (error instanceof RequestError) return error.path;
  if (error instanceof InvalidWorkflowError) return error.problems[0]?.path || undefined;
  return undefined;
}

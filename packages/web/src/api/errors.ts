/** An answer from the server that is not a success: carries the API's error code, message and field path. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The field at fault, e.g. `body.input` or `nodes[1].params.url`. */
  readonly path: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: { code: string; message: string; path?: string | undefined; details?: unknown }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.path = body.path;
    this.details = body.details;
  }

  /** Workflow problems (`[{ path, message }]`) when the server rejected a definition. */
  get problems(): Array<{ path: string; message: string }> {
    const details = this.details as { problems?: unknown } | unknown[] | undefined;
    const list = Array.isArray(details) ? details : (details as { problems?: unknown } | undefined)?.problems;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (p): p is { path: string; message: string } =>
        typeof p === 'object' && p !== null && typeof (p as { message?: unknown }).message === 'string',
    );
  }
}

/** The server could not be reached at all (down, restarting, network gone). */
export class NetworkError extends Error {
  readonly code = 'NETWORK';
  constructor(url: string, cause: unknown) {
    super(`Cannot reach the Weft server (${url}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'NetworkError';
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

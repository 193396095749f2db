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

  /**
   * Every problem the answer lists, each with its path: a workflow's (`details.problems`) or a
   * request's (`details.issues`), so a form can show all of them at once.
   */
  get problems(): Array<{ path: string; message: string }> {
    const details = this.details as { problems?: unknown; issues?: unknown } | unknown[] | undefined;
    const list = Array.isArray(details) ? details : (details?.problems ?? details?.issues);
    if (!Array.isArray(list)) return [];
    return list
      .filter((p): p is { path?: unknown; message: string } => typeof p === 'object' && p !== null && typeof (p as { message?: unknown }).message === 'string')
      .map((p) => ({ path: typeof p.path === 'string' ? p.path : '', message: p.message }));
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

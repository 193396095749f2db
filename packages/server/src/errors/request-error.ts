import { WeftError } from '@weft/engine';

/** A client's mistake found by the HTTP layer, with the field at fault (`body.options.concurrency`). */
export class RequestError extends WeftError {
  readonly path: string | undefined;
  constructor(code: string, message: string, options: { path?: string; details?: WeftError['details'] } = {}) {
    super(code, message, options.details === undefined ? {} : { details: options.details });
    this.name = 'RequestError';
    this.path = options.path;
  }
}

/** 400: a param, query or body does not match its schema. */
export function invalidRequest(message: string, path?: string, details?: WeftError['details']): RequestError {
  return new RequestError('INVALID_REQUEST', message, { ...(path ? { path } : {}), ...(details ? { details } : {}) });
}

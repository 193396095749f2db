import { formatPath } from '@weft/engine';
import type { z } from 'zod';
import { invalidRequest } from '../errors/request-error.ts';

/** Parses `value` with `schema`, or throws a 400 naming the field (`query.limit`) and every issue. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: 'params' | 'query' | 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPath([where, ...issue.path]),
    message: issue.message,
  }));
  const first = issues[0] ?? { path: where, message: 'is invalid' };
  throw invalidRequest(`${first.path}: ${first.message}`, first.path, { issues });
}

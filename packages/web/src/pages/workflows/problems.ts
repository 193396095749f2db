import { ApiError } from '../../api/errors.ts';

export interface Problem {
  path: string;
  message: string;
}

/** Every problem an error carries (none for errors that are not API answers). */
export function problemsOf(error: unknown): Problem[] {
  return error instanceof ApiError ? error.problems : [];
}

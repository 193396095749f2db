import { apiRoutes } from '@weft/api';
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import type { Draft, Problem } from './types.ts';

export interface Validation {
  problems: Problem[];
  /** True until the server has checked the current draft. */
  pending: boolean;
  /** The check itself failed (server unreachable…): problems are those of the last check. */
  error: unknown;
}

/** Asks the server to validate the draft once typing pauses (`POST /api/workflows/validate`). */
export function useValidation(draft: Draft, delayMs = 400): Validation {
  const [result, setResult] = useState<{ for: Draft | undefined; problems: Problem[]; error: unknown }>({
    for: undefined,
    problems: [],
    error: undefined,
  });
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      call(apiRoutes.validateWorkflow, { body: draft as Record<string, unknown>, signal: controller.signal })
        .then((answer) => setResult({ for: draft, problems: answer.problems, error: undefined }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setResult((last) => ({ ...last, for: draft, error }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, delayMs]);
  return { problems: result.problems, pending: result.for !== draft, error: result.error };
}

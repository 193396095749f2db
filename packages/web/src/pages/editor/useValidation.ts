import { apiRoutes } from '@weft/api';
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import type { Draft, Problem } from './types.ts';

export interface Validation {
  problems: Problem[];
  /** Output ports of each node for its current params, by node id, as the server computed them. */
  ports: Readonly<Record<string, readonly string[]>>;
  /** True until the server has checked the current draft. */
  pending: boolean;
  /** The check itself failed (server unreachable…): problems are those of the last check. */
  error: unknown;
}

/** Asks the server to validate the draft once typing pauses (`POST /api/workflows/validate`). */
export function useValidation(draft: Draft, delayMs = 400): Validation {
  const [result, setResult] = useState<{ for: Draft | undefined; problems: Problem[]; ports: Record<string, string[]>; error: unknown }>({
    for: undefined,
    problems: [],
    ports: {},
    error: undefined,
  });
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      call(apiRoutes.validateWorkflow, { body: draft as Record<string, unknown>, signal: controller.signal })
        .then((answer) => setResult({ for: draft, problems: answer.problems, ports: answer.ports ?? {}, error: undefined }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setResult((last) => ({ ...last, for: draft, error }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, delayMs]);
  return { problems: result.problems, ports: result.ports, pending: result.for !== draft, error: result.error };
}

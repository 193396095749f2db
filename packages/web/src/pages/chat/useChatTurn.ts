import { apiRoutes, routeUrl } from '@weft/api';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { keys } from '../../api/queries.ts';
import { openEventStream } from '../../api/sse.ts';

/** The turn being answered: the message sent and the reply as it streams in. */
export interface PendingTurn {
  message: string;
  /** Tokens so far, then the final reply. */
  text: string;
  runId?: string;
  /** Set once the `reply` event came: the text is final and stored. */
  replied: boolean;
  error?: Error;
}

/**
 * Sends chat messages over the streaming chat endpoint: `run` (the run's id), `token`s as the model
 * writes, then `reply` (the final text) or `error`. A POST is never resent, so the stream does not
 * reconnect; a failed turn can be retried by the user instead.
 */
export function useChatTurn(workflowId: string, sessionId: string) {
  const client = useQueryClient();
  const [pending, setPending] = useState<PendingTurn | undefined>(undefined);
  const stop = useRef<(() => void) | undefined>(undefined);

  useEffect(() => () => stop.current?.(), []);

  const send = useCallback(
    (message: string) => {
      stop.current?.();
      setPending({ message, text: '', replied: false });
      const update = (change: (turn: PendingTurn) => PendingTurn) => setPending((turn) => (turn ? change(turn) : turn));
      const refresh = () => {
        void client.invalidateQueries({ queryKey: keys.chatMessages(workflowId, sessionId) });
        void client.invalidateQueries({ queryKey: keys.chatSessions(workflowId) });
      };
      let settled = false;
      stop.current = openEventStream(routeUrl(apiRoutes.chatTurn, { workflowId }, { stream: 'true' }), {
        init: { method: 'POST', body: JSON.stringify({ sessionId, message }), headers: { 'content-type': 'application/json' } },
        reconnect: false,
        onMessage: ({ event, data }) => {
          const payload = parse(data);
          if (event === 'run') {
            update((turn) => ({ ...turn, runId: str(payload['runId']) ?? turn.runId }));
            // The session now exists on the server: list it.
            void client.invalidateQueries({ queryKey: keys.chatSessions(workflowId) });
          } else if (event === 'token') {
            update((turn) => ({ ...turn, text: turn.text + (str(payload['text']) ?? '') }));
          } else if (event === 'reply') {
            settled = true;
            update((turn) => ({ ...turn, text: str(payload['text']) ?? turn.text, runId: str(payload['runId']) ?? turn.runId, replied: true }));
            refresh();
          } else if (event === 'error') {
            settled = true;
            update((turn) => ({ ...turn, error: new Error(str(payload['message']) ?? 'The run failed') }));
            refresh();
          }
        },
        onError: (error) => {
          settled = true;
          update((turn) => ({ ...turn, error }));
        },
        onEnd: () => {
          if (!settled) update((turn) => ({ ...turn, error: new Error('The connection closed before the reply came') }));
        },
      });
    },
    [client, workflowId, sessionId],
  );

  const clear = useCallback(() => setPending(undefined), []);
  return { pending, send, clear };
}

function parse(data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

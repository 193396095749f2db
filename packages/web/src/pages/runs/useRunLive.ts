import { apiRoutes, routeUrl, type RunEventMessage } from '@weft/api';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError } from '../../api/errors.ts';
import { keys, useRun } from '../../api/queries.ts';
import { openEventStream } from '../../api/sse.ts';
import { changesRunDetail, foldEvents, initialLiveState, type LiveState } from './liveState.ts';

/** How the event stream is doing: following, reconnecting after a drop, done (the run ended), or refused. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

export interface RunLive {
  state: LiveState;
  connection: Connection;
  error: Error | undefined;
}

/** How long step events are gathered before the run's details are fetched again. */
const REFRESH_DELAY_MS = 250;

/**
 * Follows one run's event stream: folds its events into live state (step statuses, streamed text,
 * tool calls, timeline) and refetches the run's details (attempts, outputs) and artifacts, at most
 * every 250 ms, when events change them. A dropped connection resumes from the last seq; a stream
 * that ended is opened again when the run has moved on (a retried step, a resumed run).
 */
export function useRunLive(runId: string): RunLive {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(foldEvents, initialLiveState);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const lastSeq = useRef(0);

  useEffect(() => {
    let queue: RunEventMessage[] = [];
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let artifactsChanged = false;
    let stopped = false;
    const flush = () => {
      if (stopped || queue.length === 0) return;
      const batch = queue;
      queue = [];
      dispatch(batch);
    };
    const refresh = () => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = undefined;
        void client.invalidateQueries({ queryKey: keys.run(runId), exact: true });
        if (artifactsChanged) void client.invalidateQueries({ queryKey: keys.artifacts(runId) });
        artifactsChanged = false;
      }, REFRESH_DELAY_MS);
    };
    setConnection('connecting');
    const after = lastSeq.current > 0 ? { after: lastSeq.current } : {};
    const stop = openEventStream(routeUrl(apiRoutes.streamRunEvents, { id: runId }, after), {
      onOpen: () => {
        setConnection('live');
        setError(undefined);
      },
      onMessage: (message) => {
        let event: RunEventMessage;
        try {
          event = JSON.parse(message.data) as RunEventMessage;
        } catch {
          return;
        }
        if (typeof event.seq !== 'number') return;
        lastSeq.current = Math.max(lastSeq.current, event.seq);
        // One render per chunk of the stream, not per event (a replay brings hundreds at once).
        if (queue.push(event) === 1) queueMicrotask(flush);
        if (event.type === 'artifact.created') artifactsChanged = true;
        if (changesRunDetail(event) || artifactsChanged) refresh();
      },
      onEnd: () => {
        setConnection('ended');
        refresh();
      },
      onError: (failure) => {
        setError(failure);
        setConnection(failure instanceof ApiError ? 'failed' : 'reconnecting');
      },
    });
    return () => {
      stopped = true;
      stop();
      clearTimeout(refreshTimer);
    };
  }, [runId, generation, client]);

  // The stream closes once the run ends; when the server shows later events (a step was retried, from
  // here or elsewhere), follow again from where this stream stopped.
  const serverLastSeq = useRun(runId).data?.run.lastSeq ?? 0;
  const followAgain = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (connection === 'ended' && serverLastSeq > lastSeq.current) followAgain();
  }, [connection, serverLastSeq, followAgain]);

  return { state, connection, error };
}

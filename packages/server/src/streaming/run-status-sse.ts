import type { RunEvent } from '@weft/engine';
import type { RunStatusChange } from '@weft/api';
import { STATUS_OF_RUN_EVENT } from '../metrics/run-metrics.ts';
import type { ServerServices } from '../services.ts';
import { SseStream } from './sse-stream.ts';

/** The status change a `run.*` event stands for, or undefined for other events. */
export function statusChangeOf(event: RunEvent): RunStatusChange | undefined {
  const status = STATUS_OF_RUN_EVENT[event.type];
  if (!status) return undefined;
  const change: RunStatusChange = { runId: event.runId, seq: event.seq, type: event.type, status, at: event.at };
  const data = event.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    if (event.type === 'run.created' && typeof data['workflowId'] === 'string') change.workflowId = data['workflowId'];
    const error = data['error'];
    if (error !== null && typeof error === 'object' && !Array.isArray(error) && typeof error['code'] === 'string') {
      change.error = {
        code: error['code'],
        message: typeof error['message'] === 'string' ? error['message'] : '',
        retryable: error['retryable'] === true,
      };
    }
  }
  return change;
}

/** Live status changes of every run, as SSE (no ids: this stream is not stored, so not resumable). */
export function runStatusSse(services: ServerServices, request: Request): Response {
  const stream = new SseStream({
    heartbeatMs: services.config.heartbeatMs,
    signal: request.signal,
    onClose: () => {
      unsubscribe();
      services.streams.delete(stream);
    },
  });
  services.streams.add(stream);
  // onClose runs no earlier than a microtask after this (an already aborted signal is seen asynchronously).
  const unsubscribe = services.engine.subscribe('*', (event) => {
    const change = statusChangeOf(event);
    // Live only: a client too slow for its buffer gets what fits; it refetches the list on reconnect.
    if (change) void stream.send({ event: change.type, data: JSON.stringify(change) });
  });
  void stream.write('retry: 2000\n\n');
  return stream.response();
}

import { ConflictError } from '../errors.ts';
import type { RunEvent } from '../events.ts';
import { copyJson } from './copy-json.ts';

// A run's events for the in-memory store: an array kept sorted by seq. Events nearly always arrive in
// order, so adding one is a push and finding one starts with a comparison against the last.

/** A copy of `event` owned by the store, filed under `runId`. */
export function copyEvent(runId: string, event: RunEvent): RunEvent {
  const copy: RunEvent = {
    runId,
    seq: event.seq,
    type: event.type,
    at: event.at,
    data: copyJson(event.data) ?? null,
  };
  if (event.stepId !== undefined) copy.stepId = event.stepId;
  return copy;
}

/** Throws ConflictError when a seq of `incoming` is stored already or repeats within `incoming`. */
export function checkNewSeqs(
  stored: readonly RunEvent[],
  incoming: readonly RunEvent[],
  runId: string,
): void {
  let ascending = true;
  for (let i = 0; i < incoming.length; i++) {
    const seq = (incoming[i] as RunEvent).seq;
    if (hasSeq(stored, seq)) throw duplicateSeq(runId, seq);
    if (i > 0 && seq <= (incoming[i - 1] as RunEvent).seq) ascending = false;
  }
  // Seqs in ascending order cannot repeat; otherwise look for a repeat within the batch.
  if (ascending) return;
  const seen = new Set<number>();
  for (const { seq } of incoming) {
    if (seen.has(seq)) throw duplicateSeq(runId, seq);
    seen.add(seq);
  }
}

/** Adds an event whose seq was checked to be new, keeping seq order. */
export function insertEvent(events: RunEvent[], event: RunEvent): void {
  const last = events.at(-1);
  if (!last || last.seq < event.seq) events.push(event);
  else events.splice(firstAfter(events, event.seq), 0, event);
}

/** Copies of at most `limit` events with seq > `afterSeq`, oldest first. */
export function eventsAfter(events: readonly RunEvent[], afterSeq: number, limit: number): RunEvent[] {
  if (limit <= 0) return [];
  const start = firstAfter(events, afterSeq);
  return events.slice(start, start + limit).map((event) => copyJson(event));
}

/** Index of the first event with seq > `seq` (binary search). */
function firstAfter(events: readonly RunEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as RunEvent).seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasSeq(events: readonly RunEvent[], seq: number): boolean {
  const last = events.at(-1);
  if (!last || last.seq < seq) return false;
  const i = firstAfter(events, seq) - 1;
  return i >= 0 && (events[i] as RunEvent).seq === seq;
}

function duplicateSeq(runId: string, seq: number): ConflictError {
  return new ConflictError(`Run ${runId} already has an event with seq ${seq}.`, { runId, seq });
}

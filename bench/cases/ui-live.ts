// The web UI's hot path while a run is watched: parsing the SSE stream and folding each event into
// the run view's live state (step statuses, streamed text, timeline).
import type { RunEventMessage } from '@weft/api';
import { foldEvents, initialLiveState, type LiveState } from '@weft/web/live-state';
import { SseParser } from '@weft/web/sse';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measureSync } from '../lib/stats.ts';

/** The events of a chain of `steps` LLM steps: started, five token batches, succeeded. */
function chainEvents(steps: number): RunEventMessage[] {
  const events: RunEventMessage[] = [];
  const push = (type: RunEventMessage['type'], stepId: string | undefined, data: RunEventMessage['data']) =>
    events.push({ runId: 'r', seq: events.length + 1, type, at: 1_700_000_000_000 + events.length, ...(stepId ? { stepId } : {}), data });
  push('run.created', undefined, { workflowId: 'w', version: 1 });
  push('run.started', undefined, {});
  for (let i = 0; i < steps; i++) {
    const id = `s${i}`;
    push('step.started', id, { nodeId: id, attempt: 1 });
    for (let t = 0; t < 5; t++) push('llm.token', id, { text: 'a few words of text ' });
    push('step.succeeded', id, { nodeId: id, attempt: 1, ports: ['out'] });
  }
  push('run.succeeded', undefined, {});
  return events;
}

export function uiLiveCases(section: string): BenchResult[] {
  const results: BenchResult[] = [];
  for (const steps of [100, 1000]) {
    const events = chainEvents(steps);
    let state: LiveState = initialLiveState;
    const sample = measureSync(
      () => {
        // One event at a time: the worst case (the UI batches what one stream chunk brings).
        state = initialLiveState;
        for (const event of events) state = foldEvents(state, [event]);
      },
      { unitsPerCall: events.length, minCalls: 1 },
    );
    if (state.steps[`s${steps - 1}`]?.status !== 'succeeded') throw new Error('the live state missed the last step');
    results.push(fromSample(section, `UI: fold run events into live state, ${steps}-step run, one by one`, 'µs/event', sample));
  }

  const events = chainEvents(100);
  const text = events.map((e) => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
  let parsed = 0;
  const sample = measureSync(
    () => {
      const parser = new SseParser(() => void parsed++);
      for (let i = 0; i < text.length; i += 1024) parser.push(text.slice(i, i + 1024));
    },
    { unitsPerCall: events.length },
  );
  if (parsed === 0) throw new Error('no SSE message parsed');
  results.push(fromSample(section, 'UI: parse the SSE stream (1 KiB chunks)', 'µs/event', sample));
  return results;
}

// Event fan-out: EventBus.publish of one event to 1 and to 100 subscribers.
import { EventBus, type RunEvent } from '@weft/engine';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measureSync } from '../lib/stats.ts';

export function eventBusCases(section: string): BenchResult[] {
  const results: BenchResult[] = [];
  for (const subscribers of [1, 100]) {
    const bus = new EventBus();
    let received = 0;
    for (let i = 0; i < subscribers; i++) bus.subscribe('run-1', () => void received++);
    const events: RunEvent[] = [
      { runId: 'run-1', seq: 1, type: 'step.succeeded', at: Date.now(), stepId: 'a', data: { nodeId: 'a' } },
    ];
    const sample = measureSync(() => bus.publish(events));
    if (received === 0) throw new Error('no event delivered');
    results.push(
      fromSample(
        section,
        `EventBus.publish to ${subscribers} subscriber${subscribers > 1 ? 's' : ''}`,
        'µs/event',
        sample,
      ),
    );
  }
  return results;
}

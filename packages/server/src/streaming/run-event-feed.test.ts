import { silentLogger, type RunEvent, type RunEventType, type RunRecord } from '@weft/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunEventFeed, type FeedEnd } from './run-event-feed.ts';

/** A store and bus where every read and every delivery resolves when the fast-check scheduler says. */
function world(s: fc.Scheduler, initial: RunEventType[]) {
  const events: RunEvent[] = [];
  const listeners = new Set<(e: RunEvent) => void>();
  const commit = (type: RunEventType) => {
    const event: RunEvent = { runId: 'r', seq: events.length + 1, type, at: events.length, data: null };
    events.push(event);
    for (const listener of listeners) listener(event);
  };
  for (const type of initial) commit(type);
  const status = (): RunRecord['status'] => {
    const last = events.at(-1)?.type;
    return last === 'run.succeeded' ? 'succeeded' : last === 'run.failed' ? 'failed' : 'running';
  };
  return {
    commit,
    engine: {
      subscribe: (_runId: string, listener: (e: RunEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    store: {
      // The answer is what was stored when asked; it arrives later.
      listEvents: (_runId: string, after: number, limit: number) =>
        s.schedule(Promise.resolve(events.filter((e) => e.seq > after).slice(0, limit)), 'listEvents'),
      getRun: (_runId: string) =>
        s.schedule(Promise.resolve({ id: 'r', status: status(), lastSeq: events.length } as RunRecord), 'getRun'),
    },
    listeners,
  };
}

/** Lets the scheduler run every task, including those scheduled after microtask hops, until `done`. */
async function settle(s: fc.Scheduler, done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await s.waitAll();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await s.waitAll();
}

describe('RunEventFeed', () => {
  it('delivers every event after `after` exactly once, in order, however reads and commits interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom<RunEventType>('step.started', 'llm.token', 'step.succeeded'), { maxLength: 6 }),
        fc.array(fc.constantFrom<RunEventType>('step.started', 'llm.token', 'step.succeeded'), { maxLength: 8 }),
        fc.boolean(),
        fc.nat(4),
        fc.boolean(),
        async (s, before, live, earlierFailure, afterPick, slowClient) => {
          const initial: RunEventType[] = ['run.created', 'run.started', ...before];
          if (earlierFailure) initial.push('run.failed', 'step.reset', 'run.resumed');
          const w = world(s, initial);
          const after = Math.min(afterPick, initial.length);
          const sent: number[] = [];
          let ended: FeedEnd | undefined;
          const feed = new RunEventFeed({
            engine: w.engine,
            store: w.store,
            runId: 'r',
            after,
            logger: silentLogger,
            send: (event) => {
              sent.push(event.seq);
              return slowClient ? s.schedule(Promise.resolve(), 'send') : undefined;
            },
            onEnd: (reason) => {
              ended = reason;
            },
          });
          feed.start();
          // Live commits, in order, each at a moment the scheduler picks.
          let chain = Promise.resolve();
          for (const type of [...live, 'run.succeeded' as const]) {
            chain = chain.then(() => s.schedule(Promise.resolve(), `commit ${type}`)).then(() => w.commit(type));
          }
          await s.waitFor(chain);
          await settle(s, () => ended !== undefined);
          const total = initial.length + live.length + 1;
          expect(ended).toBe('run-ended');
          expect(sent).toEqual(Array.from({ length: total - after }, (_, i) => after + i + 1));
          expect(w.listeners.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends at once for a run that has already ended, and does not end on an old failure it replays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const w = world(s, ['run.created', 'run.failed', 'step.reset', 'run.succeeded']);
        const sent: string[] = [];
        let ended: FeedEnd | undefined;
        const feed = new RunEventFeed({
          engine: w.engine,
          store: w.store,
          runId: 'r',
          after: 0,
          logger: silentLogger,
          send: (e) => void sent.push(e.type),
          onEnd: (reason) => (ended = reason),
        });
        feed.start();
        await settle(s, () => ended !== undefined);
        expect(sent).toEqual(['run.created', 'run.failed', 'step.reset', 'run.succeeded']);
        expect(ended).toBe('run-ended');
      }),
      { numRuns: 20 },
    );
  });

  it('stops quietly when closed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const w = world(s, ['run.created', 'run.started']);
        let ended = false;
        const feed = new RunEventFeed({
          engine: w.engine,
          store: w.store,
          runId: 'r',
          after: 0,
          logger: silentLogger,
          send: () => {},
          onEnd: () => (ended = true),
        });
        feed.start();
        feed.close();
        w.commit('run.succeeded');
        await settle(s, () => false);
        expect(ended).toBe(false);
        expect(w.listeners.size).toBe(0);
      }),
      { numRuns: 20 },
    );
  });
});

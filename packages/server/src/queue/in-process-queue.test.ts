import { silentLogger } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { InProcessRunQueue } from './in-process-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Runs start on the event loop's next turn (so the response that enqueued them goes out first). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function queueWith(concurrency: number) {
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const queue = new InProcessRunQueue({
    concurrency,
    logger: silentLogger,
    execute: (runId) => {
      started.push(runId);
      const gate = deferred();
      gates.set(runId, gate);
      return gate.promise;
    },
  });
  const finish = async (runId: string) => {
    gates.get(runId)?.resolve();
    await tick();
    await tick();
  };
  return { queue, started, finish };
}

describe('InProcessRunQueue', () => {
  it('runs at most `concurrency` at once, in FIFO order', async () => {
    const { queue, started, finish } = queueWith(2);
    for (const id of ['a', 'b', 'c', 'd']) expect(queue.enqueue(id)).toBe(true);
    expect(started).toEqual([]);
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect([queue.active, queue.depth]).toEqual([2, 2]);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
    await finish('a');
    await finish('c');
    await finish('d');
    expect([queue.active, queue.depth]).toEqual([0, 0]);
  });

  it('ignores a run it already holds, and counts adopted work as active', async () => {
    const { queue, started, finish } = queueWith(1);
    queue.enqueue('a');
    await tick();
    expect(queue.enqueue('a')).toBe(false);
    const outside = deferred();
    queue.adopt('x', outside.promise);
    expect(queue.active).toBe(2);
    queue.adopt('a', Promise.resolve());
    outside.resolve();
    await finish('a');
    expect(started).toEqual(['a']);
    expect(queue.active).toBe(0);
    expect(queue.enqueue('a')).toBe(true);
  });

  it('survives an execute that throws or rejects', async () => {
    const queue = new InProcessRunQueue({
      concurrency: 1,
      logger: silentLogger,
      execute: (runId) => {
        if (runId === 'sync') throw new Error('boom');
        return Promise.reject(new Error('later'));
      },
    });
    queue.enqueue('sync');
    queue.enqueue('async');
    for (let i = 0; i < 4; i++) await tick();
    expect([queue.active, queue.depth]).toEqual([0, 0]);
  });

  it('close() stops taking work, drops the pending, waits for running ones up to the timeout', async () => {
    const { queue, finish } = queueWith(1);
    queue.enqueue('a');
    queue.enqueue('b');
    await tick();
    const closing = queue.close(5_000);
    expect(queue.accepting).toBe(false);
    expect(queue.depth).toBe(0);
    expect(queue.enqueue('c')).toBe(false);
    await finish('a');
    expect(await closing).toEqual([]);

    const stuck = queueWith(1);
    stuck.queue.enqueue('z');
    expect(await stuck.queue.close(20)).toEqual(['z']);
  });
});

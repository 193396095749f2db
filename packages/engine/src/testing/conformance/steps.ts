import { describe, expect, it } from 'vitest';
import type { AttemptRecord, StepRecord } from '../../records.ts';
import { T0, attempt, seedRun, stepWrite, type ConformanceContext } from './fixtures.ts';

const FULL_ATTEMPT: AttemptRecord = {
  attempt: 1,
  status: 'failed',
  input: { prompt: 'hi', temperature: 0.2 },
  output: { partial: ['a', 'b'] },
  error: {
    code: 'PROVIDER_ERROR',
    message: '429',
    retryable: true,
    details: { status: 429 },
    cause: { code: 'X', message: 'y', retryable: false },
  },
  model: 'anthropic:claude-sonnet-4',
  usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15, costUsd: 0.0001 },
  toolCalls: [
    { id: 't1', name: 'search', input: { q: 'weft' }, output: ['r1'], startedAt: T0, endedAt: T0 + 3 },
    { id: 't2', name: 'fetch', input: { url: 'x' }, error: 'refused', startedAt: T0 + 4 },
  ],
  startedAt: T0,
  endedAt: T0 + 10,
};

/** Step upserts: creation order, attempts kept oldest first, same attempt number overwritten. */
export function describeSteps(ctx: ConformanceContext): void {
  describe('steps', () => {
    it('stores a step without attempts as attempt 0', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', { steps: [stepWrite('a', { status: 'pending' })] });
      const expected: StepRecord = {
        runId: 'r1',
        stepId: 'a',
        nodeId: 'a',
        iteration: 1,
        status: 'pending',
        attempt: 0,
        attempts: [],
      };
      expect(await store.getSteps('r1')).toStrictEqual([expected]);
    });

    it('round-trips every step and attempt field', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', {
        steps: [
          stepWrite('map', { status: 'running' }),
          stepWrite('item', {
            stepId: 'item#2[3]',
            iteration: 2,
            index: 3,
            parentStepId: 'map',
            status: 'waiting',
            ports: ['approved', 'error'],
            wakeAt: T0 + 60_000,
            waitingFor: { form: { fields: ['reason'] }, message: 'Approve?' },
            attempt: FULL_ATTEMPT,
          }),
        ],
      });
      const [, item] = await store.getSteps('r1');
      const expected: StepRecord = {
        runId: 'r1',
        stepId: 'item#2[3]',
        nodeId: 'item',
        iteration: 2,
        index: 3,
        parentStepId: 'map',
        status: 'waiting',
        attempt: 1,
        ports: ['approved', 'error'],
        wakeAt: T0 + 60_000,
        waitingFor: { form: { fields: ['reason'] }, message: 'Approve?' },
        attempts: [FULL_ATTEMPT],
      };
      expect(item).toStrictEqual(expected);
    });

    it('keeps attempt 1 when attempt 2 is written', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const first = attempt(1, {
        status: 'failed',
        error: { code: 'TIMEOUT', message: 'slow', retryable: true },
        endedAt: T0 + 5,
      });
      await store.commit('r1', { steps: [stepWrite('a', { status: 'failed', attempt: first })] });
      await store.commit('r1', { steps: [stepWrite('a', { status: 'running', attempt: attempt(2) })] });
      const [step] = await store.getSteps('r1');
      expect(step).toMatchObject({ status: 'running', attempt: 2 });
      expect(step?.attempts).toStrictEqual([first, attempt(2)]);
    });

    it('overwrites an attempt written again with the same number', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', {
        steps: [stepWrite('a', { attempt: attempt(1, { output: 'draft', model: 'm' }) })],
      });
      const done = attempt(1, { status: 'succeeded', output: 'final', endedAt: T0 + 9 });
      await store.commit('r1', {
        steps: [stepWrite('a', { status: 'succeeded', ports: ['main'], attempt: done })],
      });
      const [step] = await store.getSteps('r1');
      expect(step).toMatchObject({ status: 'succeeded', attempt: 1, ports: ['main'] });
      expect(step?.attempts).toStrictEqual([done]);
    });

    it('orders attempts oldest first and never lowers the latest attempt number', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      for (const n of [2, 3, 1])
        await store.commit('r1', { steps: [stepWrite('a', { attempt: attempt(n) })] });
      await store.commit('r1', { steps: [stepWrite('a', { status: 'pending' })] });
      const [step] = await store.getSteps('r1');
      expect(step?.attempt).toBe(3);
      expect(step?.attempts.map((a) => a.attempt)).toStrictEqual([1, 2, 3]);
    });

    it('replaces step fields on each write: absent or null clears them', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const waiting = { status: 'waiting' as const, wakeAt: T0, waitingFor: { why: 'approval' } };
      await store.commit('r1', {
        steps: [stepWrite('a', { ...waiting, ports: ['x'] }), stepWrite('b', { ...waiting, ports: ['x'] })],
      });
      await store.commit('r1', {
        steps: [
          stepWrite('a', { status: 'running' }),
          stepWrite('b', { status: 'running', wakeAt: null, waitingFor: null }),
        ],
      });
      for (const step of await store.getSteps('r1')) {
        expect(step).toStrictEqual({
          runId: 'r1',
          stepId: step.stepId,
          nodeId: step.nodeId,
          iteration: 1,
          status: 'running',
          attempt: 0,
          attempts: [],
        });
      }
    });

    it('returns steps in creation order, unchanged by later updates', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', { steps: [stepWrite('c'), stepWrite('a')] });
      await store.commit('r1', { steps: [stepWrite('b'), stepWrite('a', { status: 'succeeded' })] });
      await store.commit('r1', { steps: [stepWrite('c', { status: 'failed' })] });
      expect((await store.getSteps('r1')).map((s) => s.stepId)).toStrictEqual(['c', 'a', 'b']);
    });

    it('keeps the creation order of many map items', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const ids = Array.from({ length: 300 }, (_, i) => `map[${(i * 37) % 300}]`);
      for (let i = 0; i < ids.length; i += 50) {
        await store.commit('r1', {
          steps: ids.slice(i, i + 50).map((stepId, j) => stepWrite('map', { stepId, index: i + j })),
        });
      }
      expect((await store.getSteps('r1')).map((s) => s.stepId)).toStrictEqual(ids);
    });

    it('keeps each run to its own steps', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await seedRun(store, 'r2');
      await store.commit('r1', { steps: [stepWrite('a', { attempt: attempt(1) })] });
      await store.commit('r2', {
        steps: [stepWrite('a', { attempt: attempt(1, { input: 'two' }) }), stepWrite('b')],
      });
      expect(
        (await store.getSteps('r1')).map((s) => [s.runId, s.stepId, s.attempts[0]?.input]),
      ).toStrictEqual([['r1', 'a', { n: 1 }]]);
      expect(await store.getSteps('r2')).toHaveLength(2);
      expect(await store.getSteps('missing')).toStrictEqual([]);
    });

    it('keeps stored steps apart from the objects callers hold', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const write = stepWrite('a', { ports: ['main'], attempt: attempt(1, { output: { list: [1] } }) });
      await store.commit('r1', { steps: [write] });
      write.ports?.push('other');
      (write.attempt?.output as { list: number[] }).list.push(2);
      const [read] = await store.getSteps('r1');
      read?.attempts.pop();
      const [again] = await store.getSteps('r1');
      expect(again?.ports).toStrictEqual(['main']);
      expect(again?.attempts.map((a) => a.output)).toStrictEqual([{ list: [1] }]);
    });
  });
}

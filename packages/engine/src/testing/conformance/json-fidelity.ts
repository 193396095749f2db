import { describe, expect, it } from 'vitest';
import { JSON_SAMPLES, attempt, event, seedRun, stepWrite, type ConformanceContext } from './fixtures.ts';

/** JSON values come back exactly: unicode, nesting, large strings, and null kept apart from absent. */
export function describeJsonFidelity(ctx: ConformanceContext): void {
  describe('JSON fidelity', () => {
    it.each(JSON_SAMPLES)('round-trips %s everywhere JSON is stored', async (_case, value) => {
      const store = ctx.store();
      await seedRun(store, 'r1', {
        input: value,
        state: { value },
        events: [event('r1', 1, 'log', { data: value })],
      });
      await store.commit('r1', {
        run: { output: value },
        steps: [
          stepWrite('a', {
            status: 'waiting',
            waitingFor: { value },
            attempt: attempt(1, { input: value, output: value }),
          }),
        ],
        events: [event('r1', 2, 'log', { data: value })],
      });
      const run = await store.getRun('r1');
      expect(run?.input).toStrictEqual(value);
      expect(run?.state).toStrictEqual({ value });
      expect(run?.output).toStrictEqual(value);
      const [step] = await store.getSteps('r1');
      expect(step?.waitingFor).toStrictEqual({ value });
      expect(step?.attempts[0]?.input).toStrictEqual(value);
      expect(step?.attempts[0]?.output).toStrictEqual(value);
      expect((await store.listEvents('r1', 0, 10)).map((e) => e.data)).toStrictEqual([value, value]);
    });

    it('does not let a "__proto__" key change the prototype', async () => {
      const store = ctx.store();
      const input = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
      await seedRun(store, 'r1', { input: input as { [key: string]: null } });
      const read = (await store.getRun('r1'))?.input as Record<string, unknown>;
      expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
      expect(Object.keys(read)).toStrictEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('keeps an output of null apart from no output', async () => {
      const store = ctx.store();
      await seedRun(store, 'with-null');
      await seedRun(store, 'absent');
      await store.commit('with-null', {
        run: { output: null },
        steps: [stepWrite('a', { attempt: attempt(1, { output: null }) })],
      });
      await store.commit('absent', {
        steps: [stepWrite('a', { attempt: { attempt: 1, status: 'running' } })],
      });
      const withNull = await store.getRun('with-null');
      expect(withNull && 'output' in withNull).toBe(true);
      expect(withNull?.output).toBeNull();
      const absent = await store.getRun('absent');
      expect(absent && 'output' in absent).toBe(false);
      const [nullStep] = await store.getSteps('with-null');
      expect(nullStep?.attempts[0] && 'output' in nullStep.attempts[0]).toBe(true);
      const [absentStep] = await store.getSteps('absent');
      expect(absentStep?.attempts[0]).toStrictEqual({ attempt: 1, status: 'running' });
    });

    it('drops keys whose value is undefined, as JSON does', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { input: JSON.parse('{"a":1}') as { a: number } });
      await store.commit('r1', { run: { state: { a: 1, b: undefined } as unknown as { a: number } } });
      expect((await store.getRun('r1'))?.state).toStrictEqual({ a: 1 });
    });
  });
}

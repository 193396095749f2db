import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, MemoryRunStore, testNodeCalls, testRegistry } from '../testing/index.ts';
import { workflowSchema } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';

const definition = workflowSchema.parse({
  name: 'chain',
  nodes: [
    { id: 'a', type: 'test.echo', params: { value: 'A({{ input }})' } },
    { id: 'b', type: 'test.echo', params: { value: 'B({{ steps.a.output }})' } },
    { id: 'c', type: 'test.echo', params: { value: 'C({{ steps.b.output }})' } },
  ],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c' },
  ],
});

let store: MemoryRunStore;
beforeEach(() => {
  store = new MemoryRunStore();
  testNodeCalls.clear();
});

function engine() {
  return createEngine({ store, registry: testRegistry(), clock: new FakeClock() });
}

describe('rerun from a step', () => {
  it('keeps the steps before it, runs it with edited params and everything after it', async () => {
    const e = engine();
    const first = await (await e.startRun({ workflow: definition, input: 'x' })).done;
    expect(first.output).toBe('C(B(A(x)))');
    const { run, done } = await e.rerun(first.id, { fromStepId: 'b', params: { value: 'B2({{ steps.a.output }})' } });
    const second = await done;
    expect(second.status).toBe('succeeded');
    expect(second.output).toBe('C(B2(A(x)))');
    expect(second.options.rerunOf).toEqual({ runId: first.id, stepId: 'b' });
    expect(testNodeCalls.get('a')).toBe(1);
    expect(testNodeCalls.get('b')).toBe(2);
    const steps = await store.getSteps(run.id);
    expect(steps.map((s) => [s.stepId, s.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'succeeded'],
    ]);
    await e.close();
  });

  it('can replace the run input', async () => {
    const e = engine();
    const first = await (await e.startRun({ workflow: definition, input: 'x' })).done;
    const second = await (await e.rerun(first.id, { fromStepId: 'a', input: 'y' })).done;
    expect(second.output).toBe('C(B(A(y)))');
    await expect(e.rerun(first.id, { fromStepId: 'nope' })).rejects.toThrow(/no step 'nope'/);
    await e.close();
  });
});

describe('testing one node', () => {
  it('runs the node with pinned input and upstream outputs, storing nothing', async () => {
    const e = engine();
    const result = await e.testNode({ workflow: definition, nodeId: 'b', steps: { a: 'pinned' } });
    expect(result).toMatchObject({ status: 'succeeded', output: 'B(pinned)', input: { value: 'B(pinned)' } });
    expect((await store.listRuns({})).runs).toEqual([]);
    const failed = await e.testNode({ workflow: definition, nodeId: 'a', params: { value: '{{ nope.x }}' } });
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('EXPRESSION_ERROR');
    await expect(e.testNode({ workflow: definition, nodeId: 'zz' })).rejects.toThrow(/no node 'zz'/);
    await e.close();
  });
});

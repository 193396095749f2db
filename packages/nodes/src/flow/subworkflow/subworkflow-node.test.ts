import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { testNodeTypes } from '@weft/engine/testing';
import { createTestEngine } from '../../testing/index.ts';

const doubler = {
  name: 'doubler',
  nodes: [
    { id: 'double', type: 'transform', params: { value: '{{ input.n * 2 }}' } },
    {
      id: 'describe',
      type: 'transform',
      params: { value: { doubled: '{{ steps.double.output }}', from: '{{ input.who }}' } },
    },
  ],
  edges: [{ from: 'double', to: 'describe' }],
};

describe('subworkflow', () => {
  it('runs the inline workflow as a child run with its input; the child output is the step output', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('parent')
        .node('prep', 'transform', { value: { n: '{{ input.start + 1 }}' } })
        .node('sub', 'subworkflow', {
          workflow: doubler,
          input: { n: '{{ steps.prep.output.n }}', who: 'parent' },
        })
        .node('after', 'transform', { value: '{{ steps.sub.output.doubled }}' })
        .chain('prep', 'sub', 'after')
        .build(),
      { start: 20 },
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('sub').output).toEqual({ doubled: 42, from: 'parent' });
    expect(view.run.output).toBe(42);
    // The child's templates are left for the child run: the parent renders only `input`.
    expect(view.attempt('sub').input).toMatchObject({ input: { n: 21, who: 'parent' }, workflow: doubler });

    const children = await t.childRuns(view.run.id);
    expect(children).toHaveLength(1);
    const child = children[0];
    expect(child).toMatchObject({
      parentRunId: view.run.id,
      parentStepId: 'sub',
      status: 'succeeded',
      input: { n: 21, who: 'parent' },
    });
    const childView = await t.inspect(child?.id ?? '');
    expect(childView.statuses).toEqual({ double: 'succeeded', describe: 'succeeded' });
    expect(childView.run.output).toEqual({ doubled: 42, from: 'parent' });
  });

  it("gives the child the parent's run input when no input is set", async () => {
    const t = createTestEngine();
    const view = await t.run(workflow('inherit').node('sub', 'subworkflow', { workflow: doubler }).build(), {
      n: 5,
      who: 'run',
    });
    expect(view.run.output).toEqual({ doubled: 10, from: 'run' });
  });

  it('accepts the child workflow in YAML, and passes a per-run model override on to it', async () => {
    const t = createTestEngine({ model: [{ text: 'child says hi' }] });
    const view = await t.run(
      `
name: parent
nodes:
  - id: sub
    type: subworkflow
    params:
      input: "{{ input }}"
      workflow:
        name: child
        nodes:
          - { id: ask, type: llm, params: { prompt: "Greet {{ input }}", model: "child:default" } }
`,
      'Ada',
      { model: 'override:model' },
    );
    expect(view.run.output).toBe('child says hi');
    expect(t.model?.requests.map((r) => [r.model, r.messages[0]?.content])).toEqual([
      ['override:model', 'Greet Ada'],
    ]);
    const [child] = await t.childRuns(view.run.id);
    expect(child?.options).toEqual({ model: 'override:model' });
  });

  it('fails the step (without retrying) when the child run fails, and keeps the failed child run', async () => {
    const t = createTestEngine({ nodes: testNodeTypes });
    const broken = {
      name: 'broken',
      nodes: [
        { id: 'ok', type: 'transform', params: { value: 1 } },
        { id: 'bad', type: 'test.fail', params: { retryable: false } },
      ],
      edges: [{ from: 'ok', to: 'bad' }],
    };
    const view = await t.run({
      name: 'parent',
      nodes: [
        {
          id: 'sub',
          type: 'subworkflow',
          params: { workflow: broken },
          retry: { maxAttempts: 3, initialDelayMs: 10 },
        },
      ],
    });
    expect(view.run.status).toBe('failed');
    expect(view.step('sub').attempts).toHaveLength(1);
    expect(view.attempt('sub').error).toMatchObject({ code: 'NODE_FAILED', retryable: false });
    expect(view.attempt('sub').error?.message).toMatch(
      /Sub-workflow run '.+' failed: Step 'bad' failed: boom on attempt 1/,
    );
    const [child] = await t.childRuns(view.run.id);
    expect(child?.status).toBe('failed');
    expect((await t.inspect(child?.id ?? '')).statuses).toEqual({ ok: 'succeeded', bad: 'failed' });
  });

  it.each([
    {
      name: 'a schema problem',
      child: { name: 'c', nodes: [] },
      message: /params\.workflow\.nodes: a workflow needs at least one node/,
    },
    {
      name: 'an unknown node type',
      child: { name: 'c', nodes: [{ id: 'x', type: 'transfrom' }] },
      message: /nodes\[0\]\.type: unknown node type 'transfrom' \(did you mean 'transform'\?\)/,
    },
  ])('fails the step with INVALID_WORKFLOW on $name in the child', async ({ child, message }) => {
    const t = createTestEngine();
    const view = await t.run(workflow('parent').node('sub', 'subworkflow', { workflow: child }).build());
    expect(view.run.status).toBe('failed');
    expect(view.attempt('sub').error).toMatchObject({ code: 'INVALID_WORKFLOW', retryable: false });
    expect(view.attempt('sub').error?.message).toMatch(message);
  });
});

describe('subworkflow: a child that waits', () => {
  it('suspends the parent step, and resuming the child continues the parent', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('parent')
        .node('sub', 'subworkflow', {
          workflow: { name: 'approval', nodes: [{ id: 'ask', type: 'wait', params: { message: 'ok?' } }] },
        })
        .node('after', 'transform', { value: 'approved: {{ steps.sub.output.ok }}' })
        .chain('sub', 'after')
        .build(),
    );
    expect(view.run.status).toBe('waiting');
    expect(view.statuses).toEqual({ sub: 'waiting' });
    const childId = `${view.run.id}.sub`;
    const child = await t.engine.resumeStep(childId, 'ask', { output: { ok: true } });
    expect(child.status).toBe('succeeded');
    await expect.poll(async () => (await t.store.getRun(view.run.id))?.status).toBe('succeeded');
    expect((await t.store.getRun(view.run.id))?.output).toBe('approved: true');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, workflow, type Json } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createIoNodes } from '../index.ts';

const sandbox = createSandbox();
afterAll(() => sandbox.close());

function setup() {
  return createTestEngine({ nodes: createIoNodes({ egress: createEgressClient(), sandbox }) });
}

describe('code node', () => {
  it.each<{ name: string; params: Record<string, unknown>; input: Json; output: Json }>([
    {
      name: 'returns a value computed from params.input',
      params: { code: 'return input.a * 2', input: { a: '{{ input.n }}' } },
      input: { n: 21 },
      output: 42,
    },
    {
      name: 'defaults input to the run input at a start node',
      params: { code: 'return input.xs.length' },
      input: { xs: [1, 2, 3] },
      output: 3,
    },
    {
      name: 'awaits promises',
      params: { code: 'const v = await Promise.resolve(input); return v + 1' },
      input: 1,
      output: 2,
    },
    {
      name: 'lets user code declare its own input',
      params: { code: 'const input = 5; return input' },
      input: 1,
      output: 5,
    },
    { name: 'turns undefined into null', params: { code: 'return undefined' }, input: null, output: null },
  ])('$name', async ({ params, input, output }) => {
    const view = await setup().run(workflow('c').node('js', 'code', params).build(), input);
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual(output);
  });

  it("reads its predecessor's output, earlier steps and state as copies", async () => {
    const view = await setup().run(
      workflow('c')
        .node('first', 'transform', { value: { n: 2 } })
        .node('js', 'code', {
          code: 'input.n = 99; return { n: input.n, first: steps.first.output.n, state }',
        })
        .node('after', 'transform', { value: '{{ steps.first.output.n }}' })
        .chain('first', 'js', 'after')
        .build(),
    );
    expect(view.attempt('js').output).toEqual({ n: 99, first: 2, state: {} });
    // The code changed its copy only.
    expect(view.run.output).toBe(2);
  });

  it('puts console output in the step log, also when the code fails', async () => {
    const t = setup();
    const ok = await t.run(
      workflow('c')
        .node('js', 'code', { code: 'console.log("hi", { a: 1 }); console.warn("careful"); return 1' })
        .build(),
    );
    expect(ok.eventsOf('log', 'js').map((e) => e.data)).toEqual([
      { level: 'log', message: 'hi {"a":1}' },
      { level: 'warn', message: 'careful' },
    ]);
    const failed = await t.run(
      workflow('c').node('js', 'code', { code: 'console.error("before"); throw new Error("boom")' }).build(),
    );
    expect(failed.run.status).toBe('failed');
    expect(failed.attempt('js').error?.message).toBe('Error: boom');
    expect(failed.eventsOf('log', 'js').map((e) => e.data)).toEqual([{ level: 'error', message: 'before' }]);
  });

  it('maps NonRetryableError and RetryAfterError thrown by user code to the engine’s', async () => {
    const t = setup();
    const hard = await t.run(
      workflow('c')
        .node('js', 'code', { code: 'throw new NonRetryableError("no way")' }, { retry: { maxAttempts: 3 } })
        .build(),
    );
    expect(hard.step('js').attempts).toHaveLength(1);
    expect(hard.attempt('js').error).toMatchObject({
      code: 'NON_RETRYABLE',
      message: 'no way',
      retryable: false,
    });

    const start = t.clock.now();
    const later = await t.run(
      workflow('c')
        .node(
          'js',
          'code',
          { code: 'if (state.done) return 1; throw new RetryAfterError("later", 4000)' },
          { retry: { maxAttempts: 2 } },
        )
        .build(),
    );
    expect(later.step('js').attempts[0]?.error).toMatchObject({
      code: 'RETRY_AFTER',
      details: { retryAfterMs: 4000 },
    });
    expect(t.clock.now() - start).toBeGreaterThanOrEqual(4000);
  });

  it('never treats its code as a template', async () => {
    const view = await setup().run(
      workflow('c').node('js', 'code', { code: 'return "{{ 6 * 7 }}"' }).build(),
    );
    expect(view.run.output).toBe('{{ 6 * 7 }}');
  });

  it('reports a syntax error without retrying', async () => {
    const view = await setup().run(
      workflow('c')
        .node('js', 'code', { code: 'return (' }, { retry: { maxAttempts: 3 } })
        .build(),
    );
    expect(view.run.status).toBe('failed');
    expect(view.step('js').attempts).toHaveLength(1);
    expect(view.attempt('js').error?.message).toMatch(/SyntaxError/);
  });

  it('caps its limits', async () => {
    await expect(
      setup().run(
        workflow('c')
          .node('js', 'code', { code: 'return 1', timeoutMs: 10 * 60_000 })
          .build(),
      ),
    ).rejects.toThrow(/params\.timeoutMs/);
  });

  it('stops running code when the run is cancelled, and keeps working after', async () => {
    const t = setup();
    const { run, done } = await t.engine.startRun({
      workflow: workflow('c').node('js', 'code', { code: 'while (true) {}', timeoutMs: 20_000 }).build(),
    });
    await expect
      .poll(async () => (await t.store.getSteps(run.id)).find((s) => s.stepId === 'js')?.status, {
        timeout: 5000,
      })
      .toBe('running');
    const started = Date.now();
    await t.engine.cancel(run.id);
    expect((await done).status).toBe('cancelled');
    const after = await t.run(workflow('c').node('js', 'code', { code: 'return 7' }).build());
    expect(after.run.output).toBe(7);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

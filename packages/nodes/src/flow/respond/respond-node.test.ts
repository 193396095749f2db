import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

describe('respond node', () => {
  it('outputs the response a sync webhook or a chat answers with, rendered, and the run goes on', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('reply')
        .node('reply', 'respond', { status: 201, headers: { 'x-id': '{{ input.id }}' }, body: { ok: true, id: '{{ input.id }}' } })
        .node('after', 'transform', { value: 'still running after the reply' })
        .chain('reply', 'after')
        .build(),
      { id: 7 },
    );
    expect(view.attempt('reply').output, JSON.stringify(view.step('reply'))).toEqual({ status: 201, headers: { 'x-id': '7' }, body: { ok: true, id: 7 } });
    expect(view.run.output).toBe('still running after the reply');
  });

  it.each([
    [{ status: 99 }, 'status'],
    [{ status: 200, headers: { a: { b: 1 } } }, 'headers'],
  ])('refuses bad params %j at validation', async (params, path) => {
    const t = createTestEngine();
    await expect(t.run(workflow('bad').node('reply', 'respond', params).build())).rejects.toThrow(new RegExp(`nodes\\[0\\]\\.params\\.${path}`));
  });

  it('defaults to 200 with no headers and a null body', async () => {
    const t = createTestEngine();
    const view = await t.run(workflow('empty').node('reply', 'respond', {}).build());
    expect(view.run.output).toEqual({ status: 200, headers: {}, body: null });
  });
});

import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { json, presetEngine } from '../shared/test-support.ts';

const LABELS = [{ name: 'bug', description: 'Something is broken' }, { name: 'feature' }, 'question'];

/** classify → one transform per port, each outputting its port's name. */
function routed(params: Record<string, unknown>, ports: string[]) {
  const builder = workflow('triage').node('sort', 'classify', { text: '{{ input }}', labels: LABELS, ...params });
  for (const port of ports) builder.node(`on_${port}`, 'transform', { value: port }).edge('sort', `on_${port}`, port);
  return builder.build();
}

describe('classify', () => {
  it('picks one label, takes its port and out, and skips the other labels', async () => {
    const t = presetEngine([json({ labels: ['bug'], confidence: 0.92 })]);
    const view = await t.run(routed({}, ['out', 'bug', 'feature', 'question']), 'The export button crashes the app.');
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('sort').output).toEqual({ labels: ['bug'], label: 'bug', confidence: 0.92 });
    expect(view.step('sort').ports).toEqual(['out', 'bug']);
    expect(view.statuses).toMatchObject({ on_out: 'succeeded', on_bug: 'succeeded', on_feature: 'skipped', on_question: 'skipped' });
    const request = t.model?.requests[0];
    expect(request?.system).toContain('- bug: Something is broken\n- feature\n- question');
    expect(request?.temperature).toBe(0);
    expect(request?.responseFormat?.schema).toMatchObject({
      properties: { labels: { items: { enum: ['bug', 'feature', 'question'] }, minItems: 1, maxItems: 1 } },
    });
  });

  it('with multiLabel takes every chosen label, in the order of the list', async () => {
    const t = presetEngine([json({ labels: ['question', 'bug'], confidence: 0.7 })]);
    const view = await t.run(routed({ multiLabel: true }, ['bug', 'feature', 'question', 'none']), 'Is it a bug that export crashes?');
    expect(view.attempt('sort').output).toEqual({ labels: ['bug', 'question'], label: 'bug', confidence: 0.7 });
    expect(view.step('sort').ports).toEqual(['out', 'bug', 'question']);
    expect(view.statuses).toMatchObject({ on_bug: 'succeeded', on_question: 'succeeded', on_feature: 'skipped', on_none: 'skipped' });
  });

  it('with multiLabel takes none when no label applies', async () => {
    const t = presetEngine([json({ labels: [], confidence: 0.8 })]);
    const view = await t.run(routed({ multiLabel: true }, ['bug', 'none']), 'Thanks, great work!');
    expect(view.attempt('sort').output).toEqual({ labels: [], label: null, confidence: 0.8 });
    expect(view.statuses).toMatchObject({ on_bug: 'skipped', on_none: 'succeeded' });
  });

  it('sends back a label that is not in the list', async () => {
    const t = presetEngine([json({ labels: ['complaint'], confidence: 0.5 }), json({ labels: ['feature'], confidence: 0.6 })]);
    const view = await t.run(routed({}, ['feature']), 'Please add dark mode');
    expect(view.attempt('sort').output).toMatchObject({ label: 'feature' });
    expect(t.model?.requests[1]?.messages[2]?.content).toMatch(/labels\.0: .*"bug"\|"feature"\|"question"/);
  });

  it('derives its ports from the labels, like switch', async () => {
    const t = presetEngine([]);
    const definition = t.registry.get('classify');
    expect(definition?.outputs).toBeTypeOf('function');
    const outputs = definition?.outputs as (p: Record<string, unknown>) => string[];
    expect(outputs({ labels: LABELS })).toEqual(['out', 'bug', 'feature', 'question']);
    expect(outputs({ labels: ['a', 'b'], multiLabel: true })).toEqual(['out', 'a', 'b', 'none']);
    expect(outputs({ labels: '{{ input.labels }}' })).toEqual(['out']);
    expect(outputs({ labels: [null, { name: 7 }, 'ok'] })).toEqual(['out', 'ok']);
  });

  it.each([
    { name: 'an edge to a port that is not a label', params: {}, ports: ['refund'], path: 'edges[0].port' },
    { name: 'a label named like a reserved port', params: { labels: ['out', 'b'] }, ports: [], path: 'nodes[0].params.labels[0]' },
    { name: 'a duplicate label', params: { labels: ['a', 'a'] }, ports: [], path: 'nodes[0].params.labels[1]' },
    { name: 'a single label without multiLabel', params: { labels: ['a'] }, ports: [], path: 'nodes[0].params.labels' },
  ])('rejects $name at validation', async ({ params, ports, path }) => {
    const t = presetEngine([]);
    const error = await t.run(routed(params, ports)).catch((e: unknown) => e);
    const problems = (error as { problems?: { path: string }[] }).problems ?? [];
    expect(problems.map((p) => p.path)).toContain(path);
  });
});

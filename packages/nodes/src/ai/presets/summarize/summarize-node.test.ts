import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { json, presetEngine, usage } from '../shared/test-support.ts';

const ARTICLE =
  'The council approved the new bike lanes on Tuesday after a two-hour debate. Work starts in March and costs 2.1 million euros. Shop owners on Main Street objected to losing parking.';

const summarize = (params: Record<string, unknown>) =>
  workflow('sum').node('sum', 'summarize', { text: '{{ input.article }}', ...params }).build();

describe('summarize', () => {
  it('writes a paragraph by default, with the text quoted and model and usage recorded', async () => {
    const t = presetEngine([json({ summary: 'The council approved bike lanes costing €2.1M; shops objected.' }, usage(120, 20, 0.0001))]);
    const view = await t.run(summarize({ model: 'openai:gpt-4o-mini' }), { article: ARTICLE });
    expect(view.run.output).toEqual({ summary: 'The council approved bike lanes costing €2.1M; shops objected.' });
    const request = t.model?.requests[0];
    expect(request?.system).toContain('one or two short paragraphs');
    expect(request?.messages[0]?.content).toContain(`<text>\n${ARTICLE}\n</text>`);
    expect(request?.responseFormat?.schema).toMatchObject({ required: ['summary'], additionalProperties: false });
    expect(view.attempt('sum')).toMatchObject({ model: 'openai:gpt-4o-mini', usage: usage(120, 20, 0.0001) });
  });

  it('gives bullets as a list and as "- " lines, dropping markers the model repeats', async () => {
    const t = presetEngine([json({ bullets: ['- Bike lanes approved', '• Work starts in March', '3. Costs €2.1M'] })]);
    const view = await t.run(summarize({ style: 'bullets' }), { article: ARTICLE });
    expect(view.run.output).toEqual({
      summary: '- Bike lanes approved\n- Work starts in March\n- Costs €2.1M',
      bullets: ['Bike lanes approved', 'Work starts in March', 'Costs €2.1M'],
    });
    expect(t.model?.requests[0]?.system).toContain('bullet points');
  });

  it('asks for a one-sentence TL;DR with a focus and extra instructions', async () => {
    const t = presetEngine([json({ summary: 'Bike lanes approved.' })]);
    await t.run(summarize({ style: 'tldr', focus: 'costs', instructions: 'Write for a newsletter.' }), { article: ARTICLE });
    const system = t.model?.requests[0]?.system ?? '';
    expect(system).toContain('one-sentence TL;DR');
    expect(system).toContain('Focus on: costs.');
    expect(system).toMatch(/Additional instructions: Write for a newsletter\.$/);
  });

  it('sends an answer far over maxWords back to be shortened, and allows a little slack', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const t = presetEngine([json({ summary: long }), json({ summary: 'one two three four five six seven eight nine ten eleven' })]);
    const view = await t.run(summarize({ maxWords: 10 }), { article: ARTICLE });
    expect(view.run.output).toEqual({ summary: 'one two three four five six seven eight nine ten eleven' });
    expect(t.model?.requests[0]?.system).toContain('at most 10 words');
    expect(t.model?.requests[1]?.messages[2]?.content).toContain('the summary has 30 words but may have at most 10');
  });

  it('sends back an empty summary', async () => {
    const t = presetEngine([json({ summary: '  ' }), json({ summary: 'Bike lanes approved.' })]);
    const view = await t.run(summarize({}), { article: ARTICLE });
    expect(view.run.output).toEqual({ summary: 'Bike lanes approved.' });
    expect(t.model?.requests[1]?.messages[2]?.content).toContain('the summary is empty');
  });

  it.each([
    { name: 'an empty text', params: { text: '' }, path: 'nodes[0].params.text' },
    { name: 'an unknown style', params: { text: 'x', style: 'haiku' }, path: 'nodes[0].params.style' },
    { name: 'maxWords of 0', params: { text: 'x', maxWords: 0 }, path: 'nodes[0].params.maxWords' },
  ])('rejects $name at validation', async ({ params, path }) => {
    const t = presetEngine([]);
    const error = await t.run(workflow('bad').node('sum', 'summarize', params).build()).catch((e: unknown) => e);
    expect((error as { problems?: unknown }).problems).toEqual([{ path, message: expect.any(String) }]);
  });
});

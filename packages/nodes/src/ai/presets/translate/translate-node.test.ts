import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { json, presetEngine, usage } from '../shared/test-support.ts';

const translate = (params: Record<string, unknown>) =>
  workflow('tr').node('tr', 'translate', { text: '{{ input }}', ...params }).build();

describe('translate', () => {
  it('translates, reporting the language it detected', async () => {
    const t = presetEngine([json({ translation: 'Where is the station?', from: 'German' }, usage(40, 9))]);
    const view = await t.run(translate({ to: 'English', model: 'ollama:llama3.2' }), 'Wo ist der Bahnhof?');
    expect(view.run.output).toEqual({ translation: 'Where is the station?', from: 'German' });
    const request = t.model?.requests[0];
    expect(request?.system).toContain('You translate text into English.');
    expect(request?.system).toContain('identify the language');
    expect(request?.messages[0]?.content).toContain('<text>\nWo ist der Bahnhof?\n</text>');
    expect(view.attempt('tr')).toMatchObject({ model: 'ollama:llama3.2', usage: usage(40, 9) });
  });

  it('keeps the given source language in the output', async () => {
    const t = presetEngine([json({ translation: 'Bonjour {{name}}', from: 'en' })]);
    const view = await t.run(translate({ to: 'fr', from: 'English' }), 'Hello {{name}}');
    expect(view.run.output).toEqual({ translation: 'Bonjour {{name}}', from: 'English' });
    expect(t.model?.requests[0]?.system).toContain('The text is in English.');
  });

  it('does not evaluate templates in the text it is given', async () => {
    const t = presetEngine([json({ translation: 'x', from: 'English' })]);
    await t.run(translate({ to: 'German' }), '{{ env.SECRET }}');
    expect(t.model?.requests[0]?.messages[0]?.content).toContain('{{ env.SECRET }}');
  });

  it('requires a target language', async () => {
    const t = presetEngine([]);
    const error = await t.run(translate({})).catch((e: unknown) => e);
    expect((error as { problems?: unknown }).problems).toEqual([{ path: 'nodes[0].params.to', message: expect.any(String) }]);
  });
});

import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import type { ScriptedReply } from '@weft/engine/testing';
import { createTestEngine } from '../../testing/index.ts';
import { memoryNodes } from './index.ts';

const history = [
  { role: 'user', content: 'Hi, I am Ada and I live in Oslo.' },
  { role: 'assistant', content: 'Hello Ada! How can I help?' },
  { role: 'user', content: 'I want a vegetarian recipe.' },
  { role: 'assistant', content: 'How about a lentil curry?' },
  { role: 'user', content: 'Sounds good, for four people please.' },
];

const memory = (params: Record<string, unknown> = {}) => workflow('chat').node('memory', 'memory', params).build();

function engine(replies: ScriptedReply[] = []) {
  return createTestEngine({ model: replies, nodes: memoryNodes });
}

describe('memory: window', () => {
  it('keeps the last N messages of input.history and renders them as a transcript, without the model', async () => {
    const t = engine();
    const view = await t.run(memory({ window: 2 }), { history, message: 'And a dessert?' });
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual({
      messages: history.slice(-2),
      text: 'Assistant: How about a lentil curry?\nUser: Sounds good, for four people please.',
    });
    expect(t.model?.requests).toEqual([]);
  });

  it('takes an explicit history and treats a missing one as empty', async () => {
    const t = engine();
    const explicit = await t.run(memory({ history: '{{ input.previous }}', window: 1 }), { previous: history });
    expect(explicit.run.output).toMatchObject({ messages: [history[4]] });
    const none = await t.run(memory(), { message: 'first message' });
    expect(none.run.output).toEqual({ messages: [], text: '' });
  });

  it('fails clearly on a malformed input.history', async () => {
    const t = engine();
    const view = await t.run(memory(), { history: [{ role: 'robot', content: 'x' }] as Json });
    expect(view.run.status).toBe('failed');
    expect(view.attempt('memory').error).toMatchObject({ code: 'NON_RETRYABLE', message: expect.stringContaining('input.history') });
  });
});

describe('memory: summary', () => {
  it('summarises only the older messages with the model and keeps the last N verbatim', async () => {
    const t = engine([{ text: '{"summary": "Ada from Oslo wants a vegetarian recipe."}' }]);
    const view = await t.run(memory({ strategy: 'summary', window: 2, maxSummaryWords: 40, model: 'openai:gpt-4o-mini' }), {
      history,
    });
    expect(view.run.output).toEqual({
      messages: history.slice(-2),
      summary: 'Ada from Oslo wants a vegetarian recipe.',
      text:
        'Summary of the earlier conversation: Ada from Oslo wants a vegetarian recipe.\n\n' +
        'Assistant: How about a lentil curry?\nUser: Sounds good, for four people please.',
    });
    const request = t.model?.requests[0];
    expect(request?.model).toBe('openai:gpt-4o-mini');
    expect(request?.system).toContain('at most 40 words');
    const prompt = request?.messages[0]?.content ?? '';
    expect(prompt).toContain('User: Hi, I am Ada and I live in Oslo.\nAssistant: Hello Ada! How can I help?\nUser: I want a vegetarian recipe.');
    expect(prompt).not.toContain('lentil');
    expect(view.attempt('memory').model).toBe('openai:gpt-4o-mini');
    expect(view.attempt('memory').usage?.totalTokens).toBeGreaterThan(0);
  });

  it('does not call the model when the whole history fits in the window', async () => {
    const t = engine();
    const view = await t.run(memory({ strategy: 'summary', window: 10 }), { history });
    expect(view.run.output).toEqual({ messages: history, text: expect.stringMatching(/^User: Hi, I am Ada/) });
    expect(t.model?.requests).toEqual([]);
  });

  it('sends a summary over the word limit back to be shortened', async () => {
    const long = Array.from({ length: 30 }, () => 'word').join(' ');
    const t = engine([{ text: JSON.stringify({ summary: long }) }, { text: '{"summary": "Ada wants a recipe."}' }]);
    const view = await t.run(memory({ strategy: 'summary', window: 1, maxSummaryWords: 10 }), { history });
    expect(view.run.output).toMatchObject({ summary: 'Ada wants a recipe.' });
    expect(t.model?.requests[1]?.messages.at(-1)?.content).toContain('the summary has 30 words but may have at most 10');
  });
});

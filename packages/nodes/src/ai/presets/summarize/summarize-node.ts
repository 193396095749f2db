import { defineNode, type JsonObject, type NodeResult } from '@weft/engine';
import { z } from 'zod';
import { presetModelParams, presetText, systemPrompt } from '../shared/params.ts';
import { askStructured, quoted } from '../shared/structured-ask.ts';

const STYLES = {
  paragraph: 'Write the summary as one or two short paragraphs of plain prose.',
  bullets: 'Write the summary as a list of short bullet points, one fact or point each.',
  tldr: 'Write a one-sentence TL;DR: the single most important point.',
} as const;

/** A summary over the word limit by more than this share is sent back (models overshoot a little). */
const WORD_LIMIT_SLACK = 0.1;

/** Summarizes text as a paragraph, bullet points or a one-line TL;DR. */
export const summarizeNode = defineNode({
  type: 'summarize',
  version: 1,
  category: 'ai',
  title: 'Summarize',
  description:
    'Summarizes `text` with a model. `style`: `paragraph` (default), `bullets` or `tldr`; `maxWords` caps the length (an answer more than 10% over is sent back to be shortened). Output: `{ summary }` (for bullets also `bullets`, the list, with `summary` as "- " lines). Model, tokens and cost are recorded on the step.',
  params: z.object({
    text: presetText,
    style: z.enum(['paragraph', 'bullets', 'tldr']).default('paragraph'),
    maxWords: z.number().int().positive().optional().describe('Longest summary, in words.'),
    focus: z.string().optional().describe('What the summary should concentrate on, e.g. "decisions and owners".'),
    ...presetModelParams,
  }),
  example: { text: '{{ steps.fetch.output.body }}', style: 'bullets', maxWords: 80, model: 'openai:gpt-4o-mini' },
  async run(ctx): Promise<NodeResult> {
    const { text, style, maxWords, focus } = ctx.params;
    const bullets = style === 'bullets';
    const schema: JsonObject = bullets
      ? {
          type: 'object',
          properties: { bullets: { type: 'array', items: { type: 'string' }, minItems: 1 } },
          required: ['bullets'],
          additionalProperties: false,
        }
      : { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false };
    const task = [
      'You summarize text faithfully: keep the facts, names and numbers that matter, add nothing that is not in the text.',
      STYLES[style],
      maxWords ? `Use at most ${maxWords} words in total.` : '',
      focus ? `Focus on: ${focus}.` : '',
      `Answer with JSON only: ${bullets ? '{"bullets": ["…", "…"]}' : '{"summary": "…"}'}. Write in the language of the text.`,
    ].filter(Boolean).join(' ');
    const answer = (await askStructured(ctx, {
      model: ctx.params.model,
      system: systemPrompt(task, ctx.params.instructions),
      prompt: `Summarize this text.\n\n${quoted('text', text)}`,
      schema,
      temperature: ctx.params.temperature,
      maxTokens: ctx.params.maxTokens,
      retries: ctx.params.schemaRetries,
      check: (value) => {
        const words = countWords(textOf(value as { summary?: string; bullets?: string[] }));
        if (words === 0) return 'the summary is empty';
        const limit = maxWords === undefined ? undefined : Math.ceil(maxWords * (1 + WORD_LIMIT_SLACK));
        return limit !== undefined && words > limit ? `the summary has ${words} words but may have at most ${maxWords}` : undefined;
      },
    })) as { summary?: string; bullets?: string[] };
    if (!bullets) return { output: { summary: answer.summary ?? '' } };
    // Models often repeat the bullet marker inside the item: keep the text only.
    const list = (answer.bullets ?? []).map((b) => b.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim()).filter(Boolean);
    return { output: { summary: list.map((b) => `- ${b}`).join('\n'), bullets: list } };
  },
});

function textOf(answer: { summary?: string; bullets?: string[] }): string {
  return answer.summary ?? (answer.bullets ?? []).join(' ');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

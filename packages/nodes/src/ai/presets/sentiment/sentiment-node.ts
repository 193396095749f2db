import { defineNode, DEFAULT_PORT, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { presetModelParams, presetText, systemPrompt } from '../shared/params.ts';
import { askStructured, quoted } from '../shared/structured-ask.ts';

const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
type Sentiment = (typeof SENTIMENTS)[number];

/** Rates the sentiment of text; routes to a `positive`, `neutral` or `negative` port. */
export const sentimentNode = defineNode({
  type: 'sentiment',
  version: 1,
  category: 'ai',
  title: 'Sentiment',
  description:
    'Rates the sentiment of `text` with a model. Output: `{ sentiment, score }` — sentiment is positive, neutral or negative; score runs from -1 (very negative) to 1 (very positive). Ports: `positive`, `neutral`, `negative` (the one matching the sentiment) to branch on, and `out`, always taken.',
  params: z.object({
    text: presetText,
    ...presetModelParams,
    temperature: presetModelParams.temperature.default(0),
  }),
  outputs: [DEFAULT_PORT, ...SENTIMENTS],
  example: { text: '{{ input.review }}', model: 'openai:gpt-4o-mini' },
  async run(ctx) {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        sentiment: { type: 'string', enum: [...SENTIMENTS] },
        score: { type: 'number', minimum: -1, maximum: 1 },
      },
      required: ['sentiment', 'score'],
      additionalProperties: false,
    };
    const task = [
      "You rate the sentiment of text: the writer's attitude, not the topic.",
      'sentiment is positive, neutral (also for mixed or purely factual text) or negative;',
      'score runs from -1 (very negative) through 0 (neutral) to 1 (very positive) and agrees with the sentiment.',
      'Answer with JSON only: {"sentiment": "…", "score": 0.0}.',
    ].join(' ');
    const answer = (await askStructured(ctx, {
      model: ctx.params.model,
      system: systemPrompt(task, ctx.params.instructions),
      prompt: `Rate the sentiment of this text.\n\n${quoted('text', ctx.params.text)}`,
      schema,
      temperature: ctx.params.temperature,
      maxTokens: ctx.params.maxTokens,
      retries: ctx.params.schemaRetries,
      check: (value) => {
        const { sentiment, score } = value as { sentiment: Sentiment; score: number };
        const agrees = sentiment === 'positive' ? score > 0 : sentiment === 'negative' ? score < 0 : Math.abs(score) <= 0.5;
        return agrees ? undefined : `a ${sentiment} sentiment cannot have the score ${score}`;
      },
    })) as { sentiment: Sentiment; score: number };
    return { output: { sentiment: answer.sentiment, score: answer.score }, ports: [DEFAULT_PORT, answer.sentiment] };
  },
});

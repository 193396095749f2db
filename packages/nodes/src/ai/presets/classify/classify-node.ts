import { defineNode, DEFAULT_PORT, ERROR_PORT, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { presetModelParams, presetText, systemPrompt } from '../shared/params.ts';
import { askStructured, quoted } from '../shared/structured-ask.ts';

/** Port taken when, with `multiLabel`, no label applies. */
export const NO_LABEL_PORT = 'none';
const RESERVED = new Set([DEFAULT_PORT, ERROR_PORT, NO_LABEL_PORT]);

const labelSchema = z.union([
  z.string().min(1).transform((name): { name: string; description?: string } => ({ name })),
  z.object({ name: z.string().min(1), description: z.string().optional() }).strict(),
]);

/** Sorts text into one (or several) of the given labels; each label is an output port to branch on. */
export const classifyNode = defineNode({
  type: 'classify',
  version: 1,
  category: 'ai',
  title: 'Classify',
  description:
    'Sorts `text` into one of `labels` (each a name, or `{ name, description }` to say what it means) with a model; with `multiLabel: true` into every label that applies, possibly none. Output: `{ labels, label, confidence }` (`label` is the first chosen label or null; `confidence` is the model\'s own 0–1 estimate). Ports: one per label, taken when that label is chosen — branch on them as with `switch`; `none` when no label applies (multi-label only); and `out`, always taken, for steps that need the result whatever it is.',
  params: z
    .object({
    text: presetText,
    labels: z
      .array(labelSchema)
      .min(1)
      .superRefine((labels, issues) => {
        const seen = new Set<string>();
        for (const [i, { name }] of labels.entries()) {
          if (RESERVED.has(name)) issues.addIssue({ code: 'custom', path: [i], message: `'${name}' is a reserved port name; rename the label` });
          if (seen.has(name)) issues.addIssue({ code: 'custom', path: [i], message: `label '${name}' appears twice` });
          seen.add(name);
        }
      }),
    multiLabel: z.boolean().default(false),
    ...presetModelParams,
    temperature: presetModelParams.temperature.default(0),
  })
    .refine((p) => p.multiLabel || p.labels.length >= 2, { message: 'give at least two labels (or set multiLabel)', path: ['labels'] }),
  outputs: (params) => {
    // Raw params, maybe invalid or a template: take what names there are, never throw.
    const raw: unknown[] = Array.isArray(params['labels']) ? params['labels'] : [];
    const names = raw
      .map((l) => (typeof l === 'string' ? l : typeof l === 'object' && l !== null ? (l as { name?: unknown }).name : undefined))
      .filter((n): n is string => typeof n === 'string' && n.length > 0 && !RESERVED.has(n));
    return [DEFAULT_PORT, ...new Set(names), ...(params['multiLabel'] === true ? [NO_LABEL_PORT] : [])];
  },
  example: {
    text: '{{ input.body }}',
    labels: [
      { name: 'bug', description: 'Something is broken or behaves wrongly' },
      { name: 'feature', description: 'A request for something new' },
      { name: 'question' },
    ],
  },
  async run(ctx) {
    const { text, labels, multiLabel } = ctx.params;
    const names = labels.map((l) => l.name);
    const choice = { type: 'string', enum: names };
    const schema: JsonObject = {
      type: 'object',
      properties: {
        labels: { type: 'array', items: choice, ...(multiLabel ? {} : { minItems: 1, maxItems: 1 }) },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['labels', 'confidence'],
      additionalProperties: false,
    };
    const list = labels.map((l) => `- ${l.name}${l.description ? `: ${l.description}` : ''}`).join('\n');
    const task = [
      multiLabel
        ? 'You classify text: choose every label below that applies (none, if none does).'
        : 'You classify text: choose the one label below that fits best.',
      `Labels:\n${list}`,
      'Use the label names exactly as written. Also give your confidence in the answer, from 0 to 1.',
      `Answer with JSON only: {"labels": [${multiLabel ? '"…", …' : '"…"'}], "confidence": 0.9}.`,
    ].join('\n');
    const answer = (await askStructured(ctx, {
      model: ctx.params.model,
      system: systemPrompt(task, ctx.params.instructions),
      prompt: `Classify this text.\n\n${quoted('text', text)}`,
      schema,
      temperature: ctx.params.temperature,
      maxTokens: ctx.params.maxTokens,
      retries: ctx.params.schemaRetries,
      check: (value) => {
        const chosen = (value as { labels: string[] }).labels;
        const unknown = chosen.filter((l) => !names.includes(l));
        if (unknown.length) return `${unknown.map((l) => `'${l}'`).join(', ')} is not one of the labels ${names.join(', ')}`;
        return !multiLabel && chosen.length !== 1 ? 'choose exactly one label' : undefined;
      },
    })) as { labels: string[]; confidence: number };
    const chosen = names.filter((name) => answer.labels.includes(name));
    return {
      output: { labels: chosen, label: chosen[0] ?? null, confidence: answer.confidence },
      ports: [DEFAULT_PORT, ...(chosen.length ? chosen : [NO_LABEL_PORT])],
    };
  },
});

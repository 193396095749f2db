import { defineNode, NonRetryableError, type Json, type JsonObject, type ModelMessage } from '@weft/engine';
import { z } from 'zod';
import { jsonSchemaProblem, structuredOutputChecker } from './structured-output.ts';

/** Sends a prompt to a model; with `schema`, returns a validated object. */
export const llmNode = defineNode({
  type: 'llm',
  version: 1,
  category: 'ai',
  title: 'LLM prompt',
  description:
    'Sends `prompt` (a template) to a model and outputs its text. With `schema` (a JSON Schema) the model is asked for JSON, the answer is validated, and when it does not match the model is asked again with the validation error, up to `schemaRetries` times; the output is then the parsed object. Tokens stream as `llm.token` events; model, tokens and cost are recorded on the step.',
  params: z.object({
    prompt: z.string().min(1),
    system: z.string().optional(),
    model: z.string().optional().describe('provider:model, e.g. openai:gpt-4o-mini. Overridden by a per-run --model.'),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    schema: z
      .record(z.string(), z.unknown())
      .superRefine((schema, issues) => {
        const problem = jsonSchemaProblem(schema as JsonObject);
        if (problem) issues.addIssue({ code: 'custom', message: `not a usable JSON Schema: ${problem}` });
      })
      .optional()
      .describe('JSON Schema the answer must match.'),
    schemaRetries: z.number().int().min(0).max(10).default(2),
  }),
  example: { prompt: 'Explain {{ input }} in one sentence.', model: 'openai:gpt-4o-mini', temperature: 0.2 },
  async run(ctx) {
    const { prompt, system, temperature, maxTokens, schemaRetries } = ctx.params;
    const schema = ctx.params.schema as JsonObject | undefined;
    const model = ctx.model.resolve(ctx.params.model);
    ctx.record.model(model);
    const check = schema ? structuredOutputChecker(schema) : undefined;
    const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    for (let attempt = 0; ; attempt++) {
      const response = await ctx.model.generate(
        {
          model,
          // A snapshot: the list grows after the call, and recorders (cassettes) keep the request.
          messages: [...messages],
          ...(system ? { system } : {}),
          ...(temperature === undefined ? {} : { temperature }),
          ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
          ...(schema ? { responseFormat: { type: 'json' as const, schema } } : {}),
          idempotencyKey: `${ctx.step.idempotencyKey}:${attempt}`,
        },
        { signal: ctx.signal, onTextDelta: (text) => ctx.emit('llm.token', { text }) },
      );
      ctx.record.model(response.model);
      ctx.record.usage(response.usage);
      if (!check) return { output: response.text };
      const result = check(response.text);
      if (result.ok) return { output: result.value };
      ctx.emit('log', {
        level: 'warn',
        message: `Answer did not match the schema (try ${attempt + 1} of ${schemaRetries + 1}): ${result.error}`,
        answer: response.text.slice(0, 2000),
      } as Json);
      if (attempt >= schemaRetries) {
        throw new NonRetryableError(`The model's answer did not match the schema after ${attempt + 1} tries: ${result.error}`);
      }
      messages.push(
        { role: 'assistant', content: response.text },
        {
          role: 'user',
          content: `Your answer did not match the required JSON Schema: ${result.error}. Reply again with only JSON that matches the schema.`,
        },
      );
    }
  },
});

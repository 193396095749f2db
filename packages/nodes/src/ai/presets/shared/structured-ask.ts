import { NonRetryableError, type Json, type JsonObject, type ModelMessage, type NodeContext } from '@weft/engine';
import { structuredOutputChecker } from '../../llm/structured-output.ts';

/**
 * One structured question to a model: a prompt, a JSON Schema the answer must match, and extra checks.
 * Keep schemas to keywords every provider's structured output accepts (type, properties, required,
 * additionalProperties, enum, anyOf, items, min/maxItems, minimum/maximum, pattern): put the rest in `check`.
 */
export interface StructuredAsk {
  /** The node's own model setting (`provider:model`); resolution is the engine's (run → node → env → default). */
  model?: string | undefined;
  system: string;
  prompt: string;
  schema: JsonObject;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  /** How many times a non-matching answer is sent back with the problem before the step fails. */
  retries: number;
  /** A problem the schema cannot express (a word limit, a label outside the list), or undefined when fine. */
  check?: (value: Json) => string | undefined;
}

/**
 * Asks the model for JSON matching `schema`, the way the `llm` node does with `schema`: tokens stream
 * as `llm.token`, model and usage are recorded on every call, and an answer that does not parse, match
 * the schema or pass `check` is sent back with the problem up to `retries` times. Returns the value.
 *
 * @example
 * const { sentiment } = (await askStructured(ctx, { system, prompt, schema, retries: 2 })) as { sentiment: string };
 */
export async function askStructured(ctx: NodeContext<unknown>, ask: StructuredAsk): Promise<Json> {
  const model = ctx.model.resolve(ask.model);
  ctx.record.model(model);
  const matchesSchema = structuredOutputChecker(ask.schema);
  const messages: ModelMessage[] = [{ role: 'user', content: ask.prompt }];
  for (let attempt = 0; ; attempt++) {
    const response = await ctx.model.generate(
      {
        model,
        system: ask.system,
        // A snapshot: the list grows after the call, and recorders (cassettes) keep the request.
        messages: [...messages],
        ...(ask.temperature === undefined ? {} : { temperature: ask.temperature }),
        ...(ask.maxTokens === undefined ? {} : { maxOutputTokens: ask.maxTokens }),
        responseFormat: { type: 'json', schema: ask.schema },
        idempotencyKey: `${ctx.step.idempotencyKey}:${attempt}`,
      },
      { signal: ctx.signal, onTextDelta: (text) => ctx.emit('llm.token', { text }) },
    );
    ctx.record.model(response.model);
    ctx.record.usage(response.usage);
    const result = matchesSchema(response.text);
    const problem = result.ok ? ask.check?.(result.value) : `it did not match the required JSON Schema: ${result.error}`;
    if (result.ok && problem === undefined) return result.value;
    ctx.emit('log', {
      level: 'warn',
      message: `The answer was not usable (try ${attempt + 1} of ${ask.retries + 1}): ${problem ?? ''}`,
      answer: response.text.slice(0, 2000),
    });
    if (attempt >= ask.retries) {
      throw new NonRetryableError(`The model's answer was not usable after ${attempt + 1} tries: ${problem ?? ''}`);
    }
    messages.push(
      { role: 'assistant', content: response.text },
      { role: 'user', content: `Your answer was not usable: ${problem ?? ''}. Reply again with only JSON that fixes this.` },
    );
  }
}

/** Puts outside text between markers, so the model treats it as material and not as instructions. */
export function quoted(label: string, text: string): string {
  return `<${label}>\n${text}\n</${label}>`;
}

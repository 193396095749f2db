import { readFileSync } from 'node:fs';
import { WeftError } from '@weft/engine';
import { z } from 'zod';

/** Price of a model in US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Prices keyed by `provider:model`. A key matches that model and its dated or suffixed versions
 * (`openai:gpt-4o` covers `openai:gpt-4o-2024-08-06`; the longest key wins), and `provider:*` matches
 * every model of a provider.
 */
export type PriceTable = Record<string, ModelPrice>;

/** List prices of common models (USD per million tokens, standard tier; estimates, check your bill). */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-5': { input: 1.25, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, output: 2 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4 },
  'openai:o3': { input: 2, output: 8 },
  'openai:o3-mini': { input: 1.1, output: 4.4 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
  'anthropic:claude-3-7-sonnet': { input: 3, output: 15 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic:claude-opus-4': { input: 15, output: 75 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75 },
  'anthropic:claude-opus-4-5': { input: 5, output: 25 },
  'google:gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'google:gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'google:gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'google:gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'google:gemini-2.5-pro': { input: 1.25, output: 10 },
  // Embedding models: input tokens only.
  'openai:text-embedding-3-small': { input: 0.02, output: 0 },
  'openai:text-embedding-3-large': { input: 0.13, output: 0 },
  'openai:text-embedding-ada-002': { input: 0.1, output: 0 },
  'google:gemini-embedding-001': { input: 0.15, output: 0 },
  'google:text-embedding-004': { input: 0, output: 0 },
  // Local models cost nothing per token.
  'ollama:*': { input: 0, output: 0 },
};

const priceFileSchema = z.record(
  z.string().regex(/^[a-z]+:.+$/, 'keys are provider:model, e.g. openai:gpt-4o-mini'),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict(),
);

/**
 * Reads a JSON price file such as `{ "openai:my-finetune": { "input": 0.3, "output": 1.2 } }`
 * (USD per million tokens). Throws a WeftError (`INVALID_INPUT`) saying what is wrong and where.
 */
export function loadPriceFile(path: string): PriceTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new WeftError('INVALID_INPUT', `Cannot read the price file ${path} (WEFT_PRICES): ${(error as Error).message}`, { cause: error });
  }
  const parsed = priceFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new WeftError('INVALID_INPUT', `The price file ${path} (WEFT_PRICES) is invalid:\n${problems}`);
  }
  return parsed.data;
}

/** The price for a canonical `provider:model`, or undefined when the table does not know it. */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  const exact = table[model];
  if (exact) return exact;
  let best: { key: string; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table)) {
    if (model.startsWith(`${key}-`) && (!best || key.length > best.key.length)) best = { key, price };
  }
  if (best) return best.price;
  const provider = model.slice(0, model.indexOf(':'));
  return table[`${provider}:*`];
}

/** Cost in USD of a call's tokens at a price. */
export function costOf(price: ModelPrice, tokens: { inputTokens: number; outputTokens: number }): number {
  return (tokens.inputTokens * price.input + tokens.outputTokens * price.output) / 1_000_000;
}

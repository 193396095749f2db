import { WeftError } from '@weft/engine';
import type { Env } from './env.ts';
import { readEnv } from './env.ts';

/** Providers Weft can call, by the prefix used in `provider:model`. */
export const PROVIDER_IDS = ['openai', 'anthropic', 'google', 'ollama'] as const;
/** One of {@link PROVIDER_IDS}. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

const ALIASES: Record<string, ProviderId> = { gemini: 'google' };

/** The documented default when nothing is configured: a local Ollama model. */
export const DEFAULT_MODEL = 'ollama:llama3.2';

/** A parsed `provider:model` reference. */
export interface ModelRef {
  provider: ProviderId;
  modelId: string;
  /** `provider:modelId` with aliases resolved (`gemini:x` → `google:x`). */
  canonical: string;
}

const KNOWN = `Known providers: ${PROVIDER_IDS.join(', ')} (alias: gemini → google).`;

/**
 * Parses `provider:model`; the model id may itself contain colons (`ollama:llama3.2:3b`).
 * Throws a WeftError (`INVALID_PARAMS`) naming the known providers when the reference is malformed.
 */
export function parseModelRef(ref: string): ModelRef {
  const trimmed = ref.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0) {
    throw new WeftError(
      'INVALID_PARAMS',
      `Model "${ref}" must be written as provider:model, e.g. openai:gpt-4o-mini or ${DEFAULT_MODEL}. ${KNOWN}`,
      { details: { model: ref } },
    );
  }
  const prefix = trimmed.slice(0, colon).toLowerCase();
  const modelId = trimmed.slice(colon + 1).trim();
  const provider = (PROVIDER_IDS as readonly string[]).includes(prefix) ? (prefix as ProviderId) : ALIASES[prefix];
  if (!provider) {
    throw new WeftError('INVALID_PARAMS', `Unknown model provider "${prefix}" in model "${ref}". ${KNOWN}`, {
      details: { model: ref, provider: prefix },
    });
  }
  if (!modelId) {
    throw new WeftError('INVALID_PARAMS', `Model "${ref}" names no model after "${prefix}:", e.g. ${prefix}:${exampleModel(provider)}.`, {
      details: { model: ref },
    });
  }
  return { provider, modelId, canonical: `${provider}:${modelId}` };
}

/**
 * The model to use when neither run nor node picks one: `WEFT_MODEL`, else the workflow's default,
 * else `ollama:llama3.2` (the documented default).
 */
export function resolveDefaultModel(env: Env = process.env, workflowDefault?: string): string {
  return readEnv(env, 'WEFT_MODEL') ?? (workflowDefault?.trim() || DEFAULT_MODEL);
}

function exampleModel(provider: ProviderId): string {
  const examples: Record<ProviderId, string> = {
    openai: 'gpt-4o-mini',
    anthropic: 'claude-sonnet-4-5',
    google: 'gemini-2.5-flash',
    ollama: 'llama3.2',
  };
  return examples[provider];
}

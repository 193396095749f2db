/** Environment variables as the providers read them (`process.env` by default). */
export type Env = Record<string, string | undefined>;

/** A variable's trimmed value, or undefined when it is unset or blank. */
export function readEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** What to set to use a model provider: the end of every "cannot reach / no key" message. */
export const CONFIGURE_PROVIDER_HELP = [
  'To choose a model provider, set WEFT_MODEL=provider:model and that provider\'s settings, for example:',
  '  OpenAI:             WEFT_MODEL=openai:gpt-4o-mini and OPENAI_API_KEY=sk-...',
  '  OpenAI-compatible:  OPENAI_BASE_URL=http://host:8000/v1 (vLLM, LM Studio, OpenRouter, Bailian; OPENAI_API_KEY if it needs one)',
  '  Anthropic:          WEFT_MODEL=anthropic:claude-sonnet-4-5 and ANTHROPIC_API_KEY=...',
  '  Google Gemini:      WEFT_MODEL=google:gemini-2.5-flash and GOOGLE_GENERATIVE_AI_API_KEY=...',
  '  Ollama (default):   run `ollama serve` and `ollama pull llama3.2`, or set OLLAMA_BASE_URL=http://host:11434',
].join('\n');

/** Drops trailing slashes. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Appends an API version segment unless the URL already ends in one, so both the vendor SDK
 * convention (`https://api.anthropic.com`) and the AI SDK one (`…/v1`) work.
 */
export function withVersionSegment(url: string, segment: string): string {
  const clean = trimSlash(url);
  return /\/v\d+(alpha|beta)?\d*$/.test(clean) ? clean : `${clean}/${segment}`;
}

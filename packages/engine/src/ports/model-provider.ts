import type { Json, JsonObject } from '../json.ts';
import type { Usage } from '../records.ts';

/** A message in a model conversation. */
export type ModelMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: Json; isError?: boolean };

/** A tool the model may call, described by a JSON Schema for its input. */
export interface ModelTool {
  name: string;
  description: string;
  inputSchema: JsonObject;
}

/** A tool call the model asked for. */
export interface ModelToolCall {
  id: string;
  name: string;
  input: Json;
}

/** One request to a model: a single turn (tool execution is the caller's job). */
export interface ModelRequest {
  /** Resolved `provider:model`, e.g. `openai:gpt-4o-mini` or `ollama:llama3.2`. */
  model: string;
  system?: string;
  messages: ModelMessage[];
  tools?: ModelTool[];
  temperature?: number;
  maxOutputTokens?: number;
  /** Ask for JSON output, optionally matching a JSON Schema. */
  responseFormat?: { type: 'json'; schema?: JsonObject; name?: string };
  /** Sent as a header where the provider supports one, so a retried attempt is recognisable. */
  idempotencyKey?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** What a model answered. */
export interface ModelResponse {
  /** The model that answered, as `provider:model`. */
  model: string;
  text: string;
  toolCalls: ModelToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/** Streaming callbacks and cancellation for one model call. */
export interface ModelCallOptions {
  signal?: AbortSignal;
  /** Called with each text delta as it streams in. */
  onTextDelta?: (delta: string) => void;
}

/** Embedding texts with an embedding model. */
export interface EmbedRequest {
  /** Resolved `provider:model`, e.g. `openai:text-embedding-3-small`. */
  model: string;
  values: string[];
}

/** One vector per value, in order. */
export interface EmbedResponse {
  model: string;
  embeddings: number[][];
  usage: Usage;
}

/**
 * The engine's port to language models. Adapters (OpenAI, Anthropic, Gemini, Ollama…) live in
 * `@weft/providers`; tests use the scripted model from `@weft/engine/testing`.
 */
export interface ModelProvider {
  generate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResponse>;
  /** Embeddings, where the provider offers them (OpenAI, Gemini, Ollama). */
  embed?(request: EmbedRequest, options?: { signal?: AbortSignal }): Promise<EmbedResponse>;
}

/** Adds two usages (cost is summed when either side has one). */
export function addUsage(a: Usage, b: Usage | undefined): Usage {
  if (!b) return a;
  const sum: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  if (a.costUsd !== undefined || b.costUsd !== undefined) sum.costUsd = (a.costUsd ?? 0) + (b.costUsd ?? 0);
  return sum;
}

export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, totalTokens: 0 }) as Usage;

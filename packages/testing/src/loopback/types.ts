/** The wire formats a loopback server can speak. `google` is an alias of `gemini`. */
export type LoopbackProviderKind = 'openai' | 'anthropic' | 'gemini' | 'google' | 'ollama';

/** A tool call as a loopback server sees it on the wire (ids are absent where the wire has none). */
export interface LoopbackToolCall {
  id?: string;
  name: string;
  input: unknown;
}

/** A tool result sent back by the client, with its content as text (JSON values are stringified). */
export interface LoopbackToolResult {
  toolCallId?: string;
  name?: string;
  content: string;
  isError?: boolean;
}

/** One message of a request, the same shape whatever the wire format. */
export interface LoopbackMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** The message's text parts joined. */
  content: string;
  toolCalls?: LoopbackToolCall[];
  toolResults?: LoopbackToolResult[];
}

/** A model request, normalized from whichever provider's wire format it arrived in. */
export interface LoopbackRequest {
  provider: LoopbackProviderKind;
  model: string;
  system?: string;
  messages: LoopbackMessage[];
  tools: { name: string; description?: string; inputSchema?: unknown }[];
  stream: boolean;
  headers: Record<string, string>;
  /** The parsed request body, for assertions on provider-specific fields. */
  body: unknown;
  /** Set on embedding routes (`/v1/embeddings`, `:batchEmbedContents`, `/api/embed`…): the texts to embed. */
  embed?: LoopbackEmbedRequest;
}

/** What an embeddings request asked for. */
export interface LoopbackEmbedRequest {
  values: string[];
  /** Vector size the client asked for (`dimensions`, `outputDimensionality`), if any. */
  dimensions?: number;
}

/** An error the loopback server answers with, in the provider's own error JSON shape. */
export interface LoopbackErrorSpec {
  status: number;
  message: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
}

/** What the scripted model answers. */
export interface LoopbackReply {
  text?: string;
  /** Exact text deltas to stream (defaults to `text` split into words). */
  textChunks?: string[];
  toolCalls?: { id?: string; name: string; input: unknown }[];
  usage?: { inputTokens: number; outputTokens: number };
  /** Finish reason in the neutral vocabulary; derived from the content when omitted. */
  finishReason?: 'stop' | 'length' | 'tool-calls';
  /** Wait before sending response headers. */
  delayMs?: number;
  /** Wait between streamed chunks. */
  chunkDelayMs?: number;
  error?: LoopbackErrorSpec;
  /** For an embeddings request: one vector per value (default: {@link hashEmbedding} of each value). */
  embeddings?: number[][];
}

/** Decides the reply to a request: scripted, computed, or failing. */
export type LoopbackReplyFn = (request: LoopbackRequest) => LoopbackReply | Promise<LoopbackReply>;

/** A request the loopback server received. */
export interface LoggedRequest {
  method: string;
  /** Path with query string, e.g. `/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  /** The normalized request, when the route was a model call. */
  request?: LoopbackRequest;
}

/** Settings of a loopback provider server. */
export interface LoopbackProviderOptions {
  provider: LoopbackProviderKind;
  reply: LoopbackReplyFn;
}

/** A running loopback provider server. */
export interface LoopbackProvider {
  provider: LoopbackProviderKind;
  /** Base URL to configure the AI SDK provider with (e.g. `http://127.0.0.1:PORT/v1` for OpenAI). */
  url: string;
  /** `http://127.0.0.1:PORT`, without any API prefix. */
  origin: string;
  port: number;
  /** Every request received, oldest first. */
  requests: LoggedRequest[];
  /** Stops the server, cutting any open connection. */
  close(): Promise<void>;
}

/** A finished reply, with the defaults filled in, handed to a wire format to encode. */
export interface ResolvedReply {
  text: string;
  textChunks: string[];
  toolCalls: { id: string; name: string; input: unknown }[];
  usage: { inputTokens: number; outputTokens: number };
  finishReason: 'stop' | 'length' | 'tool-calls';
}

/** A response body: one JSON document, or a list of chunks to stream with pauses between them. */
export type EncodedResponse =
  | { kind: 'json'; body: unknown }
  | { kind: 'stream'; contentType: string; chunks: string[] };

/** Routes of one provider's model endpoints, parsing and encoding its wire format. */
export interface WireFormat {
  /** The API prefix appended to the origin to form the base URL. */
  basePath: string;
  /** Recognises a model-call route; returns what the path tells (stream flag, model) or undefined. */
  match(method: string, path: string): { stream?: boolean; model?: string } | undefined;
  /** Normalizes a request body. */
  parse(body: unknown, route: { stream?: boolean; model?: string }): Omit<LoopbackRequest, 'headers' | 'provider' | 'body'>;
  encode(reply: ResolvedReply, request: LoopbackRequest): EncodedResponse;
  /** The provider's error JSON. */
  errorBody(error: LoopbackErrorSpec): unknown;
}

/** Routes of one provider's embeddings endpoint, parsing and encoding its wire format. */
export interface EmbedWireFormat {
  /** Recognises an embeddings route; `single` marks a one-value route (Gemini's `:embedContent`). */
  match(method: string, path: string): { model?: string; single?: boolean } | undefined;
  parse(body: unknown, route: { model?: string; single?: boolean }): { model: string } & LoopbackEmbedRequest;
  encode(reply: { embeddings: number[][]; inputTokens: number }, request: LoopbackRequest, route: { single?: boolean }): unknown;
}

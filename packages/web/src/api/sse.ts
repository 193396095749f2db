import { authHeaders } from './client.ts';
import { ApiError, NetworkError } from './errors.ts';

/** One Server-Sent Events message. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/** Splits a text/event-stream into messages; feed it chunks, it calls `onMessage` for each complete one. */
export class SseParser {
  #buffer = '';
  #id: string | undefined;
  #event = 'message';
  #data: string[] = [];
  readonly #onMessage: (message: SseMessage) => void;

  constructor(onMessage: (message: SseMessage) => void) {
    this.#onMessage = onMessage;
  }

  push(chunk: string): void {
    this.#buffer += chunk;
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.#buffer = this.#buffer.slice(newline + width);
      this.#line(line);
    }
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0) {
        const message: SseMessage = { event: this.#event, data: this.#data.join('\n') };
        if (this.#id !== undefined) message.id = this.#id;
        this.#onMessage(message);
      }
      this.#event = 'message';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id') this.#id = value;
  }
}

export interface EventStreamOptions {
  /** Called for each message. */
  onMessage(message: SseMessage): void;
  /** Called once the server ends the stream on purpose (a finished run). */
  onEnd?(): void;
  /** Called when the connection drops or fails; the stream retries unless the error is an ApiError. */
  onError?(error: Error): void;
  /** Called when (re)connected. */
  onOpen?(): void;
  /** Reconnect after an unexpected drop (default true), sending the last id as Last-Event-ID. */
  reconnect?: boolean;
  /** Passed to `fetch`, POST bodies included (the chat stream). */
  init?: RequestInit;
}

/**
 * Reads an SSE endpoint with fetch (so the Authorization header goes along, which EventSource cannot
 * send) and resumes after a drop from the last event id. Returns a function that stops it.
 */
export function openEventStream(url: string, options: EventStreamOptions): () => void {
  const controller = new AbortController();
  let lastId: string | undefined;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
    if (lastId !== undefined) headers['last-event-id'] = lastId;
    let response: Response;
    try {
      response = await fetch(url, { ...options.init, headers: { ...headers, ...(options.init?.headers as Record<string, string>) }, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return;
      return retry(new NetworkError(url, error));
    }
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      let body: { code: string; message: string; path?: string } = { code: `HTTP_${response.status}`, message: text || response.statusText };
      try {
        const parsed = JSON.parse(text) as { error?: { code: string; message: string; path?: string } };
        if (parsed.error) body = parsed.error;
      } catch {
        // Not JSON.
      }
      options.onError?.(new ApiError(response.status, body));
      return;
    }
    delay = 500;
    options.onOpen?.();
    const parser = new SseParser((message) => {
      if (message.id !== undefined) lastId = message.id;
      options.onMessage(message);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      return retry(new NetworkError(url, error));
    }
    if (!controller.signal.aborted) options.onEnd?.();
  };

  const retry = (error: Error): void => {
    options.onError?.(error);
    if (options.reconnect === false || controller.signal.aborted) return;
    setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };

  void connect();
  return () => controller.abort();
}

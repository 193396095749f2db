import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEventStream, SseParser, type SseMessage } from './sse.ts';
import { ApiError } from './errors.ts';
import { setToken } from './token.ts';

function sseBody(chunks: string[], options: { holdOpen?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!options.holdOpen) controller.close();
    },
  });
}

describe('SseParser', () => {
  it('splits messages on blank lines, joins data lines, keeps ids and event names, skips comments', () => {
    const seen: SseMessage[] = [];
    const parser = new SseParser((m) => seen.push(m));
    parser.push('retry: 2000\n\n: ping\n\nid: 1\nevent: step.started\ndata: {"a":');
    expect(seen).toEqual([]);
    parser.push('1}\n\nid: 2\r\nevent: log\r\ndata: line one\r\ndata: line two\r\n\r\ndata: plain\n\n');
    expect(seen).toEqual([
      { id: '1', event: 'step.started', data: '{"a":1}' },
      { id: '2', event: 'log', data: 'line one\nline two' },
      { id: '2', event: 'message', data: 'plain' },
    ]);
  });
});

describe('openEventStream', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(undefined);
  });

  it('sends the token, reports messages and the end of the stream', async () => {
    setToken('wft_secret');
    const fetchMock = vi.fn(async () => new Response(sseBody(['id: 1\nevent: run.started\ndata: {}\n\n']), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const messages: SseMessage[] = [];
    await new Promise<void>((resolve) => openEventStream('/api/runs/r1/events/stream', { onMessage: (m) => messages.push(m), onEnd: resolve }));
    expect(messages).toEqual([{ id: '1', event: 'run.started', data: '{}' }]);
    const init = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init[1].headers as Record<string, string>)['authorization']).toBe('Bearer wft_secret');
  });

  it('reconnects after a drop with Last-Event-ID set to the last id it saw', async () => {
    let calls = 0;
    const fetchMock = vi.fn(async () => {
      calls += 1;
      if (calls === 1) {
        const encoder = new TextEncoder();
        return new Response(
          new ReadableStream({
            pulls: 0,
            pull(controller) {
              // The first read gets an event; the next one finds the connection reset.
              if (this.pulls++ === 0) controller.enqueue(encoder.encode('id: 7\nevent: log\ndata: x\n\n'));
              else controller.error(new Error('connection reset'));
            },
          } as UnderlyingDefaultSource<Uint8Array> & { pulls: number }),
        );
      }
      return new Response(sseBody(['id: 8\nevent: run.succeeded\ndata: {}\n\n']));
    });
    vi.stubGlobal('fetch', fetchMock);
    const ids: Array<string | undefined> = [];
    const errors: Error[] = [];
    await new Promise<void>((resolve) =>
      openEventStream('/s', { onMessage: (m) => ids.push(m.id), onEnd: resolve, onError: (e) => errors.push(e) }),
    );
    expect(ids).toEqual(['7', '8']);
    expect(errors).toHaveLength(1);
    const second = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect((second[1].headers as Record<string, string>)['last-event-id']).toBe('7');
  });

  it('gives up on an API error (401, 404) with the server’s code instead of retrying', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({ error: { code: 'NOT_FOUND', message: "Run 'nope' not found" } }, { status: 404 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const error = await new Promise<Error>((resolve) => openEventStream('/s', { onMessage: () => {}, onError: resolve }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NOT_FOUND');
    await new Promise((r) => setTimeout(r, 700));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

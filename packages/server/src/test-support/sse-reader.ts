/** One parsed Server-Sent Events block: a message, or a comment (heartbeat). */
export interface SseBlock {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Reads SSE blocks from a body as they arrive. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseBlock> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        yield parseBlock(block);
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function parseBlock(text: string): SseBlock {
  const block: SseBlock = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) block.comment = line.slice(1).trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') block.data = block.data === undefined ? value : `${block.data}\n${value}`;
    else if (field === 'id' || field === 'event' || field === 'retry') block[field] = value;
  }
  return block;
}

/** Every message (not comments) until the stream ends, or until `stopAfter` messages. */
export async function collectSse(body: ReadableStream<Uint8Array>, stopAfter = Infinity): Promise<SseBlock[]> {
  const messages: SseBlock[] = [];
  for await (const block of readSse(body)) {
    if (block.data === undefined) continue;
    messages.push(block);
    if (messages.length >= stopAfter) break;
  }
  return messages;
}

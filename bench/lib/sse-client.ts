// A minimal Server-Sent Events client for the server benches: every message with the time its
// chunk arrived (epoch ms with sub-ms precision), so latency is measured from the event's `at`.
import { request, type ClientRequest } from 'node:http';

export interface ReceivedMessage {
  event?: string;
  id?: string;
  data: string;
  /** Epoch ms (fractional) when the chunk holding the message's end arrived. */
  receivedAt: number;
}

export interface SseConnection {
  /** Resolves when the server ends the stream (or `close` is called). */
  ended: Promise<void>;
  close(): void;
}

/** Epoch ms with sub-millisecond precision (monotonic within this process). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Opens `url`; resolves once the server answered 200 with the stream. */
export function openSse(url: string, onMessage: (message: ReceivedMessage) => void): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    req = request(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${url}: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      });
      res.on('data', (chunk: string) => {
        const receivedAt = epochNow();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message = parseBlock(block, receivedAt);
          if (message) onMessage(message);
        }
      });
      resolve({ ended, close: () => req?.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

function parseBlock(block: string, receivedAt: number): ReceivedMessage | undefined {
  const data: string[] = [];
  const message: ReceivedMessage = { data: '', receivedAt };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') message.event = value;
    else if (field === 'id') message.id = value;
  }
  if (data.length === 0) return undefined;
  message.data = data.join('\n');
  return message;
}

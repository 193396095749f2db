import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { embedReply } from './embed-reply.ts';
import { geminiEmbedWire, ollamaEmbedWire, openaiEmbedWire } from './embed-wires.ts';
import type {
  EmbedWireFormat,
  LoggedRequest,
  LoopbackErrorSpec,
  LoopbackProvider,
  LoopbackProviderKind,
  LoopbackProviderOptions,
  LoopbackReply,
  LoopbackRequest,
  ResolvedReply,
  WireFormat,
} from './types.ts';
import { anthropicWire } from './wire-anthropic.ts';
import { geminiWire } from './wire-gemini.ts';
import { ollamaWire } from './wire-ollama.ts';
import { openaiWire } from './wire-openai.ts';
import { randomId, splitWords } from './wire-util.ts';

// Ollama also serves the OpenAI-compatible API under /v1; the first wire gives the base URL.
const WIRES: Record<LoopbackProviderKind, [WireFormat, ...WireFormat[]]> = {
  openai: [openaiWire],
  anthropic: [anthropicWire],
  gemini: [geminiWire],
  google: [geminiWire],
  ollama: [ollamaWire, openaiWire],
};

// Embeddings endpoints, each with the chat wire whose error shape it shares. Anthropic has none.
const EMBED_WIRES: Record<LoopbackProviderKind, [EmbedWireFormat, WireFormat][]> = {
  openai: [[openaiEmbedWire, openaiWire]],
  anthropic: [],
  gemini: [[geminiEmbedWire, geminiWire]],
  google: [[geminiEmbedWire, geminiWire]],
  ollama: [
    [ollamaEmbedWire, ollamaWire],
    [openaiEmbedWire, openaiWire],
  ],
};

/**
 * Starts a server on 127.0.0.1 (random port) that speaks one provider's real HTTP wire format, so the
 * real AI SDK clients can run against it offline.
 *
 * @example
 * const server = await startLoopbackProvider({ provider: 'anthropic', reply: () => ({ text: 'Hi!' }) });
 * createAnthropic({ baseURL: server.url, apiKey: 'test' });
 */
export async function startLoopbackProvider(options: LoopbackProviderOptions): Promise<LoopbackProvider> {
  const wires = WIRES[options.provider];
  if (!wires) throw new Error(`Unknown loopback provider "${String(options.provider)}".`);
  const primary = wires[0];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, primary, { status: 500, message: errorMessage(error) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const headers = flattenHeaders(req);
    const raw = await readBody(req);
    const body = parseBody(raw);
    const logged: LoggedRequest = { method, path, headers, body, time: Date.now() };
    requests.push(logged);

    const matched = findRoute(wires, method, path);
    const embedRoute = matched ? undefined : findEmbedRoute(EMBED_WIRES[options.provider], method, path);
    if (embedRoute) {
      const [embedWire, errorWire] = embedRoute.wires;
      let request: LoopbackRequest;
      try {
        const { model, ...embed } = embedWire.parse(body, embedRoute.route);
        request = { provider: options.provider, model, messages: [], tools: [], stream: false, headers, body, embed };
      } catch (error) {
        return sendError(res, errorWire, { status: 400, message: errorMessage(error) });
      }
      logged.request = request;
      const reply = await options.reply(request);
      if (reply.delayMs) await pause(reply.delayMs, res);
      if (res.destroyed) return;
      if (reply.error) return sendError(res, errorWire, reply.error);
      let encoded: unknown;
      try {
        encoded = embedWire.encode(embedReply(reply, request.embed ?? { values: [] }), request, embedRoute.route);
      } catch (error) {
        return sendError(res, errorWire, { status: 500, message: errorMessage(error) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(encoded));
      return;
    }
    if (!matched) {
      return sendError(res, primary, { status: 404, message: `No route ${method} ${path} on the ${options.provider} loopback server.` });
    }
    const { wire, route } = matched;

    let request: LoopbackRequest;
    try {
      request = { provider: options.provider, ...wire.parse(body, route), headers, body };
    } catch (error) {
      return sendError(res, wire, { status: 400, message: errorMessage(error) });
    }
    logged.request = request;

    const reply = await options.reply(request);
    if (reply.delayMs) await pause(reply.delayMs, res);
    if (res.destroyed) return;
    if (reply.error) return sendError(res, wire, reply.error);

    const encoded = wire.encode(resolveReply(reply, request), request);
    if (encoded.kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(encoded.body));
      return;
    }
    res.writeHead(200, { 'content-type': encoded.contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    for (const [i, chunk] of encoded.chunks.entries()) {
      if (res.destroyed) return;
      if (i > 0 && reply.chunkDelayMs) await pause(reply.chunkDelayMs, res);
      if (res.destroyed) return;
      res.write(chunk);
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    provider: options.provider,
    url: `${origin}${primary.basePath}`,
    origin,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streams left open by a test (or a client that never read them) must not keep close() waiting.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

function findRoute(wires: WireFormat[], method: string, path: string) {
  for (const wire of wires) {
    const route = wire.match(method, path);
    if (route) return { wire, route };
  }
  return undefined;
}

function findEmbedRoute(wires: [EmbedWireFormat, WireFormat][], method: string, path: string) {
  for (const pair of wires) {
    const route = pair[0].match(method, path);
    if (route) return { wires: pair, route };
  }
  return undefined;
}

/** Fills in a reply's defaults: word-sized chunks, tool call ids, finish reason and token counts. */
function resolveReply(reply: LoopbackReply, request: LoopbackRequest): ResolvedReply {
  const text = reply.text ?? reply.textChunks?.join('') ?? '';
  const textChunks = reply.textChunks ?? splitWords(text);
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({ id: call.id ?? randomId('call_'), name: call.name, input: call.input }));
  const promptChars = (request.system?.length ?? 0) + JSON.stringify(request.messages).length;
  return {
    text,
    textChunks,
    toolCalls,
    usage: reply.usage ?? {
      inputTokens: Math.max(1, Math.ceil(promptChars / 4)),
      outputTokens: Math.max(1, textChunks.length + toolCalls.length * 8),
    },
    finishReason: reply.finishReason ?? (toolCalls.length ? 'tool-calls' : 'stop'),
  };
}

function sendError(res: ServerResponse, wire: WireFormat, error: LoopbackErrorSpec): void {
  if (res.destroyed) return;
  res.writeHead(error.status, { 'content-type': 'application/json', ...error.headers });
  res.end(JSON.stringify(wire.errorBody(error)));
}

/** Waits, but gives up as soon as the client goes away. */
function pause(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

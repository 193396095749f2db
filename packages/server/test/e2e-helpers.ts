import { dirname, join } from 'node:path';
import { createEngine, NodeRegistry, type ArtifactStore, type Clock, type Engine, type Logger, type NodeType, type RunEvent, type WeftStore } from '@weft/engine';
import { testNodeTypes } from '@weft/engine/testing';
import { createNodeLibrary } from '@weft/nodes';
import { createModelProvider } from '@weft/providers';
import { createFolderArtifactStore, openSqliteRunStore } from '@weft/stores';
import WebSocket from 'ws';
import {
  createServer,
  createVault,
  credentialResolver,
  loadEncryptionKey,
  type ListeningServer,
  type ServerConfig,
  type WeftServer,
} from '@weft/server';
import { readSse, type SseBlock } from '../src/test-support/sse-reader.ts';

/** A real server on a port, over SQLite, with the node library, the test nodes and an OpenAI loopback. */
export interface LiveServer {
  url: string;
  engine: Engine;
  store: WeftStore;
  server: WeftServer;
  listening: ListeningServer;
  artifacts: ArtifactStore;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/** What a live server is built with. `home` holds the key file and artifacts (default: beside the database). */
export interface LiveServerOptions {
  dbPath: string;
  openaiUrl: string;
  home?: string;
  config?: ServerConfig;
  store?: WeftStore;
  clock?: Clock;
  logger?: Logger;
  nodeTypes?: NodeType[];
}

export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const env = { OPENAI_BASE_URL: options.openaiUrl, OPENAI_API_KEY: 'test-key' };
  if (!options.home && !options.dbPath) throw new Error('startLiveServer needs a dbPath or a home');
  const home = options.home ?? dirname(options.dbPath);
  const store = options.store ?? (await openSqliteRunStore({ path: options.dbPath }));
  const registry = new NodeRegistry([...createNodeLibrary({ egressAllow: [] }), ...testNodeTypes, ...(options.nodeTypes ?? [])]);
  const vault = createVault(await loadEncryptionKey({ env: {}, keyFile: join(home, 'secret.key') }));
  const secrets = credentialResolver(store, vault);
  const artifacts = createFolderArtifactStore({ root: join(home, 'artifacts') });
  const shared = { ...(options.clock ? { clock: options.clock } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  const engine = createEngine({ store, registry, models: createModelProvider({ env }), env, fallbackModel: 'openai:test-model', secrets, ...shared });
  const server = createServer({ engine, store, registry, vault, secrets, artifacts, ...shared, config: { heartbeatMs: 50, ...options.config } });
  const listening = await server.listen({ port: 0 });
  return {
    url: listening.url,
    engine,
    store,
    server,
    listening,
    artifacts,
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${listening.url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async stop() {
      await listening.close();
      await engine.close();
      if (!options.store) await store.close();
    },
  };
}

/** Reads a run's SSE stream over the network until it ends, or until `stopAfter` messages (then disconnects). */
export async function followSse(
  url: string,
  options: { lastEventId?: string; stopAfter?: number; headers?: Record<string, string> } = {},
): Promise<{ messages: SseBlock[]; heartbeats: number }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...options.headers, ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`SSE answered ${response.status}: ${await response.text()}`);
  const messages: SseBlock[] = [];
  let heartbeats = 0;
  try {
    for await (const block of readSse(response.body!)) {
      if (block.comment === 'ping') heartbeats++;
      if (block.data === undefined) continue;
      messages.push(block);
      if (messages.length >= (options.stopAfter ?? Infinity)) break;
    }
  } finally {
    controller.abort();
  }
  return { messages, heartbeats };
}

/** Collects a run's events from the WebSocket until the server closes it. */
export function followSocket(url: string): Promise<{ events: RunEvent[]; code: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const events: RunEvent[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as RunEvent));
    socket.on('close', (code) => resolve({ events, code }));
    socket.on('error', reject);
  });
}

/** Polls until the run has the status. */
export async function waitForStatus(live: LiveServer, runId: string, status: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const run = await live.store.getRun(runId);
    if (run?.status === status) return;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { randomBytes } from 'node:crypto';
import { createEngine, type ArtifactStore, type Clock, type Engine, type EngineOptions, type Logger, type NodeType, type WorkflowInput } from '@weft/engine';
import { MemoryRunStore, testRegistry } from '@weft/engine/testing';
import { createServer, type WeftServer } from '../create-server.ts';
import type { ServerConfig } from '../config.ts';
import { credentialResolver } from '../credentials/credential-resolver.ts';
import { createVault, type Vault } from '../credentials/vault.ts';
import { memoryArtifactStore } from './memory-artifacts.ts';
import type { WorkflowTemplate } from '@weft/api';

/** A server on an in-memory store with the engine's test node types, answering in-process. */
export interface Harness {
  server: WeftServer;
  engine: Engine;
  store: MemoryRunStore;
  vault: Vault;
  artifacts: ArtifactStore;
  /** Sends a request; `body` objects are sent as JSON. */
  call(method: string, path: string, init?: CallInit): Promise<CallResult>;
  /** Polls a run until `done` says so (or fails after 5 s). */
  waitForRun(runId: string, done?: (status: string) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface CallInit {
  body?: unknown;
  /** Sent as is, with this content type (default application/json for `body`). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // Tests read whatever the route answers.
  json: Record<string, unknown> & { error?: { code: string; message: string; path?: string; details?: unknown } };
  text: string;
}

export async function startHarness(
  options: {
    config?: ServerConfig;
    engine?: Partial<EngineOptions>;
    nodeTypes?: NodeType[];
    clock?: Clock;
    logger?: Logger;
    templates?: WorkflowTemplate[];
    webRoot?: string;
  } = {},
): Promise<Harness> {
  const store = new MemoryRunStore();
  const registry = testRegistry(options.nodeTypes);
  const vault = createVault(randomBytes(32));
  const secrets = credentialResolver(store, vault);
  const artifacts = memoryArtifactStore();
  const shared = { ...(options.clock ? { clock: options.clock } : {}), ...(options.logger ? { logger: options.logger } : {}) };
  const engine = createEngine({ store, registry, secrets, ...shared, ...options.engine });
  const server = createServer({
    engine,
    store,
    registry,
    vault,
    secrets,
    artifacts,
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    ...shared,
    config: { validateResponses: true, ...options.config },
  });
  const call = async (method: string, path: string, init: CallInit = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined = init.raw;
    if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= init.contentType ?? 'application/json';
    const response = await server.fetch(
      new Request(`http://weft.test${path}`, { method, headers, ...(body !== undefined ? { body } : {}), ...(init.signal ? { signal: init.signal } : {}) }),
    );
    const text = await response.text();
    let json: CallResult['json'] = {};
    try {
      json = JSON.parse(text) as CallResult['json'];
    } catch {
      // Not JSON (YAML, metrics, HTML): read `text`.
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  return {
    server,
    engine,
    store,
    vault,
    artifacts,
    call,
    async waitForRun(runId, done = (s) => ['succeeded', 'failed', 'cancelled'].includes(s)) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const run = await store.getRun(runId);
        if (run && done(run.status)) return run as unknown as Record<string, unknown>;
        if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      await server.close();
      await engine.close();
    },
  };
}

/** Workflows for the tests. */
export const workflows = {
  /** a → b → c, echoing. */
  chain: (name = 'chain'): WorkflowInput => ({
    name,
    nodes: [
      { id: 'a', type: 'test.echo', params: { value: 'A({{ input }})' } },
      { id: 'b', type: 'test.echo', params: { value: 'B({{ steps.a.output }})' } },
      { id: 'c', type: 'test.echo', params: { value: 'C({{ steps.b.output }})' } },
    ],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ],
  }),
  /** Fails at `bad` once (then succeeds on a manual retry). */
  flaky: (name = 'flaky'): WorkflowInput => ({
    name,
    nodes: [
      { id: 'first', type: 'test.echo', params: { value: 1 } },
      { id: 'bad', type: 'test.fail', params: { times: 1, value: 'fixed' } },
      { id: 'after', type: 'test.echo', params: { value: '{{ steps.bad.output }}!' } },
    ],
    edges: [
      { from: 'first', to: 'bad' },
      { from: 'bad', to: 'after' },
    ],
  }),
  /** Waits for a person at `ask`. */
  approval: (name = 'approval'): WorkflowInput => ({
    name,
    nodes: [
      { id: 'ask', type: 'test.wait', params: {} },
      { id: 'after', type: 'test.echo', params: { value: 'answer: {{ steps.ask.output.ok }}' } },
    ],
    edges: [{ from: 'ask', to: 'after' }],
  }),
  /** Never ends by itself. */
  blocking: (name = 'blocking'): WorkflowInput => ({
    name,
    nodes: [{ id: 'slow', type: 'test.block', params: {} }],
    edges: [],
  }),
};

/** Creates a workflow through the API and returns its id. */
export async function createWorkflow(harness: Harness, definition: WorkflowInput): Promise<string> {
  const created = await harness.call('POST', '/api/workflows', { body: definition });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  return (created.json['workflow'] as { id: string }).id;
}

/** Starts a run through the API and returns its id. */
export async function startRun(harness: Harness, workflowId: string, body: unknown = {}): Promise<string> {
  const started = await harness.call('POST', `/api/workflows/${workflowId}/runs`, { body });
  if (started.status !== 201) throw new Error(`start failed: ${started.text}`);
  return (started.json['run'] as { id: string }).id;
}

import {
  ConflictError,
  silentLogger,
  systemClock,
  type ArtifactStore,
  type Clock,
  type Engine,
  type Logger,
  type NodeRegistry,
  type SecretResolver,
} from '@weft/engine';
import packageJson from '../package.json' with { type: 'json' };
import { TokenAuth } from './auth/token-auth.ts';
import { resolveConfig, type ResolvedConfig, type ServerDeps, type ServerStore } from './config.ts';
import type { Vault } from './credentials/vault.ts';
import { RunMetrics } from './metrics/run-metrics.ts';
import type { OpenApiDocument } from './openapi/build-document.ts';
import { InProcessRunQueue } from './queue/in-process-queue.ts';
import type { RunQueue } from './queue/run-queue.ts';
import type { WorkflowTemplate } from '@weft/api';
import { Scheduler } from './triggers/scheduler.ts';
import { WorkflowTriggers } from './triggers/workflow-triggers.ts';

/** Something open that shutdown must end (an SSE stream, a WebSocket). */
export interface OpenStream {
  close(): void;
}

/** Everything a route handler may use, built once per server. */
export interface ServerServices {
  engine: Engine;
  store: ServerStore;
  registry: NodeRegistry;
  vault: Vault;
  secrets: SecretResolver;
  artifacts: ArtifactStore;
  templates: WorkflowTemplate[];
  clock: Clock;
  logger: Logger;
  config: ResolvedConfig;
  queue: RunQueue;
  auth: TokenAuth;
  metrics: RunMetrics;
  /** Webhook paths and cron schedules of the stored workflows. */
  triggers: WorkflowTriggers;
  streams: Set<OpenStream>;
  /** Epoch ms when the server was created. */
  startedAt: number;
  /** The OpenAPI document of every mounted route (built on first use). */
  apiDocument(): OpenApiDocument;
}

/** Builds the services from what the composition root handed over. */
export function createServices(deps: ServerDeps, apiDocument: () => OpenApiDocument): ServerServices {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const config = resolveConfig(deps.config, packageJson.version);
  const execute = (runId: string) =>
    deps.engine.execute(runId).catch((error: unknown) => {
      // Another process holds the run (several servers on one database): it is theirs to run.
      if (error instanceof ConflictError) return undefined;
      throw error;
    });
  const queue = deps.queue ?? new InProcessRunQueue({ concurrency: config.concurrency, execute, logger });
  const scheduler = new Scheduler({
    store: deps.store,
    engine: deps.engine,
    enqueue: (runId) => queue.enqueue(runId),
    clock,
    logger,
    pollMs: config.schedulePollMs,
  });
  return {
    engine: deps.engine,
    store: deps.store,
    registry: deps.registry,
    vault: deps.vault,
    secrets: deps.secrets,
    artifacts: deps.artifacts,
    templates: deps.templates ?? [],
    clock,
    logger,
    config,
    queue,
    auth: new TokenAuth({ store: deps.store, mode: config.auth, clock, logger }),
    metrics: new RunMetrics(queue),
    triggers: new WorkflowTriggers({ store: deps.store, scheduler, logger }),
    streams: new Set(),
    startedAt: clock.now(),
    apiDocument,
  };
}

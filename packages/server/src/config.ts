import type { ArtifactStore, Clock, Engine, Logger, NodeRegistry, SecretResolver, WeftStore } from '@weft/engine';
import type { Vault } from './credentials/vault.ts';
import type { RunQueue } from './queue/run-queue.ts';
import type { WorkflowTemplate } from '@weft/api';

/** The stores the server reads and writes: runs, workflows, credentials, tokens, schedules and chats. */
export type ServerStore = WeftStore;

/** How the server behaves. Every field has a default. */
export interface ServerConfig {
  /** `auto` (default): a token is required once any exists. `required`: always. `off`: never. */
  auth?: 'auto' | 'required' | 'off';
  /** Origins allowed to call the API from a browser (`*` for any). Default: none (same origin only). */
  cors?: string[];
  /** Largest request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Runs executed at once by the in-process workers. Default 16. */
  concurrency?: number;
  /** Interval of SSE heartbeat comments and WebSocket pings. Default 15 s. */
  heartbeatMs?: number;
  /** How long `close()` waits for running runs before giving up on them (they resume on next start). Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Interval of the sweep that picks up runs left by dead processes (0: only at start). Default 30 s. */
  orphanSweepMs?: number;
  /** Version reported by /api/health and the OpenAPI document. Default: this package's version. */
  version?: string;
  /** Check every JSON answer against its route's response schema (for tests; costs time). */
  validateResponses?: boolean;
  /** Base URL webhooks are shown with (`https://weft.example.com`). Default: the origin the request came to. */
  publicUrl?: string;
  /** How often due cron schedules are looked for. Default 1 s. */
  schedulePollMs?: number;
  /** How long a chat turn waits for its reply before answering 202 with the run id. Default 120 s. */
  chatTimeoutMs?: number;
}

/** What the composition root hands the server. The server builds none of it. */
export interface ServerDeps {
  engine: Engine;
  store: ServerStore;
  registry: NodeRegistry;
  /** Encrypts the credential values the API receives (the same key the resolver decrypts with). */
  vault: Vault;
  /** Resolves credentials by name: the resolver the engine was given (webhook secrets use it too). */
  secrets: SecretResolver;
  /** Files runs produced, served by `/api/runs/:id/artifacts`. */
  artifacts: ArtifactStore;
  /** Workflows users can start from (`GET /api/templates`); the CLI passes the examples. */
  templates?: WorkflowTemplate[];
  /** Folder of the built web UI, served at `/` (paths outside /api and /hooks). None: no UI. */
  webRoot?: string;
  clock?: Clock;
  logger?: Logger;
  config?: ServerConfig;
  /** The queue runs are handed to (default: an in-process queue with `config.concurrency` workers). */
  queue?: RunQueue;
}

/** The config with every default filled in. */
export type ResolvedConfig = Required<Omit<ServerConfig, 'cors' | 'publicUrl'>> & { cors: string[]; publicUrl?: string };

const DEFAULTS: Omit<ResolvedConfig, 'version'> = {
  auth: 'auto',
  cors: [],
  bodyLimitBytes: 1024 * 1024,
  concurrency: 16,
  heartbeatMs: 15_000,
  shutdownTimeoutMs: 10_000,
  orphanSweepMs: 30_000,
  validateResponses: false,
  schedulePollMs: 1_000,
  chatTimeoutMs: 120_000,
};

/** Fills in defaults (in one place). */
export function resolveConfig(config: ServerConfig = {}, packageVersion: string): ResolvedConfig {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS, version: packageVersion, ...defined };
}

import type { TemplateEngine } from '../expressions/index.ts';
import type { ArtifactStore } from '../ports/artifact-store.ts';
import type { NodeRegistry } from '../nodes/define-node.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { ModelProvider } from '../ports/model-provider.ts';
import type { RunStore } from '../ports/run-store.ts';
import type { SecretResolver } from '../ports/secret-resolver.ts';
import type { EventBus } from './event-bus.ts';

/** Everything a run execution uses, wired once by the engine. */
export interface ExecutionServices {
  store: RunStore;
  registry: NodeRegistry;
  templates: TemplateEngine;
  clock: Clock;
  logger: Logger;
  secrets: SecretResolver;
  models: ModelProvider;
  bus: EventBus;
  /** Identity of this process for run leases. */
  owner: string;
  leaseMs: number;
  /** A waiting step that wakes sooner than this is waited for in-process. */
  maxInlineWaitMs: number;
  defaultConcurrency: number;
  /** Environment variables expressions may read, when a workflow allow-lists them. */
  env: Record<string, string | undefined>;
  /** Model used when neither run, node, environment nor workflow names one. */
  fallbackModel: string;
  /** `WEFT_MODEL`, when set. */
  envModel: string | undefined;
  random: () => number;
  /** Where nodes' files go; absent when the composition root gave none. */
  artifacts: ArtifactStore | undefined;
  /** Folder under which run and project workspaces live. */
  workspaceRoot: string;
}

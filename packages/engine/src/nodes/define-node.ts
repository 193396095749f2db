import type { z } from 'zod';
import type { Json, JsonObject } from '../json.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { EmbedRequest, EmbedResponse, ModelCallOptions, ModelRequest, ModelResponse } from '../ports/model-provider.ts';
import type { ArtifactRecord } from '../ports/artifact-store.ts';
import type { SecretResolver } from '../ports/secret-resolver.ts';
import type { RunEventType } from '../events.ts';
import type { ToolCallTrace, Usage } from '../records.ts';
import type { WorkflowDefinition, WorkflowNode } from '../workflow/schema.ts';

/** Variables visible to `{{ … }}` expressions. */
export interface ExpressionScope {
  input: Json;
  steps: Record<string, { output: Json; status: string }>;
  state: JsonObject;
  env: Record<string, string>;
  item?: Json;
  index?: number;
  [name: string]: unknown;
}

/** A child step a node asks the engine to run durably (a map item, a tool call). */
export interface ChildStepSpec {
  /** Node to execute for this child (type + raw params, rendered with `scope` added). */
  node: Pick<WorkflowNode, 'type' | 'params'> & Partial<Pick<WorkflowNode, 'retry' | 'timeoutMs' | 'name'>>;
  /** Extra expression variables (e.g. `item`, `index`). */
  scope?: Record<string, Json>;
  /** Item index, used in the step id `parent[index]`. */
  index: number;
}

/** Result of one child step. */
export type ChildStepResult = { ok: true; output: Json } | { ok: false; error: { code: string; message: string } };

/** What the engine hands a node's `run`. One explicit object: no `this`. */
export interface NodeContext<P> {
  /** Params with every template rendered (except `rawParams`), validated by the node's schema. */
  params: P;
  /** The node as written in the workflow (raw params included). */
  node: WorkflowNode;
  /** Outputs of the predecessors whose edges into this node were taken, by node id. */
  inputs: Record<string, Json>;
  run: { id: string; workflowId: string; input: Json };
  step: {
    id: string;
    nodeId: string;
    attempt: number;
    iteration: number;
    index?: number;
    /** Same on every attempt of this step: send it on as an idempotency key. */
    idempotencyKey: string;
  };
  /** Read-only view of the run's shared state; return `state` in the result to change it. */
  state: JsonObject;
  signal: AbortSignal;
  logger: Logger;
  clock: Clock;
  secrets: SecretResolver;
  /** Emits a live event for this step (tokens, tool calls, logs, artifacts). */
  emit(type: RunEventType, data: Json): void;
  /** Renders a template (or any JSON holding templates) with the step's scope plus `extra`. */
  render(value: unknown, extra?: Record<string, Json>): Promise<Json>;
  /** Model access: resolution (run override → node → env → workflow default) and calls. */
  model: {
    /** The model this step should use, given the node's own setting. */
    resolve(nodeSetting?: string): string;
    generate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResponse>;
    /** Embeddings; throws a clear error when the provider has none. */
    embed(request: EmbedRequest): Promise<EmbedResponse>;
  };
  /** Files this step produces: stored, listed with the run, and announced as `artifact.created`. */
  artifacts: {
    put(name: string, data: Uint8Array | string, contentType?: string): Promise<ArtifactRecord>;
  };
  /**
   * The folder file and shell steps work in: the workflow's named project workspace (kept across
   * runs) or this run's own folder. Not created until a node needs it.
   */
  workspace: string;
  /** Attaches facts to the step's attempt record. */
  record: {
    model(model: string): void;
    usage(usage: Usage): void;
    toolCall(trace: ToolCallTrace): void;
  };
  /** Runs child steps durably (completed children are not run again on resume). */
  runChildren(children: ChildStepSpec[], options: { concurrency: number }): Promise<ChildStepResult[]>;
  /** Runs a workflow as a child run and returns its output (a failed child run throws). */
  runWorkflow(definition: WorkflowDefinition, input: Json): Promise<Json>;
  /** The workflow this step belongs to. */
  workflow: WorkflowDefinition;
}

/** Suspends the step until resumed (by a person or API), or until `wakeAt`. */
export interface WaitRequest {
  /** Shown to whoever resumes the run: a message, form fields… */
  reason: Json;
  /** Epoch ms when the step resumes by itself with `timeoutOutput`. */
  wakeAt?: number;
  timeoutOutput?: Json;
  /** Output port taken when the step resumes by itself (default: the node's first port). */
  timeoutPort?: string;
}

/** What a node's `run` returns. */
export interface NodeResult {
  output: Json;
  /** Output ports taken; default: the node's default port. */
  ports?: string[];
  /** Shallow patch merged into the run's shared state. */
  state?: JsonObject;
  /** When set, the step waits instead of succeeding; `output` is ignored. */
  wait?: WaitRequest;
}

/** Named output ports. A function form derives them from params (switch cases). */
export type PortSpec = readonly string[] | ((params: Record<string, unknown>) => string[]);

/** A node type: a declarative, versioned object. Adding one touches one folder and its test. */
export interface NodeType<S extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  /** Palette group: ai, flow, data, io, tools… */
  category: string;
  title: string;
  description: string;
  params: S;
  /** Output ports. Default `['out']`; edges without `port` use the first. Every node also has `error`. */
  outputs?: PortSpec;
  /** Param keys left as written (not rendered before `run`), e.g. a map's per-item node. */
  rawParams?: readonly string[];
  /** A short example of params, for docs. */
  example?: JsonObject;
  run(ctx: NodeContext<z.output<S>>): Promise<NodeResult>;
}

/** Declares a node type (keeps `params` and `run` in step for type inference). */
export function defineNode<S extends z.ZodType>(node: NodeType<S>): NodeType<S> {
  return node;
}

/** The port used by edges that name none. */
export const DEFAULT_PORT = 'out';
/** Port a node's failure travels down, when an edge uses it. */
export const ERROR_PORT = 'error';

/** The output ports of a node given its raw params. */
export function outputPorts(nodeType: NodeType, params: Record<string, unknown>): string[] {
  const spec = nodeType.outputs ?? [DEFAULT_PORT];
  return typeof spec === 'function' ? spec(params) : [...spec];
}

/** Looks node types up by `type`. */
export class NodeRegistry {
  readonly #types = new Map<string, NodeType>();

  constructor(types: Iterable<NodeType> = []) {
    for (const type of types) this.register(type);
  }

  register(nodeType: NodeType): this {
    this.#types.set(nodeType.type, nodeType);
    return this;
  }

  get(type: string): NodeType | undefined {
    return this.#types.get(type);
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  list(): NodeType[] {
    return [...this.#types.values()];
  }
}

import { join } from 'node:path';
import {
  CancelledError,
  ProviderError,
  WeftError,
  InvalidParamsError,
  TimeoutError,
  toErrorJson,
  type ErrorJson,
} from '../errors.ts';
import type { Json, JsonObject } from '../json.ts';
import type { ChildStepResult, ChildStepSpec, NodeContext, NodeResult, NodeType } from '../nodes/define-node.ts';
import { addUsage } from '../ports/model-provider.ts';
import type { RunEventType } from '../events.ts';
import type { WorkflowNode } from '../workflow/schema.ts';
import type { ExecutionServices } from './services.ts';
import type { StepState } from './step-state.ts';
import type { Redactor } from './redactor.ts';
import { formatPath } from '../workflow/problem-path.ts';

/** How one attempt ended. */
export type AttemptOutcome = { ok: true; result: NodeResult } | { ok: false; error: ErrorJson };

/** What an attempt needs from the run executing it. */
export interface AttemptHost {
  services: ExecutionServices;
  runId: string;
  workflowId: string;
  runInput: Json;
  runSignal: AbortSignal;
  scope(extra?: Record<string, Json>): Promise<Record<string, unknown>> | Record<string, unknown>;
  state(): JsonObject;
  inputsOf(nodeId: string): Record<string, Json>;
  emit(stepId: string, type: RunEventType, data: Json): void;
  resolveModel(nodeSetting?: string): string;
  runChildren(parent: StepState, children: ChildStepSpec[], concurrency: number): Promise<ChildStepResult[]>;
  runWorkflow(parent: StepState, definition: NodeContext<unknown>['workflow'], input: Json, signal: AbortSignal): Promise<Json>;
  workflow: NodeContext<unknown>['workflow'];
  /** Masks the secrets this run resolved in everything stored, streamed or logged. */
  redactor: Redactor;
}

/** Params rendered and validated, or the error that stopped it. */
export async function prepareParams(
  host: AttemptHost,
  node: Pick<WorkflowNode, 'type' | 'params'>,
  nodeType: NodeType,
  extra?: Record<string, Json>,
): Promise<PreparedParams> {
  const raw = node.params as JsonObject;
  const constant = constantParams.get(raw);
  if (constant?.type === nodeType) return constant.prepared;
  let rendered: JsonObject = raw;
  const templated = containsTemplate(raw);
  try {
    if (templated) {
      const scope = await host.scope(extra);
      const keep = nodeType.rawParams ?? [];
      rendered = {};
      for (const [key, value] of Object.entries(raw)) {
        rendered[key] = keep.includes(key)
          ? value
          : await host.services.templates.render(value, scope as Parameters<typeof host.services.templates.render>[1]);
      }
    }
  } catch (error) {
    return { ok: false, input: raw, error: toErrorJson(error) };
  }
  const parsed = nodeType.params.safeParse(rendered);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `params.${formatPath(i.path)}: ${i.message}`).join('; ');
    return { ok: false, input: rendered, error: toErrorJson(new InvalidParamsError(`Bad params for ${node.type}: ${message}`)) };
  }
  const prepared = { ok: true as const, input: rendered, params: parsed.data };
  if (!templated) constantParams.set(raw, { type: nodeType, prepared });
  return prepared;
}

/** Params without templates render to themselves: validate them once per node, not once per step. */
const constantParams = new WeakMap<object, { type: NodeType; prepared: { ok: true; input: Json; params: unknown } }>();

/** Params ready for an attempt, or why they could not be prepared. */
export type PreparedParams = { ok: true; input: Json; params: unknown } | { ok: false; input: Json; error: ErrorJson };

/** Runs an attempt with prepared params, or fails it at once when they could not be prepared. */
export function runPrepared(options: {
  host: AttemptHost;
  step: StepState;
  node: WorkflowNode;
  nodeType: NodeType;
  prepared: PreparedParams;
  signal: AbortSignal;
  extraScope?: Record<string, Json> | undefined;
}): Promise<AttemptOutcome> {
  const { prepared, extraScope, ...rest } = options;
  if (!prepared.ok) return Promise.resolve({ ok: false, error: prepared.error });
  return runAttempt({ ...rest, params: prepared.params, ...(extraScope ? { extraScope } : {}) });
}

/** Runs one attempt of a step: builds its context, enforces its timeout, never throws. */
export async function runAttempt(options: {
  host: AttemptHost;
  step: StepState;
  node: WorkflowNode;
  nodeType: NodeType;
  params: unknown;
  signal: AbortSignal;
  extraScope?: Record<string, Json>;
}): Promise<AttemptOutcome> {
  const { host, step, node, nodeType, params, extraScope } = options;
  const { services } = host;
  // Without a timeout the caller's signal is the attempt's signal; with one, a controller joins the
  // two. Aborts carry a reason, so no DOMException (which captures a stack) is built on the hot path.
  const timeoutMs = node.timeoutMs;
  let signal = options.signal;
  let stop = () => {};
  if (timeoutMs !== undefined) {
    const controller = new AbortController();
    const timer = new AbortController();
    const abort = (reason: unknown) => {
      if (!controller.signal.aborted) controller.abort(reason);
    };
    const onAbort = () => abort(options.signal.reason ?? new CancelledError());
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    services.clock.sleep(timeoutMs, timer.signal).then(
      () => abort(new TimeoutError(`Step '${step.stepId}' timed out after ${timeoutMs} ms`)),
      () => {},
    );
    signal = controller.signal;
    stop = () => {
      timer.abort(DONE);
      options.signal.removeEventListener('abort', onAbort);
    };
  }

  const ctx = new AttemptContext({ host, step, node, params, signal, extraScope });

  try {
    const result = await untilAborted(nodeType.run(ctx), signal);
    return { ok: true, result };
  } catch (error) {
    const reason = signal.aborted ? (signal.reason ?? new CancelledError()) : error;
    return { ok: false, error: toErrorJson(reason ?? error) };
  } finally {
    stop();
  }
}

const DONE = Symbol('attempt done');

/**
 * The context a node's `run` receives. A class with lazy parts rather than an object literal of
 * closures, because it is built for every step and most nodes touch only a few of its members.
 */
class AttemptContext implements NodeContext<unknown> {
  readonly params: unknown;
  readonly node: WorkflowNode;
  readonly run: NodeContext<unknown>['run'];
  readonly step: NodeContext<unknown>['step'];
  readonly state: JsonObject;
  readonly signal: AbortSignal;
  readonly clock: NodeContext<unknown>['clock'];
  readonly workflow: NodeContext<unknown>['workflow'];
  readonly #host: AttemptHost;
  readonly #step: StepState;
  readonly #extraScope: Record<string, Json> | undefined;
  #inputs: Record<string, Json> | undefined;
  #logger: NodeContext<unknown>['logger'] | undefined;
  #secrets: NodeContext<unknown>['secrets'] | undefined;
  #model: NodeContext<unknown>['model'] | undefined;
  #record: NodeContext<unknown>['record'] | undefined;

  constructor(options: {
    host: AttemptHost;
    step: StepState;
    node: WorkflowNode;
    params: unknown;
    signal: AbortSignal;
    extraScope: Record<string, Json> | undefined;
  }) {
    const { host, step } = options;
    this.#host = host;
    this.#step = step;
    this.#extraScope = options.extraScope;
    this.params = options.params;
    this.node = options.node;
    this.signal = options.signal;
    this.clock = host.services.clock;
    this.workflow = host.workflow;
    this.state = host.state();
    this.run = { id: host.runId, workflowId: host.workflowId, input: host.runInput };
    this.step = {
      id: step.stepId,
      nodeId: step.nodeId,
      attempt: step.attemptNo,
      iteration: step.iteration,
      idempotencyKey: `${host.runId}:${step.stepId}`,
    };
    if (step.index !== undefined) this.step.index = step.index;
  }

  get inputs(): Record<string, Json> {
    return (this.#inputs ??= this.#host.inputsOf(this.#step.nodeId));
  }

  get logger(): NodeContext<unknown>['logger'] {
    return (this.#logger ??= this.#host.redactor.logger(this.#host.services.logger));
  }

  get secrets(): NodeContext<unknown>['secrets'] {
    return (this.#secrets ??= this.#host.redactor.watch(this.#host.services.secrets));
  }

  get model(): NodeContext<unknown>['model'] {
    const host = this.#host;
    const signal = this.signal;
    return (this.#model ??= {
      resolve: (nodeSetting) => host.resolveModel(nodeSetting),
      generate: (request, callOptions) =>
        host.services.models.generate(request, { ...callOptions, signal: callOptions?.signal ?? signal }),
      embed: (request) => {
        const models = host.services.models;
        if (!models.embed) {
          throw new ProviderError(`The model provider cannot embed text (asked for ${request.model})`, { code: 'PROVIDER_UNAVAILABLE' });
        }
        return models.embed(request, { signal });
      },
    });
  }

  get artifacts(): NodeContext<unknown>['artifacts'] {
    const host = this.#host;
    const step = this.#step;
    return {
      async put(name, data, contentType = 'application/octet-stream') {
        const store = host.services.artifacts;
        if (!store) throw new WeftError('NODE_FAILED', 'No artifact store is configured for this engine', { retryable: false });
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        const record = await store.put(
          { runId: host.runId, stepId: step.stepId, name, contentType, createdAt: host.services.clock.now() },
          bytes,
        );
        host.emit(step.stepId, 'artifact.created', {
          id: record.id,
          name: record.name,
          contentType: record.contentType,
          size: record.size,
        });
        return record;
      },
    };
  }

  get workspace(): string {
    const { services, workflow, runId } = this.#host;
    return workflow.workspace
      ? join(services.workspaceRoot, 'projects', workflow.workspace)
      : join(services.workspaceRoot, 'runs', runId);
  }

  get record(): NodeContext<unknown>['record'] {
    const attempt = this.#step.attempt;
    return (this.#record ??= {
      model: (model) => {
        if (attempt) attempt.model = model;
      },
      usage: (usage) => {
        if (attempt) attempt.usage = addUsage(attempt.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, usage);
      },
      toolCall: (trace) => {
        if (attempt) (attempt.toolCalls ??= []).push(trace);
      },
    });
  }

  emit(type: Parameters<NodeContext<unknown>['emit']>[0], data: Json): void {
    this.#host.emit(this.#step.stepId, type, data);
  }

  async render(value: unknown, extra?: Record<string, Json>): Promise<Json> {
    const scope = await this.#host.scope({ ...this.#extraScope, ...extra });
    return this.#host.services.templates.render(value, scope as Parameters<TemplateRender>[1]);
  }

  runChildren(children: ChildStepSpec[], options: { concurrency: number }): Promise<ChildStepResult[]> {
    return this.#host.runChildren(this.#step, children, options.concurrency);
  }

  runWorkflow(definition: NodeContext<unknown>['workflow'], input: Json): Promise<Json> {
    return this.#host.runWorkflow(this.#step, definition, input, this.signal);
  }
}

type TemplateRender = AttemptHost['services']['templates']['render'];

/** The node's result, or the abort reason if the signal fires first (a node that ignores its signal is left behind). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** True when a JSON value holds a `{{` anywhere: only then does it need rendering. */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsTemplate);
  return false;
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArtifactStore } from '../ports/artifact-store.ts';
import { createTemplateEngine, type TemplateEngine } from '../expressions/index.ts';
import {
  ConflictError,
  InvalidWorkflowError,
  NotFoundError,
  ProviderError,
  WeftError,
} from '../errors.ts';
import type { RunEvent } from '../events.ts';
import type { CompiledGraph } from '../graph/compile.ts';
import type { Json, JsonObject } from '../json.ts';
import type { NodeRegistry } from '../nodes/define-node.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { silentLogger, type Logger } from '../ports/logger.ts';
import type { ModelProvider } from '../ports/model-provider.ts';
import type { RunStore } from '../ports/run-store.ts';
import { noSecrets, type SecretResolver } from '../ports/secret-resolver.ts';
import { TERMINAL_RUN_STATUSES, type RunOptions, type RunRecord, type RunStatus, type StepRecord } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';
import { validateWorkflow } from '../workflow/validate.ts';
import { EventBus, type RunEventListener } from './event-bus.ts';
import { RunExecution, type ChildRunner } from './run-execution.ts';
import type { ExecutionServices } from './services.ts';
import { downstreamSteps } from './downstream.ts';
import { testNode, type NodeTestRequest, type NodeTestResult } from './node-test.ts';
import { copyForRerun } from './rerun.ts';

/** What the composition root hands the engine. Only `store` and `registry` are required. */
export interface EngineOptions {
  store: RunStore;
  registry: NodeRegistry;
  models?: ModelProvider;
  templates?: TemplateEngine;
  clock?: Clock;
  logger?: Logger;
  secrets?: SecretResolver;
  /** Identity of this process for run leases (default: host:pid:random). */
  owner?: string;
  leaseMs?: number;
  maxInlineWaitMs?: number;
  defaultConcurrency?: number;
  env?: Record<string, string | undefined>;
  /** Model used when nothing names one (the CLI passes `ollama:llama3.2`). */
  fallbackModel?: string;
  /** Tells whether the process that holds a lease is still alive (lets `resume` take over a dead one at once). */
  isOwnerAlive?: (owner: string) => boolean;
  newId?: () => string;
  random?: () => number;
  /** Where nodes' files (written files, shell output, downloads) are stored. */
  artifacts?: ArtifactStore;
  /** Folder for run and project workspaces (default `./.weft/workspaces`). */
  workspaceRoot?: string;
}

/** Starting a run: the workflow, its input and per-run options. */
export interface StartRunRequest {
  /** The definition to run (validated and saved as a version). Leave out to run a stored version. */
  workflow?: WorkflowDefinition;
  /** Defaults to the workflow's `id`, else a slug of its name. Required when `workflow` is absent. */
  workflowId?: string;
  /** A stored version to run (default: the latest); only when `workflow` is absent. */
  version?: number;
  input?: Json;
  options?: RunOptions;
  /** Create the run only (status `queued`); something else executes it. */
  enqueueOnly?: boolean;
}

/** A re-run from a chosen step. */
export interface RerunRequest {
  fromStepId: string;
  input?: Json;
  params?: JsonObject;
  /** Create the run only (status `queued`); something else executes it. */
  enqueueOnly?: boolean;
}

/** The durable workflow engine: the same code in `weft run`, `weft serve` and workers. */
export interface Engine {
  /** Validates, saves the workflow version, creates the run and (unless enqueueOnly) executes it. */
  startRun(request: StartRunRequest): Promise<{ run: RunRecord; done: Promise<RunRecord> }>;
  /** Executes (or continues) a stored run until it ends or waits. */
  execute(runId: string): Promise<RunRecord>;
  /** Cancels a run: in this process, or by marking it cancelled for the process that holds it. */
  cancel(runId: string, reason?: string): Promise<RunRecord>;
  /** Resets a failed or cancelled step and everything after it (attempts kept), then continues the run. */
  retryStep(runId: string, stepId: string): Promise<RunRecord>;
  /** Resumes a waiting step with a payload that becomes its output, then continues the run. */
  resumeStep(runId: string, stepId: string, payload: { output: Json; port?: string }): Promise<RunRecord>;
  /**
   * Starts a new run of the same workflow version from `fromStepId`: steps that are not downstream
   * of it are copied over as they ended; it and everything after it run again, with `params`
   * merged over its own and `input` replacing the run input when given.
   */
  rerun(runId: string, request: RerunRequest): Promise<{ run: RunRecord; done: Promise<RunRecord> }>;
  /** Executes one node with pinned input and upstream outputs, outside any run; stores nothing. */
  testNode(request: NodeTestRequest): Promise<NodeTestResult>;
  /** Continues waiting runs whose timed wait is due (a wait longer than the in-process limit). Returns their ids. */
  wakeDueRuns(): Promise<string[]>;
  /**
   * Finds runs a dead process left (running, or queued and never started) and continues them.
   * `only: ['running']` leaves queued runs to a queue that starts them in order. Returns their ids.
   */
  resumeOrphans(options?: { only?: RunStatus[] }): Promise<string[]>;
  /** Live events of a run (or `'*'` for all runs), after they are persisted. */
  subscribe(runId: string, listener: RunEventListener): () => void;
  /**
   * Graceful stop: every run executing here lets its running steps finish and commit, starts no
   * new step, and is left `running` (lease released) for the next process to continue.
   */
  drain(): Promise<void>;
  /** Runs executing in this process. */
  activeRuns(): string[];
  /** The compiled graph of a stored workflow version. */
  graphOf(workflowId: string, version: number): Promise<{ workflow: WorkflowDefinition; graph: CompiledGraph }>;
  close(): Promise<void>;
}

/** Creates an engine from its ports. */
export function createEngine(options: EngineOptions): Engine {
  const ownTemplates = options.templates === undefined;
  const services: ExecutionServices = {
    store: options.store,
    registry: options.registry,
    templates: options.templates ?? createTemplateEngine(),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    secrets: options.secrets ?? noSecrets,
    models: options.models ?? noModels,
    bus: new EventBus(),
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: options.leaseMs ?? 30_000,
    maxInlineWaitMs: options.maxInlineWaitMs ?? 60_000,
    defaultConcurrency: options.defaultConcurrency ?? 8,
    env: options.env ?? {},
    fallbackModel: options.fallbackModel ?? 'ollama:llama3.2',
    envModel: options.env?.['WEFT_MODEL'] || undefined,
    random: options.random ?? Math.random,
    artifacts: options.artifacts,
    workspaceRoot: resolve(options.workspaceRoot ?? join('.weft', 'workspaces')),
  };
  const newId = options.newId ?? randomUUID;
  const executions = new Map<string, { execution: RunExecution; done: Promise<RunRecord> }>();
  let draining = false;
  const graphs = new Map<string, { workflow: WorkflowDefinition; graph: CompiledGraph }>();
  const validated = new WeakMap<WorkflowDefinition, Extract<ReturnType<typeof validateWorkflow>, { ok: true }>>();
  const savedAs = new WeakMap<WorkflowDefinition, { workflowId: string; version: number }>();

  async function graphOf(workflowId: string, version: number) {
    const key = `${workflowId}@${version}`;
    const cached = graphs.get(key);
    if (cached) return cached;
    const stored = await services.store.getWorkflowVersion(workflowId, version);
    if (!stored) throw new NotFoundError(`Workflow '${workflowId}' version ${version} not found`);
    const result = validateWorkflow(stored.definition, services.registry);
    if (!result.ok) throw new InvalidWorkflowError(result.problems, `workflow '${workflowId}' v${version}`);
    const compiled = { workflow: result.workflow, graph: result.graph };
    graphs.set(key, compiled);
    return compiled;
  }

  /** The workflow id and version a run will pin: the stored one, or the given definition saved as a version. */
  async function pinVersion(request: StartRunRequest): Promise<{ workflowId: string; version: number; workflow: WorkflowDefinition }> {
    if (!request.workflow) {
      if (!request.workflowId) throw new NotFoundError('Start a run with a workflow definition or a workflowId');
      const version =
        request.version ?? (await services.store.getWorkflowVersion(request.workflowId))?.version;
      if (version === undefined) throw new NotFoundError(`Workflow '${request.workflowId}' not found`);
      const { workflow } = await graphOf(request.workflowId, version);
      return { workflowId: request.workflowId, version, workflow };
    }
    const definition = request.workflow;
    let result = validated.get(definition);
    if (!result) {
      const checked = validateWorkflow(definition, services.registry);
      if (!checked.ok) throw new InvalidWorkflowError(checked.problems);
      validated.set(definition, (result = checked));
    }
    const workflowId = request.workflowId ?? result.workflow.id ?? slug(result.workflow.name);
    // The same definition object started again (a CLI loop, a bench) pins the version saved before.
    const known = savedAs.get(definition);
    if (known?.workflowId === workflowId) return { workflowId, version: known.version, workflow: result.workflow };
    const saved = await services.store.saveWorkflowVersion(workflowId, result.workflow);
    graphs.set(`${workflowId}@${saved.version}`, { workflow: result.workflow, graph: result.graph });
    savedAs.set(definition, { workflowId, version: saved.version });
    return { workflowId, version: saved.version, workflow: result.workflow };
  }

  async function createRun(request: StartRunRequest & { id?: string; parentRunId?: string; parentStepId?: string }) {
    const { workflowId, version, workflow } = await pinVersion(request);
    const id = request.id ?? newId();
    const now = services.clock.now();
    const event: RunEvent = {
      runId: id,
      seq: 1,
      type: 'run.created',
      at: now,
      data: { workflowId, version },
    };
    const run = await services.store.createRun({
      id,
      workflowId,
      workflowVersion: version,
      input: request.input ?? null,
      state: (workflow.state ?? {}) as RunRecord['state'],
      options: request.options ?? {},
      createdAt: now,
      events: [event],
      ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
      ...(request.parentStepId ? { parentStepId: request.parentStepId } : {}),
    });
    services.bus.publish([event]);
    return run;
  }

  async function acquire(run: RunRecord): Promise<boolean> {
    const now = services.clock.now();
    const until = now + services.leaseMs;
    if (await services.store.acquireLease(run.id, services.owner, until, now)) return true;
    // A lease held by a process that is gone can be taken at once instead of waiting for it to expire.
    const dead = run.owner !== undefined && options.isOwnerAlive !== undefined && !options.isOwnerAlive(run.owner);
    return dead && services.store.acquireLease(run.id, services.owner, until, Number.MAX_SAFE_INTEGER);
  }

  function execute(runId: string): Promise<RunRecord> {
    const existing = executions.get(runId);
    if (existing) return existing.done;
    const done = (async () => {
      const run = await services.store.getRun(runId);
      if (!run) throw new NotFoundError(`Run '${runId}' not found`);
      if (TERMINAL_RUN_STATUSES.includes(run.status)) return run;
      if (!(await acquire(run))) {
        throw new ConflictError(`Run '${runId}' is being executed by ${run.owner ?? 'another process'}`);
      }
      const fresh = (await services.store.getRun(runId)) ?? run;
      const { workflow, graph } = await graphOf(fresh.workflowId, fresh.workflowVersion);
      const steps = await services.store.getSteps(runId);
      const execution = new RunExecution({ services, run: fresh, workflow, graph, steps, runChild });
      executions.get(runId)!.execution = execution;
      if (draining) execution.drain();
      return execution.execute();
    })();
    const entry = { execution: undefined as unknown as RunExecution, done };
    executions.set(runId, entry);
    const cleanup = () => {
      if (executions.get(runId) === entry) executions.delete(runId);
    };
    done.then((run) => {
      cleanup();
      if (run.parentRunId && TERMINAL_RUN_STATUSES.includes(run.status)) void continueParent(run);
    }, cleanup);
    return done;
  }

  /**
   * A child run that ended on its own (it had waited, and was resumed) lets its waiting parent
   * step run again: the step finds the ended child and takes its output or its failure.
   */
  async function continueParent(child: RunRecord): Promise<void> {
    const parentId = child.parentRunId as string;
    const parent = await services.store.getRun(parentId);
    const step = parent && (await services.store.getSteps(parentId)).find((s) => s.stepId === child.parentStepId);
    if (!parent || parent.status !== 'waiting' || step?.status !== 'waiting') return;
    const event: RunEvent = {
      runId: parentId,
      seq: parent.lastSeq + 1,
      type: 'step.reset',
      at: services.clock.now(),
      stepId: step.stepId,
      data: { nodeId: step.nodeId, childRunId: child.id, childStatus: child.status },
    };
    try {
      await services.store.commit(parentId, {
        run: { expectStatus: ['waiting'], status: 'running' },
        steps: [{ stepId: step.stepId, nodeId: step.nodeId, iteration: step.iteration, status: 'pending' }],
        events: [event],
      });
    } catch (error) {
      if (error instanceof ConflictError) return;
      throw error;
    }
    services.bus.publish([event]);
    await execute(parentId).catch((error: unknown) =>
      services.logger.warn('Could not continue the parent run', { runId: parentId, error: String(error) }),
    );
  }

  const runChild: ChildRunner = async ({ parent, parentStepId, definition, input, signal }) => {
    const id = `${parent.id}.${parentStepId}`;
    let child = await services.store.getRun(id);
    if (!child) {
      child = await createRun({
        workflow: definition,
        input,
        options: { ...(parent.options.model ? { model: parent.options.model } : {}) },
        id,
        parentRunId: parent.id,
        parentStepId,
        enqueueOnly: true,
      });
    }
    const onAbort = () => void cancel(id, 'Parent step was cancelled').catch(() => {});
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = child.status === 'succeeded' ? child : await execute(id);
      if (result.status === 'succeeded') return result.output ?? null;
      if (result.status === 'waiting') {
        throw new WeftError('CHILD_WAITING', `Waiting for sub-workflow run '${id}'`, { details: { childRunId: id } });
      }
      throw new WeftError('NODE_FAILED', `Sub-workflow run '${id}' ${result.status}: ${result.error?.message ?? ''}`, {
        retryable: false,
      });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  async function cancel(runId: string, reason = 'Cancelled by request'): Promise<RunRecord> {
    const local = executions.get(runId);
    if (local?.execution) {
      local.execution.cancel(reason);
      return local.done;
    }
    for (;;) {
      const run = await services.store.getRun(runId);
      if (!run) throw new NotFoundError(`Run '${runId}' not found`);
      if (TERMINAL_RUN_STATUSES.includes(run.status)) {
        throw new ConflictError(`Run '${runId}' already ${run.status}; only a queued, running or waiting run can be cancelled`);
      }
      const now = services.clock.now();
      const steps = await services.store.getSteps(runId);
      const open = steps.filter((s) => s.status === 'waiting' || s.status === 'pending');
      const event: RunEvent = {
        runId,
        seq: run.lastSeq + 1,
        type: 'run.cancelled',
        at: now,
        data: { error: { code: 'CANCELLED', message: reason, retryable: false } },
      };
      try {
        await services.store.commit(runId, {
          run: {
            expectStatus: [run.status],
            status: 'cancelled',
            endedAt: now,
            error: { code: 'CANCELLED', message: reason, retryable: false },
          },
          steps: open.map((s) => ({ stepId: s.stepId, nodeId: s.nodeId, iteration: s.iteration, status: 'cancelled' as const })),
          events: [event],
        });
        services.bus.publish([event]);
        return (await services.store.getRun(runId)) as RunRecord;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  async function retryStep(runId: string, stepId: string): Promise<RunRecord> {
    const run = await services.store.getRun(runId);
    if (!run) throw new NotFoundError(`Run '${runId}' not found`);
    const steps = await services.store.getSteps(runId);
    const target = steps.find((s) => s.stepId === stepId);
    if (!target) throw new NotFoundError(`Run '${runId}' has no step '${stepId}'`);
    if (target.status !== 'failed' && target.status !== 'cancelled') {
      throw new ConflictError(`Step '${stepId}' is ${target.status}; only a failed or cancelled step can be retried`);
    }
    if (executions.has(runId) || !['failed', 'cancelled'].includes(run.status)) {
      throw new ConflictError(`Run '${runId}' is ${run.status}; retry a step once the run has failed or been cancelled`);
    }
    const { graph } = await graphOf(run.workflowId, run.workflowVersion);
    const reset = downstreamSteps(graph, steps, target);
    const now = services.clock.now();
    let seq = run.lastSeq;
    const events: RunEvent[] = reset.map((s) => ({
      runId,
      seq: ++seq,
      type: 'step.reset',
      at: now,
      stepId: s.stepId,
      data: { nodeId: s.nodeId, retriedStep: stepId },
    }));
    await services.store.commit(runId, {
      run: { expectStatus: [run.status], status: 'running', error: null, endedAt: null },
      steps: reset.map((s) => ({
        stepId: s.stepId,
        nodeId: s.nodeId,
        iteration: s.iteration,
        status: 'pending' as const,
        ...(s.index === undefined ? {} : { index: s.index }),
        ...(s.parentStepId === undefined ? {} : { parentStepId: s.parentStepId }),
      })),
      events,
    });
    services.bus.publish(events);
    return execute(runId);
  }

  async function resumeStep(runId: string, stepId: string, payload: { output: Json; port?: string }) {
    const ports = payload.port ? [payload.port] : undefined;
    const local = executions.get(runId);
    if (local?.execution?.deliver(stepId, payload.output, ports)) return local.done;
    const run = await services.store.getRun(runId);
    if (!run) throw new NotFoundError(`Run '${runId}' not found`);
    const step = (await services.store.getSteps(runId)).find((s) => s.stepId === stepId);
    if (!step) throw new NotFoundError(`Run '${runId}' has no step '${stepId}'`);
    if (step.status !== 'waiting' || run.status !== 'waiting') {
      throw new ConflictError(`Step '${stepId}' is ${step.status} (run ${run.status}); only a waiting step can be resumed`);
    }
    const { graph } = await graphOf(run.workflowId, run.workflowVersion);
    const node = graph.nodes.get(step.nodeId);
    const nodeType = node && services.registry.get(node.type);
    const defaultPorts = nodeType?.outputs ? undefined : ['out'];
    if (ports && nodeType) {
      const declared = typeof nodeType.outputs === 'function' ? nodeType.outputs(node?.params ?? {}) : nodeType.outputs ?? ['out'];
      if (!declared.includes(payload.port as string)) {
        throw new ConflictError(`Step '${stepId}' has no port '${payload.port}'; its ports are ${declared.join(', ')}`);
      }
    }
    const now = services.clock.now();
    const last = step.attempts[step.attempts.length - 1];
    const event: RunEvent = { runId, seq: run.lastSeq + 1, type: 'step.succeeded', at: now, stepId, data: { nodeId: step.nodeId, resumed: true } };
    await services.store.commit(runId, {
      run: { expectStatus: ['waiting'], status: 'running' },
      steps: [
        {
          stepId,
          nodeId: step.nodeId,
          iteration: step.iteration,
          status: 'succeeded',
          ports: ports ?? defaultPorts ?? firstPort(nodeType, node?.params ?? {}),
          wakeAt: null,
          waitingFor: null,
          attempt: { ...(last ?? { attempt: 1 }), status: 'succeeded', output: payload.output, endedAt: now },
        },
      ],
      events: [event],
    });
    services.bus.publish([event]);
    return execute(runId);
  }

  return {
    async startRun(request) {
      const run = await createRun(request);
      const done = request.enqueueOnly ? Promise.resolve(run) : execute(run.id);
      done.catch(() => {});
      return { run, done };
    },
    execute,
    cancel,
    retryStep,
    resumeStep,
    async rerun(runId, request) {
      const source = await services.store.getRun(runId);
      if (!source) throw new NotFoundError(`Run '${runId}' not found`);
      const { graph } = await graphOf(source.workflowId, source.workflowVersion);
      const steps = await services.store.getSteps(runId);
      const from = steps.find((s) => s.stepId === request.fromStepId && s.parentStepId === undefined);
      if (!from) throw new NotFoundError(`Run '${runId}' has no step '${request.fromStepId}'`);
      const options: RunOptions = { ...source.options, rerunOf: { runId, stepId: from.stepId } };
      if (request.params) options.overrides = { ...source.options.overrides, [from.nodeId]: request.params };
      const run = await createRun({
        workflowId: source.workflowId,
        version: source.workflowVersion,
        input: request.input === undefined ? source.input : request.input,
        options,
        enqueueOnly: true,
      });
      const copied = copyForRerun(graph, steps, from);
      if (copied.length > 0) await services.store.commit(run.id, { run: { expectStatus: ['queued'] }, steps: copied });
      const done = request.enqueueOnly ? Promise.resolve(run) : execute(run.id);
      done.catch(() => {});
      return { run, done };
    },
    testNode: (request) => testNode(services, request),
    async resumeOrphans(resume = {}) {
      const now = services.clock.now();
      const wanted = resume.only ?? ['running', 'queued'];
      const found = (await services.store.findOrphanedRuns(now, 100)).filter((r) => wanted.includes(r.status));
      const orphans = new Map(found.map((r) => [r.id, r]));
      if (options.isOwnerAlive) {
        // A lease whose holder is known to be dead need not be waited out.
        const { runs } = await services.store.listRuns({ status: ['running'], limit: 1000 });
        for (const run of runs) if (run.owner && !options.isOwnerAlive(run.owner)) orphans.set(run.id, run);
      }
      const started: string[] = [];
      for (const run of orphans.values()) {
        if (run.parentRunId || executions.has(run.id)) continue;
        started.push(run.id);
        execute(run.id).catch((error: unknown) =>
          services.logger.warn('Could not resume run', { runId: run.id, error: String(error) }),
        );
      }
      return started;
    },
    async wakeDueRuns() {
      const now = services.clock.now();
      const { runs } = await services.store.listRuns({ status: ['waiting'], limit: 1000 });
      const woken: string[] = [];
      for (const run of runs) {
        if (executions.has(run.id)) continue;
        const steps = await services.store.getSteps(run.id);
        if (!steps.some((s) => s.status === 'waiting' && s.wakeAt !== undefined && s.wakeAt <= now)) continue;
        woken.push(run.id);
        execute(run.id).catch((error: unknown) =>
          services.logger.warn('Could not wake run', { runId: run.id, error: String(error) }),
        );
      }
      return woken;
    },
    subscribe: (runId, listener) => services.bus.subscribe(runId, listener),
    activeRuns: () => [...executions.keys()],
    async drain() {
      draining = true;
      for (const entry of executions.values()) entry.execution?.drain();
      await Promise.allSettled([...executions.values()].map((e) => e.done));
    },
    graphOf,
    async close() {
      await Promise.allSettled([...executions.values()].map((e) => e.done));
      if (ownTemplates) await services.templates.close();
    },
  };
}

function firstPort(nodeType: ReturnType<NodeRegistry['get']>, params: Record<string, unknown>): string[] {
  if (!nodeType?.outputs) return ['out'];
  const ports = typeof nodeType.outputs === 'function' ? nodeType.outputs(params) : [...nodeType.outputs];
  return ports.slice(0, 1);
}

/** A model provider that explains how to configure one. */
const noModels: ModelProvider = {
  async generate() {
    throw new ProviderError('No model provider is configured for this engine', { code: 'PROVIDER_UNAVAILABLE' });
  },
};

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, '_$1') || 'workflow'
  );
}

export type { StepRecord };

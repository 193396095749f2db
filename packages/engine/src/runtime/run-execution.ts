import { CancelledError, ConflictError, TimeoutError, toErrorJson, type ErrorJson } from '../errors.ts';
import type { EventDraft, RunEvent, RunEventType } from '../events.ts';
import type { CompiledGraph } from '../graph/compile.ts';
import type { Json, JsonObject } from '../json.ts';
import { ERROR_PORT, type ChildStepResult, type ChildStepSpec, type NodeResult } from '../nodes/define-node.ts';
import { restorePlan } from '../planner/restore.ts';
import { edgeTaken, planSettled, stepIdFor, type PlanAction, type PlanState } from '../planner/plan.ts';
import { addUsage } from '../ports/model-provider.ts';
import type { CommitBatch, RunPatch, StepWrite } from '../ports/run-store.ts';
import { TERMINAL_RUN_STATUSES, type RunRecord, type RunStatus, type StepRecord } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';
import { defaultPort } from '../workflow/validate.ts';
import { prepareParams, runAttempt, type AttemptHost, type AttemptOutcome } from './attempt.ts';
import { nextRetryDelay } from './retry.ts';
import type { ExecutionServices } from './services.ts';
import { stepStateFromRecord, stepWrite, type StepState } from './step-state.ts';
import { runChildSteps } from './child-steps.ts';
import { Redactor } from './redactor.ts';

/** A settled attempt (or a delivery that resumes a waiting step), waiting to be processed. */
interface Settled {
  step: StepState;
  outcome: AttemptOutcome;
}

interface ActiveStep {
  step: StepState;
}

/** A change being assembled: written in one transaction, then attempts launch. */
interface Batch {
  steps: Map<string, StepWrite>;
  events: EventDraft[];
  launches: Array<() => void>;
}

/** How the run is being brought to an end. */
type Ending = { status: 'failed'; error: ErrorJson } | { status: 'cancelled'; error: ErrorJson };

/** Runs a workflow for a child run (sub-workflow) and returns its output. */
export type ChildRunner = (options: {
  parent: RunRecord;
  parentStepId: string;
  definition: WorkflowDefinition;
  input: Json;
  signal: AbortSignal;
}) => Promise<Json>;

/**
 * One run being executed by this process: it owns the run's lease, restores the plan from the
 * store, starts ready steps, commits each result (with the successors it makes ready) in one
 * transaction before those successors start, and ends the run.
 */
export class RunExecution {
  readonly #services: ExecutionServices;
  readonly #graph: CompiledGraph;
  readonly #workflow: WorkflowDefinition;
  readonly #runChild: ChildRunner;
  #run: RunRecord;
  #plan: PlanState | undefined;
  readonly #steps = new Map<string, StepState>();
  readonly #outputs: Record<string, { output: Json; status: string }> = {};
  readonly #active = new Map<string, ActiveStep>();
  readonly #settled: Settled[] = [];
  readonly #retries: StepState[] = [];
  readonly #live: EventDraft[] = [];
  readonly #controller = new AbortController();
  #wake: (() => void) | undefined;
  #tail: Promise<void> = Promise.resolve();
  #seq: number;
  #stateDirty = false;
  #usageDirty = false;
  #ending: Ending | undefined;
  #liveTimer: ReturnType<typeof setTimeout> | undefined;
  #leaseTimer: ReturnType<typeof setInterval> | undefined;
  #runTimer = new AbortController();
  #externallyEnded = false;
  readonly #concurrency: number;
  #running = 0;
  readonly #queued: Array<() => void> = [];
  readonly #host: AttemptHost;
  readonly #redactor = new Redactor();
  #draining = false;
  #lastYield = performance.now();
  /** Steps that became ready while draining and were left for the next process. */
  #deferred = false;
  readonly #backingOff = new Set<string>();

  constructor(options: {
    services: ExecutionServices;
    run: RunRecord;
    workflow: WorkflowDefinition;
    graph: CompiledGraph;
    steps: StepRecord[];
    runChild: ChildRunner;
  }) {
    this.#services = options.services;
    this.#run = options.run;
    this.#workflow = options.workflow;
    this.#graph = options.graph;
    this.#runChild = options.runChild;
    this.#seq = options.run.lastSeq;
    this.#concurrency =
      options.run.options.concurrency ?? options.workflow.defaults?.concurrency ?? options.services.defaultConcurrency;
    for (const record of options.steps) {
      const step = stepStateFromRecord(record);
      this.#steps.set(step.stepId, step);
    }
    this.#restoreOutputs(options.steps);
    this.#host = {
      services: this.#services,
      runId: this.#run.id,
      workflowId: this.#run.workflowId,
      runInput: this.#run.input,
      runSignal: this.#controller.signal,
      workflow: this.#workflow,
      scope: (extra) => this.#scope(extra),
      state: () => this.#run.state,
      inputsOf: (nodeId) => this.#inputsOf(nodeId),
      emit: (stepId, type, data) => this.#emitLive(stepId, type, data),
      resolveModel: (nodeSetting) => this.#resolveModel(nodeSetting),
      runChildren: (parent, children, concurrency) => this.#runChildren(parent, children, concurrency),
      runWorkflow: (parent, definition, input, signal) =>
        this.#runChild({ parent: this.#run, parentStepId: parent.stepId, definition, input, signal }),
      redactor: this.#redactor,
    };
  }

  get runId(): string {
    return this.#run.id;
  }

  /** Cancels the run from this process. */
  cancel(reason = 'Cancelled by request'): void {
    this.#end({ status: 'cancelled', error: toErrorJson(new CancelledError(reason)) });
  }

  /** Resumes a waiting step with `output` (and the ports it takes). Returns false when it is not waiting here. */
  deliver(stepId: string, output: Json, ports?: string[]): boolean {
    const step = this.#steps.get(stepId);
    if (!step || step.status !== 'waiting' || !this.#active.has(stepId)) return false;
    this.#settled.push({ step, outcome: { ok: true, result: { output, ...(ports ? { ports } : {}) } } });
    this.#notify();
    return true;
  }

  /** Executes until the run ends or waits. Resolves with the run as stored. */
  async execute(): Promise<RunRecord> {
    this.#startLeaseRenewal();
    this.#startRunTimeout();
    try {
      await this.#begin();
      await this.#loop();
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await this.#onExternalChange();
    } finally {
      clearInterval(this.#leaseTimer);
      clearTimeout(this.#liveTimer);
      this.#runTimer.abort(FINISHED);
      await this.#tail.catch(() => {});
      await this.#services.store.releaseLease(this.#run.id, this.#services.owner).catch(() => {});
    }
    return (await this.#services.store.getRun(this.#run.id)) ?? this.#run;
  }

  async #begin(): Promise<void> {
    const batch = newBatch();
    const from = this.#run.status;
    const patch: RunPatch = { expectStatus: [from], status: 'running' };
    if (this.#run.startedAt === undefined) patch.startedAt = this.#services.clock.now();
    this.#event(batch, from === 'queued' ? 'run.started' : 'run.resumed', undefined, {});
    this.#run = { ...this.#run, status: 'running' };

    const restored = restorePlan(this.#graph, [...this.#steps.values()].map(asRecordShape));
    this.#plan = restored.state;
    for (const action of [...restored.unrecorded, ...restored.open]) await this.#apply(action, batch);
    await this.#commit(batch, patch);
  }

  async #loop(): Promise<void> {
    for (;;) {
      if (this.#settled.length === 0 && (this.#retries.length === 0 || this.#draining)) {
        if (this.#draining && !this.#attemptsInFlight()) {
          // Stopped between steps: the run stays `running` with every result committed, and is
          // continued (by replay) when a process next picks it up.
          if (this.#deferred || this.#active.size > 0) return;
        }
        if (this.#active.size === 0) return this.#finish();
        if (this.#onlyWaiting() && !this.#ending) {
          const proceed = await this.#waitInline();
          if (!proceed) return;
          continue;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      await this.#yieldNow();
      const batch = newBatch();
      for (const step of this.#retries.splice(0)) await this.#startAttempt(step, batch);
      for (const settled of this.#settled.splice(0)) await this.#process(settled, batch);
      await this.#commit(batch);
    }
  }

  /** Lets running attempts finish and commit, starts nothing new, then returns without ending the run. */
  drain(): void {
    this.#draining = true;
    this.#notify();
  }

  /** Attempts actually executing (not waiting for a person, not sleeping before a retry). */
  #attemptsInFlight(): boolean {
    for (const { step } of this.#active.values()) {
      if (step.status === 'running' && !this.#backingOff.has(step.stepId)) return true;
    }
    return false;
  }

  /**
   * A run of fast steps is one long chain of microtasks (the SQLite store is synchronous): give the
   * event loop a turn every couple of milliseconds, so responses, streams and other runs keep moving.
   */
  async #yieldNow(): Promise<void> {
    const now = performance.now();
    if (now - this.#lastYield < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#lastYield = performance.now();
  }

  #onlyWaiting(): boolean {
    for (const { step } of this.#active.values()) if (step.status !== 'waiting') return false;
    return true;
  }

  /** Waits in-process for a step that wakes soon; otherwise marks the run waiting. */
  async #waitInline(): Promise<boolean> {
    const now = this.#services.clock.now();
    let next: StepState | undefined;
    for (const { step } of this.#active.values()) {
      if (step.wakeAt !== undefined && (!next || step.wakeAt < (next.wakeAt as number))) next = step;
    }
    if (!next || (next.wakeAt as number) - now > this.#services.maxInlineWaitMs) {
      const batch = newBatch();
      this.#event(batch, 'run.waiting', undefined, { steps: [...this.#active.keys()] });
      await this.#commit(batch, { expectStatus: ['running'], status: 'waiting' });
      this.#run = { ...this.#run, status: 'waiting' };
      return false;
    }
    const woken = new Promise<void>((resolve) => (this.#wake = resolve));
    const timer = new AbortController();
    const wakeStep = next;
    await Promise.race([
      woken,
      this.#services.clock.sleep(Math.max(0, (wakeStep.wakeAt as number) - now), timer.signal).then(
        () => {
          if (wakeStep.status === 'waiting' && !this.#settled.some((s) => s.step === wakeStep)) {
            const waitingFor = wakeStep.waitingFor as JsonObject | undefined;
            const output = waitingFor?.['timeoutOutput'] ?? null;
            const port = waitingFor?.['timeoutPort'];
            const result: NodeResult = typeof port === 'string' ? { output, ports: [port] } : { output };
            this.#settled.push({ step: wakeStep, outcome: { ok: true, result } });
          }
        },
        () => {},
      ),
    ]);
    timer.abort(FINISHED);
    this.#wake = undefined;
    return true;
  }

  async #apply(action: PlanAction, batch: Batch): Promise<void> {
    if (action.kind === 'loop-limit') {
      this.#event(batch, 'log', action.nodeId, {
        level: 'warn',
        message: `Loop at '${action.nodeId}' reached maxIterations (${action.maxIterations}); leaving the loop.`,
      });
      return;
    }
    const stepId = stepIdFor(action.nodeId, action.iteration);
    let step = this.#steps.get(stepId);
    if (!step) {
      step = { stepId, nodeId: action.nodeId, iteration: action.iteration, status: 'pending', attemptNo: 0 };
      this.#steps.set(stepId, step);
    }
    if (action.kind === 'skip') {
      step.status = 'skipped';
      delete step.attempt;
      this.#outputs[action.nodeId] = { output: null, status: 'skipped' };
      batch.steps.set(stepId, stepWrite(step));
      this.#event(batch, 'step.skipped', stepId, { nodeId: step.nodeId });
      return;
    }
    if (this.#ending) return;
    if (this.#draining && step.status !== 'waiting') {
      this.#deferred = true;
      return;
    }
    if (step.status === 'waiting') {
      this.#active.set(stepId, { step });
      return;
    }
    await this.#startAttempt(step, batch);
  }

  /** Prepares a new attempt of a step into the batch; it launches once the batch is committed. */
  async #startAttempt(step: StepState, batch: Batch): Promise<void> {
    const node = this.#graph.nodes.get(step.nodeId);
    const nodeType = node && this.#services.registry.get(node.type);
    if (!node || !nodeType) throw new Error(`Node '${step.nodeId}' vanished from a validated workflow`);
    this.#active.set(step.stepId, { step });
    if (this.#ending) {
      this.#settled.push({ step, outcome: { ok: false, error: this.#ending.error } });
      return;
    }
    const override = this.#run.options.overrides?.[step.nodeId];
    const prepared = await prepareParams(this.#host, override ? { ...node, params: { ...node.params, ...override } } : node, nodeType);
    step.attemptNo += 1;
    step.status = 'running';
    step.attempt = {
      attempt: step.attemptNo,
      status: 'running',
      input: prepared.input,
      startedAt: this.#services.clock.now(),
    };
    delete step.wakeAt;
    delete step.waitingFor;
    batch.steps.set(step.stepId, stepWrite(step));
    this.#event(batch, 'step.started', step.stepId, {
      nodeId: step.nodeId,
      type: node.type,
      attempt: step.attemptNo,
      iteration: step.iteration,
    });
    if (!prepared.ok) {
      const error = prepared.error;
      batch.launches.push(() => this.#settle(step, { ok: false, error: { ...error, retryable: false } }));
      return;
    }
    batch.launches.push(() =>
      this.#throttle(() =>
        runAttempt({
          host: this.#host,
          step,
          node,
          nodeType,
          params: prepared.params,
          signal: this.#controller.signal,
        }),
      ).then((outcome) => this.#settle(step, outcome)),
    );
  }

  /** Keeps at most `concurrency` attempts running in this run. */
  #throttle<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      const start = () => {
        this.#running += 1;
        void work()
          .then(resolve)
          .finally(() => {
            this.#running -= 1;
            this.#queued.shift()?.();
          });
      };
      if (this.#running < this.#concurrency) start();
      else this.#queued.push(start);
    });
  }

  #settle(step: StepState, outcome: AttemptOutcome): void {
    this.#settled.push({ step, outcome });
    this.#notify();
  }

  #notify(): void {
    this.#wake?.();
  }

  async #process({ step, outcome }: Settled, batch: Batch): Promise<void> {
    const attempt = step.attempt;
    const now = this.#services.clock.now();
    if (attempt && attempt.status === 'running') {
      attempt.endedAt = now;
      if (attempt.usage) {
        this.#run.usage = addUsage(this.#run.usage, attempt.usage);
        this.#usageDirty = true;
      }
    }
    if (outcome.ok) return this.#succeeded(step, outcome.result, batch);
    const error = outcome.error;
    if (error.code === 'CHILD_WAITING' && !this.#ending) {
      // The sub-workflow waits for someone; this step waits with it and runs again when it ends.
      return this.#succeeded(step, { output: null, wait: { reason: { message: error.message, ...(error.details as JsonObject) } } }, batch);
    }
    this.#active.delete(step.stepId);
    if (attempt) {
      attempt.status = 'failed';
      attempt.error = error;
    }
    if (this.#ending || error.code === 'CANCELLED') {
      step.status = 'cancelled';
      if (attempt) attempt.status = 'cancelled';
      batch.steps.set(step.stepId, stepWrite(step));
      this.#event(batch, 'step.cancelled', step.stepId, { nodeId: step.nodeId, error: asJson(error) });
      if (!this.#ending) this.#end({ status: 'cancelled', error });
      return;
    }
    const node = this.#graph.nodes.get(step.nodeId);
    const delay = nextRetryDelay(node?.retry, step.attemptNo, error, this.#services.random);
    if (delay !== undefined) {
      batch.steps.set(step.stepId, stepWrite(step));
      this.#event(batch, 'step.retrying', step.stepId, {
        nodeId: step.nodeId,
        attempt: step.attemptNo,
        delayMs: delay,
        error: asJson(error),
      });
      this.#active.set(step.stepId, { step });
      this.#backingOff.add(step.stepId);
      this.#services.clock.sleep(delay, this.#controller.signal).then(
        () => {
          this.#backingOff.delete(step.stepId);
          this.#retries.push(step);
          this.#notify();
        },
        () => this.#settle(step, { ok: false, error: this.#ending?.error ?? toErrorJson(new CancelledError()) }),
      );
      return;
    }
    step.status = 'failed';
    const routed = this.#graph.outgoing.get(step.nodeId)?.some((e) => e.port === ERROR_PORT) ?? false;
    if (routed) step.ports = [ERROR_PORT];
    batch.steps.set(step.stepId, stepWrite(step));
    this.#event(batch, 'step.failed', step.stepId, { nodeId: step.nodeId, error: asJson(error), routed });
    if (!routed) {
      this.#end({ status: 'failed', error: { ...error, message: `Step '${step.stepId}' failed: ${error.message}` } });
      return;
    }
    this.#outputs[step.nodeId] = { output: asJson(error), status: 'failed' };
    await this.#advance(step.nodeId, [ERROR_PORT], batch);
  }

  async #succeeded(step: StepState, result: NodeResult, batch: Batch): Promise<void> {
    const attempt = step.attempt;
    if (result.state) {
      this.#run.state = { ...this.#run.state, ...result.state };
      this.#stateDirty = true;
    }
    if (result.wait && step.status !== 'waiting') {
      step.status = 'waiting';
      if (attempt) attempt.status = 'waiting';
      step.waitingFor = { reason: result.wait.reason, timeoutOutput: result.wait.timeoutOutput ?? null };
      if (result.wait.timeoutPort) step.waitingFor['timeoutPort'] = result.wait.timeoutPort;
      if (result.wait.wakeAt !== undefined) step.wakeAt = result.wait.wakeAt;
      batch.steps.set(step.stepId, stepWrite(step));
      this.#event(batch, 'step.waiting', step.stepId, {
        nodeId: step.nodeId,
        reason: result.wait.reason,
        ...(step.wakeAt === undefined ? {} : { wakeAt: step.wakeAt }),
      });
      return;
    }
    this.#active.delete(step.stepId);
    const node = this.#graph.nodes.get(step.nodeId);
    const ports = result.ports ?? [defaultPort(node && this.#services.registry.get(node.type), node ?? fallbackNode(step))];
    step.status = 'succeeded';
    step.ports = ports;
    step.output = result.output;
    delete step.wakeAt;
    delete step.waitingFor;
    if (attempt) {
      attempt.status = 'succeeded';
      attempt.output = result.output;
      attempt.endedAt ??= this.#services.clock.now();
    }
    batch.steps.set(step.stepId, stepWrite(step));
    const data: JsonObject = { nodeId: step.nodeId, ports, durationMs: durationOf(step) };
    if (attempt?.usage) data['usage'] = attempt.usage as unknown as Json;
    this.#event(batch, 'step.succeeded', step.stepId, data);
    this.#outputs[step.nodeId] = { output: result.output, status: 'succeeded' };
    await this.#advance(step.nodeId, ports, batch);
  }

  async #advance(nodeId: string, ports: string[], batch: Batch): Promise<void> {
    if (this.#ending || !this.#plan) return;
    for (const action of planSettled(this.#plan, { nodeId, ports })) await this.#apply(action, batch);
  }

  /** Brings the run to an end: in-flight attempts are aborted and the run finishes once they settle. */
  #end(ending: Ending): void {
    if (this.#ending) return;
    this.#ending = ending;
    this.#controller.abort(ending.status === 'cancelled' ? new CancelledError(ending.error.message) : ending.error);
    for (const { step } of this.#active.values()) {
      if (step.status === 'waiting') this.#settle(step, { ok: false, error: ending.error });
    }
    this.#notify();
  }

  async #finish(): Promise<void> {
    const batch = newBatch();
    const now = this.#services.clock.now();
    if (this.#ending) {
      const { status, error } = this.#ending;
      this.#event(batch, status === 'failed' ? 'run.failed' : 'run.cancelled', undefined, { error: asJson(error) });
      await this.#commit(batch, { expectStatus: ['running', 'waiting'], status, error, endedAt: now });
      return;
    }
    const output = await this.#runOutput();
    this.#event(batch, 'run.succeeded', undefined, { usage: this.#run.usage as unknown as Json });
    await this.#commit(batch, { expectStatus: ['running'], status: 'succeeded', output, endedAt: now, error: null });
  }

  async #runOutput(): Promise<Json> {
    if (this.#workflow.output !== undefined) {
      return this.#services.templates.render(this.#workflow.output, (await this.#scope()) as never);
    }
    const done = this.#graph.sinks.filter((id) => this.#outputs[id]?.status === 'succeeded');
    if (done.length === 1) return this.#outputs[done[0] as string]?.output ?? null;
    const outputs: JsonObject = {};
    for (const id of done) outputs[id] = this.#outputs[id]?.output ?? null;
    return outputs;
  }

  /** Writes a batch (plus buffered live events) in one transaction, publishes its events, then launches. */
  #commit(batch: Batch, runPatch?: RunPatch): Promise<void> {
    // Once another process ended or took the run, nothing more is written from here.
    if (this.#externallyEnded) return Promise.resolve();
    const work = this.#tail.then(async () => {
      const redact = this.#redactor;
      const events = redact.value(this.#number([...this.#live.splice(0), ...batch.events]));
      const patch: RunPatch = redact.value(runPatch ?? { expectStatus: ['running'] });
      if (this.#stateDirty) patch.state = redact.value(this.#run.state);
      if (this.#usageDirty) patch.usage = this.#run.usage;
      const commit: CommitBatch = { run: patch, events };
      if (batch.steps.size > 0) commit.steps = redact.value([...batch.steps.values()]);
      await this.#services.store.commit(this.#run.id, commit);
      this.#stateDirty = false;
      this.#usageDirty = false;
      this.#run.lastSeq = this.#seq;
      if (patch.status) this.#run = { ...this.#run, status: patch.status };
      this.#services.bus.publish(events);
    });
    this.#tail = work.catch(() => {});
    return work.then(() => {
      for (const launch of batch.launches) launch();
    });
  }

  #number(drafts: EventDraft[]): RunEvent[] {
    const at = this.#services.clock.now();
    return drafts.map((d) => ({ runId: this.#run.id, seq: ++this.#seq, at, ...d }));
  }

  #event(batch: Batch, type: RunEventType, stepId: string | undefined, data: Json): void {
    batch.events.push(stepId === undefined ? { type, data } : { type, stepId, data });
  }

  /** Live events from nodes (tokens, logs…) are coalesced and written a few times a second. */
  #emitLive(stepId: string, type: RunEventType, data: Json): void {
    const last = this.#live[this.#live.length - 1];
    if (
      type === 'llm.token' &&
      last?.type === 'llm.token' &&
      last.stepId === stepId &&
      typeof (data as JsonObject)?.['text'] === 'string'
    ) {
      const text = ((last.data as JsonObject)['text'] as string) + ((data as JsonObject)['text'] as string);
      last.data = { ...(last.data as JsonObject), text };
    } else {
      this.#live.push({ type, stepId, data });
    }
    if (this.#liveTimer === undefined) {
      this.#liveTimer = setTimeout(() => {
        this.#liveTimer = undefined;
        if (this.#live.length > 0 && !this.#externallyEnded) {
          this.#commit(newBatch(), { expectStatus: ['running', 'waiting'] }).catch((error: unknown) => {
            if (error instanceof ConflictError) this.#end({ status: 'cancelled', error: toErrorJson(error) });
          });
        }
      }, 40);
    }
  }

  async #scope(extra?: Record<string, Json>): Promise<Record<string, unknown>> {
    const env: Record<string, string> = {};
    for (const name of this.#workflow.env ?? []) {
      const value = this.#services.env[name];
      if (value !== undefined) env[name] = value;
    }
    return { input: this.#run.input, steps: this.#outputs, state: this.#run.state, env, ...extra };
  }

  #restoreOutputs(records: StepRecord[]): void {
    const best = new Map<string, StepRecord>();
    for (const record of records) {
      if (record.parentStepId !== undefined) continue;
      const current = best.get(record.nodeId);
      if (!current || record.iteration > current.iteration) best.set(record.nodeId, record);
    }
    for (const [nodeId, record] of best) {
      const step = this.#steps.get(record.stepId);
      const status = record.status;
      if (status === 'succeeded' || status === 'failed' || status === 'skipped') {
        this.#outputs[nodeId] = { output: step?.output ?? null, status };
      }
    }
  }

  /** Renews the lease while the run executes, and stops if another process ended or took the run. */
  #startLeaseRenewal(): void {
    const { store, owner, leaseMs, clock } = this.#services;
    const check = async () => {
      const run = await store.getRun(this.#run.id);
      const endedElsewhere = !run || TERMINAL_RUN_STATUSES.includes(run.status);
      const now = clock.now();
      if (endedElsewhere || !(await store.acquireLease(this.#run.id, owner, now + leaseMs, now))) {
        this.#externallyEnded = true;
        this.#end({ status: 'cancelled', error: toErrorJson(new CancelledError('The run was ended or taken over elsewhere')) });
      }
    };
    this.#leaseTimer = setInterval(() => void check().catch(() => {}), Math.max(50, Math.floor(leaseMs / 3)));
    this.#leaseTimer.unref?.();
  }

  #startRunTimeout(): void {
    const timeoutMs = this.#run.options.timeoutMs ?? this.#workflow.defaults?.timeoutMs;
    if (timeoutMs === undefined) return;
    const elapsed = this.#services.clock.now() - (this.#run.startedAt ?? this.#services.clock.now());
    this.#services.clock.sleep(Math.max(0, timeoutMs - elapsed), this.#runTimer.signal).then(
      () => this.#end({ status: 'failed', error: toErrorJson(new TimeoutError(`Run timed out after ${timeoutMs} ms`)) }),
      () => {},
    );
  }

  /** Another process ended the run (e.g. `weft cancel`): stop our attempts and write nothing over it. */
  async #onExternalChange(): Promise<void> {
    this.#externallyEnded = true;
    this.#controller.abort(new CancelledError('The run was ended elsewhere'));
  }

  /** Outputs of the predecessors whose edges into the node were taken (and, for a loop head, the loop's last round). */
  #inputsOf(nodeId: string): Record<string, Json> {
    const inputs: Record<string, Json> = {};
    const plan = this.#plan;
    for (const edge of this.#graph.incoming.get(nodeId) ?? []) {
      if (plan && !edgeTaken(plan, edge)) continue;
      const from = this.#outputs[edge.from];
      if (from && (from.status === 'succeeded' || from.status === 'failed')) inputs[edge.from] = from.output;
    }
    for (const edge of this.#graph.backIncoming.get(nodeId) ?? []) {
      const from = this.#outputs[edge.from];
      if (from?.status === 'succeeded') inputs[edge.from] = from.output;
    }
    return inputs;
  }

  #resolveModel(nodeSetting?: string): string {
    return (
      this.#run.options.model ??
      nodeSetting ??
      this.#services.envModel ??
      this.#workflow.defaults?.model ??
      this.#services.fallbackModel
    );
  }

  #runChildren(parent: StepState, children: ChildStepSpec[], concurrency: number): Promise<ChildStepResult[]> {
    return runChildSteps({
      parent,
      children,
      concurrency,
      host: this.#host,
      steps: this.#steps,
      signal: this.#controller.signal,
      onAttemptEnd: (attempt) => {
        if (attempt.usage) {
          this.#run.usage = addUsage(this.#run.usage, attempt.usage);
          this.#usageDirty = true;
        }
      },
      commit: (writes, drafts) => {
        const batch = newBatch();
        for (const write of writes) batch.steps.set(write.stepId, write);
        batch.events.push(...drafts);
        return this.#commit(batch, { expectStatus: ['running'] });
      },
    });
  }
}

/** How long a run may keep the event loop before it lets other work through. */
const YIELD_EVERY_MS = 2;

/** Reason given to internal timers when they are no longer needed (no DOMException is built). */
const FINISHED = Symbol('finished');

function newBatch(): Batch {
  return { steps: new Map(), events: [], launches: [] };
}

function asJson(error: ErrorJson): Json {
  return error as unknown as Json;
}

function durationOf(step: StepState): number {
  const a = step.attempt;
  return a?.startedAt !== undefined && a.endedAt !== undefined ? a.endedAt - a.startedAt : 0;
}

function fallbackNode(step: StepState) {
  return { id: step.nodeId, type: '', params: {} };
}

/** Restore works on stored-record shapes; a working copy carries the same facts. */
function asRecordShape(step: StepState): StepRecord {
  const record: StepRecord = {
    runId: '',
    stepId: step.stepId,
    nodeId: step.nodeId,
    iteration: step.iteration,
    status: step.status,
    attempt: step.attemptNo,
    attempts: [],
  };
  if (step.ports) record.ports = step.ports;
  if (step.parentStepId !== undefined) record.parentStepId = step.parentStepId;
  return record;
}

export type { RunStatus };

// Runs workflows against a real engine wired with the node library and in-memory doubles, so node
// tests go through the same seams as `weft run`: a workflow in, a run, its steps and events out.
import {
  createEngine,
  NodeRegistry,
  parseWorkflowText,
  workflowSchema,
  type AttemptRecord,
  type Engine,
  type EngineOptions,
  type Json,
  type ModelProvider,
  type NodeType,
  type RunEvent,
  type RunEventType,
  type RunOptions,
  type RunRecord,
  type StepRecord,
  type StepStatus,
  type WorkflowDefinition,
  type WorkflowInput,
} from '@weft/engine';
import { FakeClock, MemoryRunStore, ScriptedModel, type ScriptedReply } from '@weft/engine/testing';
import { onTestFinished } from 'vitest';
import { createNodeLibrary } from '../library.ts';

/** A workflow as a test writes it: YAML or JSON text, or the object a literal or `workflow()` builds. */
export type WorkflowSource = string | WorkflowInput;

/** How {@link createTestEngine} wires the engine. */
export interface TestEngineOptions {
  /** Scripted model replies, in order (a `ScriptedModel`), or any model provider. */
  model?: ModelProvider | ScriptedReply[];
  /** Egress allowlist of the node library (e.g. `['127.0.0.1']` for a loopback server). */
  egressAllow?: string[];
  /** Node types registered beside the library, e.g. `testNodeTypes` from `@weft/engine/testing`. */
  nodes?: NodeType[];
  /** Other engine options (env, fallbackModel, maxInlineWaitMs…). */
  engine?: Partial<Omit<EngineOptions, 'store' | 'registry' | 'models' | 'clock'>>;
}

/** A run read back from the store, with shortcuts for assertions. */
export interface RunView {
  run: RunRecord;
  /** Every step, in creation order. */
  steps: StepRecord[];
  /** Every persisted event, by sequence number. */
  events: RunEvent[];
  /** Step status by step id. */
  statuses: Record<string, StepStatus>;
  /** The step with this id; throws when there is none. */
  step(stepId: string): StepRecord;
  /** The latest attempt of a step; throws when it has none. */
  attempt(stepId: string): AttemptRecord;
  /** Persisted events of one type, optionally of one step. */
  eventsOf(type: RunEventType, stepId?: string): RunEvent[];
}

/** An engine over a memory store, a fake clock and (optionally) a scripted model. */
export interface TestEngine {
  engine: Engine;
  store: MemoryRunStore;
  clock: FakeClock;
  registry: NodeRegistry;
  /** The scripted model, when replies were given. */
  model: ScriptedModel | undefined;
  /** Starts a run and resolves once it has ended or is waiting. */
  run(source: WorkflowSource, input?: Json, options?: RunOptions): Promise<RunView>;
  /** Reads a run back from the store. */
  inspect(run: string | RunRecord): Promise<RunView>;
  /** Runs started by this engine as children of `runId` (sub-workflows). */
  childRuns(runId: string): Promise<RunRecord[]>;
}

/** Parses workflow text (YAML or JSON) or fills in an object's defaults. */
export function toWorkflow(source: WorkflowSource): WorkflowDefinition {
  return workflowSchema.parse(typeof source === 'string' ? parseWorkflowText(source) : source);
}

/**
 * Creates an engine wired with the node library for one test; it is closed when the test ends.
 *
 * @example
 * const t = createTestEngine({ model: [{ text: 'Hi' }] });
 * const view = await t.run('name: hi\nnodes: [{ id: say, type: llm, params: { prompt: Hello } }]');
 * expect(view.run.output).toBe('Hi');
 */
export function createTestEngine(options: TestEngineOptions = {}): TestEngine {
  const store = new MemoryRunStore();
  const clock = new FakeClock();
  const model = Array.isArray(options.model) ? new ScriptedModel(options.model) : undefined;
  const library = createNodeLibrary({ egressAllow: options.egressAllow ?? [] });
  const registry = new NodeRegistry([...library, ...(options.nodes ?? [])]);
  const engine = createEngine({
    random: () => 0.5,
    ...options.engine,
    store,
    registry,
    clock,
    ...(model ? { models: model } : options.model ? { models: options.model as ModelProvider } : {}),
  });
  onTestFinished(() => engine.close());

  async function inspect(target: string | RunRecord): Promise<RunView> {
    const runId = typeof target === 'string' ? target : target.id;
    const run = await store.getRun(runId);
    if (!run) throw new Error(`no run '${runId}' in the test store`);
    const steps = await store.getSteps(runId);
    const events = await store.listEvents(runId, 0, 100_000);
    const step = (stepId: string) => {
      const found = steps.find((s) => s.stepId === stepId);
      if (!found)
        throw new Error(`run has no step '${stepId}'; steps: ${steps.map((s) => s.stepId).join(', ')}`);
      return found;
    };
    return {
      run,
      steps,
      events,
      statuses: Object.fromEntries(steps.map((s) => [s.stepId, s.status])),
      step,
      attempt(stepId) {
        const last = step(stepId).attempts.at(-1);
        if (!last) throw new Error(`step '${stepId}' has no attempt`);
        return last;
      },
      eventsOf: (type, stepId) =>
        events.filter((e) => e.type === type && (stepId === undefined || e.stepId === stepId)),
    };
  }

  return {
    engine,
    store,
    clock,
    registry,
    model,
    async run(source, input = null, runOptions) {
      const { done } = await engine.startRun({
        workflow: toWorkflow(source),
        input,
        ...(runOptions ? { options: runOptions } : {}),
      });
      return inspect(await done);
    },
    inspect,
    async childRuns(runId) {
      return (await store.listRuns({ parentRunId: runId, limit: 100 })).runs;
    },
  };
}

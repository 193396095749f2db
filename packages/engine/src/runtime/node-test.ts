import { CancelledError, NotFoundError, WeftError, type ErrorJson } from '../errors.ts';
import type { EventDraft } from '../events.ts';
import type { Json, JsonObject } from '../json.ts';
import type { ChildStepResult, ChildStepSpec } from '../nodes/define-node.ts';
import type { ToolCallTrace, Usage } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';
import { prepareParams, runPrepared, type AttemptHost } from './attempt.ts';
import { mapConcurrently } from './concurrency.ts';
import type { ExecutionServices } from './services.ts';
import type { StepState } from './step-state.ts';
import { Redactor } from './redactor.ts';

/** Executing one node with pinned input, outside any run. */
export interface NodeTestRequest {
  workflow: WorkflowDefinition;
  nodeId: string;
  /** The run input the node sees as `input`. */
  input?: Json;
  /** Pinned outputs of other steps, by node id (what `steps.<id>.output` reads). */
  steps?: Record<string, Json>;
  /** Params merged over the node's own. */
  params?: JsonObject;
  /** Per-test model override. */
  model?: string;
  signal?: AbortSignal;
}

/** What the node did. Nothing is stored. */
export interface NodeTestResult {
  status: 'succeeded' | 'failed' | 'waiting';
  /** The rendered params the node received. */
  input: Json;
  output?: Json;
  ports?: string[];
  error?: ErrorJson;
  model?: string;
  usage?: Usage;
  toolCalls?: ToolCallTrace[];
  events: EventDraft[];
  durationMs: number;
}

/** Runs one node of a workflow once, with pinned input and upstream outputs, writing nothing. */
export async function testNode(services: ExecutionServices, request: NodeTestRequest): Promise<NodeTestResult> {
  const { workflow, nodeId } = request;
  const node = workflow.nodes.find((n) => n.id === nodeId);
  if (!node) throw new NotFoundError(`Workflow '${workflow.name}' has no node '${nodeId}'`);
  const nodeType = services.registry.get(node.type);
  if (!nodeType) throw new NotFoundError(`Unknown node type '${node.type}'`);
  const signal = request.signal ?? new AbortController().signal;
  const events: EventDraft[] = [];
  const pinned = request.steps ?? {};
  const steps = Object.fromEntries(Object.entries(pinned).map(([id, output]) => [id, { output, status: 'succeeded' }]));
  const state = (workflow.state ?? {}) as JsonObject;
  const env: Record<string, string> = {};
  for (const name of workflow.env ?? []) {
    const value = services.env[name];
    if (value !== undefined) env[name] = value;
  }
  const host: AttemptHost = {
    services,
    runId: 'node-test',
    workflowId: workflow.id ?? workflow.name,
    runInput: request.input ?? null,
    runSignal: signal,
    workflow,
    scope: (extra) => ({ input: request.input ?? null, steps, state, env, ...extra }),
    state: () => state,
    inputsOf: (id) => {
      const inputs: Record<string, Json> = {};
      for (const edge of workflow.edges) {
        if (edge.to === id && edge.from in pinned) inputs[edge.from] = pinned[edge.from] as Json;
      }
      return inputs;
    },
    emit: (stepId, type, data) => events.push({ type, stepId, data }),
    resolveModel: (setting) =>
      request.model ?? setting ?? services.envModel ?? workflow.defaults?.model ?? services.fallbackModel,
    runChildren: (parent, children, concurrency) => runChildrenInline(host, parent, children, concurrency),
    redactor: new Redactor(),
    runWorkflow: async () => {
      throw new WeftError('NODE_FAILED', 'A sub-workflow cannot run inside a single-node test: run the workflow instead', {
        retryable: false,
      });
    },
  };
  const started = services.clock.now();
  const prepared = await prepareParams(host, { ...node, params: { ...node.params, ...request.params } }, nodeType);
  const step: StepState = {
    stepId: nodeId,
    nodeId,
    iteration: 1,
    status: 'running',
    attemptNo: 1,
    attempt: { attempt: 1, status: 'running', input: prepared.input, startedAt: started },
  };
  const outcome = await runPrepared({ host, step, node, nodeType, prepared, signal });
  const attempt = host.redactor.value(step.attempt);
  const result: NodeTestResult = {
    status: 'failed',
    input: host.redactor.value(prepared.input),
    events,
    durationMs: services.clock.now() - started,
  };
  if (attempt?.model) result.model = attempt.model;
  if (attempt?.usage) result.usage = attempt.usage;
  if (attempt?.toolCalls) result.toolCalls = attempt.toolCalls;
  result.events = host.redactor.value(events);
  if (!outcome.ok) return { ...result, error: host.redactor.value(outcome.error) };
  if (outcome.result.wait) return { ...result, status: 'waiting', output: host.redactor.value(outcome.result.wait.reason) };
  return {
    ...result,
    status: 'succeeded',
    output: host.redactor.value(outcome.result.output),
    ports: outcome.result.ports ?? [],
  };
}

/** Map items and node tools, run one after another without storing anything. */
async function runChildrenInline(
  host: AttemptHost,
  parent: StepState,
  children: ChildStepSpec[],
  concurrency: number,
): Promise<ChildStepResult[]> {
  return mapConcurrently(children, concurrency, async (child): Promise<ChildStepResult> => {
    if (host.runSignal.aborted) throw new CancelledError();
    const nodeType = host.services.registry.get(child.node.type);
    if (!nodeType) return { ok: false, error: { code: 'INVALID_PARAMS', message: `unknown node type '${child.node.type}'` } };
    const node = { id: parent.nodeId, type: child.node.type, params: child.node.params };
    const prepared = await prepareParams(host, node, nodeType, child.scope);
    const step: StepState = {
      stepId: `${parent.stepId}[${child.index}]`,
      nodeId: parent.nodeId,
      iteration: 1,
      index: child.index,
      status: 'running',
      attemptNo: 1,
      attempt: { attempt: 1, status: 'running', input: prepared.input },
    };
    const outcome = await runPrepared({ host, step, node, nodeType, prepared, signal: host.runSignal, extraScope: child.scope });
    return outcome.ok
      ? { ok: true, output: outcome.result.output }
      : { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
  });
}

import { toErrorJson } from '../errors.ts';
import type { EventDraft } from '../events.ts';
import type { ChildStepResult, ChildStepSpec } from '../nodes/define-node.ts';
import type { StepWrite } from '../ports/run-store.ts';
import type { AttemptRecord } from '../records.ts';
import { prepareParams, runPrepared, type AttemptHost } from './attempt.ts';
import { mapConcurrently } from './concurrency.ts';
import { nextRetryDelay } from './retry.ts';
import { stepWrite, type StepState } from './step-state.ts';

/**
 * Runs a node's child steps (map items) durably, at most `concurrency` at once. A child that
 * already succeeded (before a crash, or before a retry of its parent) is not run again.
 */
export async function runChildSteps(options: {
  parent: StepState;
  children: ChildStepSpec[];
  concurrency: number;
  host: AttemptHost;
  steps: Map<string, StepState>;
  signal: AbortSignal;
  onAttemptEnd: (attempt: AttemptRecord) => void;
  commit: (writes: StepWrite[], events: EventDraft[]) => Promise<void>;
}): Promise<ChildStepResult[]> {
  return mapConcurrently(options.children, options.concurrency, (child) => runChild(options, child));
}

async function runChild(
  options: Parameters<typeof runChildSteps>[0],
  child: ChildStepSpec,
): Promise<ChildStepResult> {
  const { parent, host, steps } = options;
  const { services } = host;
  const stepId = `${parent.stepId}[${child.index}]`;
  const existing = steps.get(stepId);
  if (existing?.status === 'succeeded') return { ok: true, output: existing.output ?? null };

  const nodeType = services.registry.get(child.node.type);
  if (!nodeType) {
    return { ok: false, error: { code: 'INVALID_PARAMS', message: `unknown node type '${child.node.type}'` } };
  }
  const step: StepState = existing ?? {
    stepId,
    nodeId: parent.nodeId,
    iteration: parent.iteration,
    index: child.index,
    parentStepId: parent.stepId,
    status: 'pending',
    attemptNo: 0,
  };
  steps.set(stepId, step);
  const node = { id: parent.nodeId, type: child.node.type, params: child.node.params, ...pick(child.node) };

  for (;;) {
    const prepared = await prepareParams(host, node, nodeType, child.scope);
    step.attemptNo += 1;
    step.status = 'running';
    step.attempt = { attempt: step.attemptNo, status: 'running', input: prepared.input, startedAt: services.clock.now() };
    await options.commit([stepWrite(step)], [
      { type: 'step.started', stepId, data: { nodeId: step.nodeId, attempt: step.attemptNo, index: child.index } },
    ]);
    const outcome = await runPrepared({ host, step, node, nodeType, prepared, signal: options.signal, extraScope: child.scope });
    const attempt = step.attempt;
    attempt.endedAt = services.clock.now();
    options.onAttemptEnd(attempt);
    if (outcome.ok) {
      step.status = 'succeeded';
      step.output = outcome.result.output;
      step.ports = outcome.result.ports ?? ['out'];
      attempt.status = 'succeeded';
      attempt.output = outcome.result.output;
      await options.commit([stepWrite(step)], [{ type: 'step.succeeded', stepId, data: { nodeId: step.nodeId } }]);
      return { ok: true, output: outcome.result.output };
    }
    attempt.status = 'failed';
    attempt.error = outcome.error;
    const delay = options.signal.aborted
      ? undefined
      : nextRetryDelay(child.node.retry, step.attemptNo, outcome.error, services.random);
    if (delay === undefined) {
      step.status = options.signal.aborted ? 'cancelled' : 'failed';
      await options
        .commit([stepWrite(step)], [
          { type: 'step.failed', stepId, data: { nodeId: step.nodeId, error: outcome.error as never } },
        ])
        .catch(() => {});
      return { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
    }
    await options.commit([stepWrite(step)], [
      { type: 'step.retrying', stepId, data: { nodeId: step.nodeId, attempt: step.attemptNo, delayMs: delay } },
    ]);
    try {
      await services.clock.sleep(delay, options.signal);
    } catch (error) {
      return { ok: false, error: toErrorJson(error) };
    }
  }
}

function pick(node: ChildStepSpec['node']) {
  const extra: { retry?: NonNullable<ChildStepSpec['node']['retry']>; timeoutMs?: number } = {};
  if (node.retry) extra.retry = node.retry;
  if (node.timeoutMs !== undefined) extra.timeoutMs = node.timeoutMs;
  return extra;
}

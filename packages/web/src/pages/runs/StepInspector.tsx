import type { Run } from '@weft/api';
import { useRef, useState, type KeyboardEvent } from 'react';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { AttemptView } from './AttemptView.tsx';
import type { LiveState } from './liveState.ts';
import type { RunActions } from './runActions.ts';
import type { Attempt, DefinitionNode, NodeRun, StepView } from './runModel.ts';
import { RerunButton, WaitPanel } from './StepActions.tsx';
import { useNow } from './useNow.ts';

const ICON: Record<string, string> = { succeeded: '✓', failed: '✕', running: '●', waiting: '‖', cancelled: '⊘', skipped: '↷', pending: '○' };
const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

function stepLabel(step: StepView): string {
  if (step.index !== undefined) return `item ${step.index}`;
  return `iteration ${step.iteration}`;
}

/**
 * The panel for the selected node: its steps (loop iterations, map items), and for the chosen step its
 * status, actions and every attempt as a tab.
 */
export function StepInspector({
  run,
  node,
  nodeRun,
  selectedStepId,
  onSelectStep,
  live,
  actions,
}: {
  run: Run;
  node: DefinitionNode | undefined;
  nodeRun: NodeRun | undefined;
  selectedStepId: string | undefined;
  onSelectStep: (stepId: string) => void;
  live: LiveState;
  actions: RunActions;
}) {
  if (!node) {
    return (
      <aside className="step-inspector card" data-testid="step-inspector" aria-label="Step inspector">
        <p className="muted">Select a node in the graph to see its input, output and attempts.</p>
      </aside>
    );
  }
  const all = [...(nodeRun?.steps ?? []), ...(nodeRun?.items ?? [])];
  const step = all.find((s) => s.stepId === selectedStepId) ?? nodeRun?.steps.at(-1);
  return (
    <aside className="step-inspector card" data-testid="step-inspector" aria-label="Step inspector">
      <header className="inspector-head">
        <h2>
          {node.name ?? node.id} <span className="muted run-node-type">{node.type}</span>
        </h2>
        <StatusBadge status={step?.status ?? 'pending'} />
      </header>
      {all.length > 1 && (
        <div className="step-picker" role="group" aria-label="Steps of this node">
          {all.map((s) => (
            <button
              key={s.stepId}
              type="button"
              className={`small step-chip status-${s.status}`}
              aria-pressed={s.stepId === step?.stepId}
              title={`${s.stepId}: ${s.status}`}
              onClick={() => onSelectStep(s.stepId)}
            >
              <span aria-hidden="true">{ICON[s.status] ?? '•'}</span> {s.parentStepId === undefined && nodeRun && nodeRun.steps.length === 1 ? 'all items' : stepLabel(s)}
              <span className="visually-hidden"> {s.status}</span>
            </button>
          ))}
        </div>
      )}
      {step ? (
        <StepDetail key={step.stepId} run={run} node={node} step={step} live={live} actions={actions} />
      ) : (
        <p className="muted">This node has not run{ENDED.has(run.status) ? '' : ' yet'}.</p>
      )}
    </aside>
  );
}

function StepDetail({ run, node, step, live, actions }: { run: Run; node: DefinitionNode; step: StepView; live: LiveState; actions: RunActions }) {
  const liveStep = live.steps[step.stepId];
  const running = step.status === 'running';
  const now = useNow(running);
  const attempts: Attempt[] = [...(step.record?.attempts ?? [])];
  const liveAttempt = liveStep?.attempt;
  if (running && liveAttempt !== undefined && !attempts.some((a) => a.attempt === liveAttempt)) {
    attempts.push({ attempt: liveAttempt, status: 'running' });
  }
  const latest = attempts.at(-1)?.attempt;
  const [picked, setPicked] = useState<number>();
  const shown = attempts.find((a) => a.attempt === picked) ?? attempts.at(-1);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const runEnded = ENDED.has(run.status);
  const canRetry = step.status === 'failed' || step.status === 'cancelled';
  const rerunFrom = step.parentStepId ?? step.stepId;

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = attempts[(index + delta + attempts.length) % attempts.length];
    if (!next) return;
    setPicked(next.attempt);
    tabs.current[attempts.indexOf(next)]?.focus();
  };

  return (
    <div className="step-detail">
      {step.stepId !== step.nodeId && (
        <p className="muted step-id">
          Step <code>{step.stepId}</code>
          {step.index !== undefined && <> · item {step.index}</>}
          {step.iteration > 1 && <> · iteration {step.iteration}</>}
        </p>
      )}
      <div className="toolbar">
        {canRetry && (
          <button
            type="button"
            className="primary"
            disabled={!runEnded || actions.retry.isPending}
            title={runEnded ? 'Run this step again; the same run continues' : 'A step can be retried once the run has ended'}
            onClick={() => actions.retry.mutate(step.stepId)}
          >
            Retry step
          </button>
        )}
        {step.record && <RerunButton actions={actions} fromStepId={rerunFrom} runInput={run.input} params={node.params} />}
      </div>
      {step.status === 'waiting' && step.record && !runEnded && (
        <WaitPanel actions={actions} stepId={step.stepId} waitingFor={step.record.waitingFor} wakeAt={step.record.wakeAt} />
      )}
      {attempts.length === 0 ? (
        <p className="muted">{step.status === 'skipped' ? 'Skipped: no branch led here.' : 'No attempt yet.'}</p>
      ) : (
        <>
          <div className="attempt-tabs" role="tablist" aria-label="Attempts">
            {attempts.map((a, i) => (
              <button
                key={a.attempt}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`attempt-tab-${a.attempt}`}
                aria-selected={a === shown}
                aria-controls="attempt-panel"
                tabIndex={a === shown ? 0 : -1}
                title={a.status}
                className={`attempt-tab status-${a.status}`}
                onClick={() => setPicked(a.attempt)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                Attempt {a.attempt} {ICON[a.status] ?? '•'}
              </button>
            ))}
          </div>
          {shown && (
            <div role="tabpanel" id="attempt-panel" aria-labelledby={`attempt-tab-${shown.attempt}`}>
              <AttemptView
                attempt={shown}
                streamed={shown.attempt === latest ? live.streams[step.stepId] : undefined}
                streaming={running && shown.attempt === latest}
                liveToolCalls={shown.attempt === latest ? live.toolCalls[step.stepId] : undefined}
                now={now}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}

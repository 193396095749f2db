import type { Run } from '@weft/api';
import { Link } from 'wouter';
import { dateTime, duration, timeAgo, usd } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { ErrorView } from './ErrorView.tsx';
import { OutputView } from './OutputView.tsx';
import { JsonTree } from '../../ui/JsonTree.tsx';
import type { RunActions } from './runActions.ts';
import type { Connection } from './useRunLive.ts';
import { useNow } from './useNow.ts';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

const CONNECTION_TEXT: Record<Connection, string | undefined> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: undefined,
  failed: 'Live updates unavailable',
};

/** The run's header: workflow and version, status, timing, usage, models, and cancelling it. */
export function RunHeader({
  run,
  workflowName,
  models,
  connection,
  actions,
}: {
  run: Run;
  workflowName: string | undefined;
  models: readonly string[];
  connection: Connection;
  actions: RunActions;
}) {
  const active = ACTIVE.has(run.status);
  const now = useNow(active && run.startedAt !== undefined);
  const elapsed = run.startedAt === undefined ? undefined : (run.endedAt ?? now) - run.startedAt;
  const connectionText = active ? CONNECTION_TEXT[connection] : undefined;
  return (
    <header className="run-header card">
      <div className="run-title">
        <h1>
          <Link href={`/workflows/${encodeURIComponent(run.workflowId)}`}>{workflowName ?? run.workflowId}</Link>{' '}
          <span className="chip" title="Workflow version this run used">
            v{run.workflowVersion}
          </span>
        </h1>
        <StatusBadge status={run.status} />
        {connectionText && (
          <span className={`connection ${connection}`} role="status">
            <span aria-hidden="true">{connection === 'live' ? '●' : '○'} </span>
            {connectionText}
          </span>
        )}
        <span className="run-actions">
          {active && (
            <button type="button" className="danger" disabled={actions.cancel.isPending} onClick={() => actions.cancel.mutate()}>
              Cancel run
            </button>
          )}
        </span>
      </div>
      <p className="muted run-id">
        Run <code>{run.id}</code>
        {run.options.rerunOf && (
          <>
            {' '}
            · re-run of <Link href={`/runs/${encodeURIComponent(run.options.rerunOf.runId)}`}>{run.options.rerunOf.runId.slice(0, 8)}</Link> from{' '}
            <code>{run.options.rerunOf.stepId}</code>
          </>
        )}
        {run.parentRunId && (
          <>
            {' '}
            · child of <Link href={`/runs/${encodeURIComponent(run.parentRunId)}`}>{run.parentRunId.slice(0, 8)}</Link>
          </>
        )}
      </p>
      <dl className="metrics run-metrics">
        <div>
          <dt>Started</dt>
          <dd title={dateTime(run.startedAt ?? run.createdAt)}>{run.startedAt === undefined ? 'not yet' : timeAgo(run.startedAt, now)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{duration(elapsed)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {run.usage.totalTokens.toLocaleString()}
            <span className="muted"> ({run.usage.inputTokens.toLocaleString()} in · {run.usage.outputTokens.toLocaleString()} out)</span>
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{usd(run.usage.costUsd)}</dd>
        </div>
        <div>
          <dt>{models.length > 1 ? 'Models' : 'Model'}</dt>
          <dd className="mono">{models.length ? models.join(', ') : '—'}</dd>
        </div>
      </dl>
      {run.error && (
        <div className="run-error" role="alert">
          <h2>Run {run.status === 'cancelled' ? 'cancelled' : 'failed'}</h2>
          <ErrorView error={run.error} />
        </div>
      )}
      <div className="run-io">
        <details>
          <summary>Input</summary>
          <JsonTree value={run.input} label="Run input" />
        </details>
        {run.output !== undefined && (
          <details>
            <summary>Output</summary>
            <OutputView output={run.output} testId="run-output-text" />
          </details>
        )}
      </div>
    </header>
  );
}

import { Link } from 'wouter';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { RowActions, type RowActionHandlers } from './RowActions.tsx';
import { TriggerChips } from './TriggerChips.tsx';
import type { WorkflowSummary } from './useWorkflowList.ts';

/** The workflows as a table; below 720 px each row becomes a card (see workflows.css). */
export function WorkflowTable({ workflows, ...handlers }: { workflows: WorkflowSummary[] } & RowActionHandlers) {
  return (
    <table className="table workflow-table">
      <thead>
        <tr>
          <th scope="col">Workflow</th>
          <th scope="col">Triggers</th>
          <th scope="col">Last run</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {workflows.map((w) => (
          <tr key={w.id} data-testid="workflow-row" data-workflow-id={w.id}>
            <td className="workflow-name-cell">
              <Link href={`/workflows/${encodeURIComponent(w.id)}`} className="workflow-name">
                {w.name}
              </Link>
              <div className="muted mono fine-print">{w.id}</div>
              {w.description && <div className="muted workflow-description">{w.description}</div>}
            </td>
            <td data-label="Triggers">
              <TriggerChips triggers={w.triggers} />
            </td>
            <td data-label="Last run">
              {w.lastRun ? (
                <Link href={`/runs/${encodeURIComponent(w.lastRun.id)}`} className="last-run">
                  <span className="visually-hidden">Last run: </span>
                  <StatusBadge status={w.lastRun.status} />
                  <span className="muted" title={dateTime(w.lastRun.createdAt)}>
                    {timeAgo(w.lastRun.createdAt)}
                  </span>
                </Link>
              ) : (
                <span className="muted">never run</span>
              )}
            </td>
            <td data-label="Updated">
              <span title={dateTime(w.updatedAt)}>{timeAgo(w.updatedAt)}</span>
              <span className="muted"> · v{w.latestVersion}</span>
            </td>
            <td className="workflow-actions">
              {w.triggers.includes('chat') && (
                <Link href={`/chat/${encodeURIComponent(w.id)}`} className="button small" aria-label={`Chat with ${w.name}`}>
                  Chat
                </Link>
              )}
              <RowActions workflow={w} {...handlers} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

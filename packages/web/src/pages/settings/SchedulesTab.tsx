import { apiRoutes, type RouteResponse } from '@weft/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { errorText, useToast } from '../../ui/toasts.tsx';
import { useWorkflowList } from '../workflows/useWorkflowList.ts';
import { timeUntil } from './when.ts';

type Schedule = RouteResponse<typeof apiRoutes.listSchedules>['schedules'][number];

/** Every cron schedule of every workflow, with its next and last fire times and a switch to pause it. */
export function SchedulesTab() {
  const schedules = useQuery({
    queryKey: keys.schedules,
    queryFn: ({ signal }) => call(apiRoutes.listSchedules, { signal }),
    select: (data) => data.schedules,
    refetchInterval: 60_000,
  });
  const workflows = useWorkflowList('');
  const names = new Map(workflows.data?.map((w) => [w.id, w.name]));

  if (schedules.isPending) return <Loading label="Loading schedules…" />;
  if (schedules.isError) return <ErrorState error={schedules.error} retry={() => void schedules.refetch()} />;
  if (schedules.data.length === 0) {
    return (
      <EmptyState title="No schedules">
        <p>A workflow runs on a schedule when its triggers include a cron expression, for example:</p>
        <pre className="hint-code">{"triggers:\n  - type: schedule\n    cron: '0 9 * * 1-5'\n    timezone: Europe/Paris"}</pre>
      </EmptyState>
    );
  }
  return (
    <div className="settings-section">
      <p className="muted section-intro">
        Schedules come from the <code>schedule</code> triggers of each workflow. Turning one off lasts while its cron expression
        stays the same.
      </p>
      <table className="table stack-table" aria-label="Schedules">
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Schedule</th>
            <th scope="col">Cron</th>
            <th scope="col">Time zone</th>
            <th scope="col">Next</th>
            <th scope="col">Last</th>
            <th scope="col">Enabled</th>
          </tr>
        </thead>
        <tbody>
          {schedules.data.map((s) => (
            <ScheduleRow key={s.id} schedule={s} workflowName={names.get(s.workflowId)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScheduleRow({ schedule: s, workflowName }: { schedule: Schedule; workflowName: string | undefined }) {
  const client = useQueryClient();
  const toast = useToast();
  const key = s.id.startsWith(`${s.workflowId}:`) ? s.id.slice(s.workflowId.length + 1) : s.id;
  // An unnamed schedule is known by its trigger's index.
  const name = /^\d+$/.test(key) ? `trigger #${key}` : key;
  const toggle = useMutation({
    mutationFn: (enable: boolean) => call(enable ? apiRoutes.enableSchedule : apiRoutes.disableSchedule, { params: { id: s.id } }),
    onSuccess: ({ schedule }) => {
      void client.invalidateQueries({ queryKey: keys.schedules });
      toast(`${schedule.enabled ? 'Turned on' : 'Turned off'} ${workflowName ?? s.workflowId} · ${name}`, 'success');
    },
    onError: (error) => toast(`Could not change the schedule: ${errorText(error)}`, 'error'),
  });
  const enabled = toggle.isPending ? toggle.variables : s.enabled;
  return (
    <tr data-testid="schedule-row">
      <td className="strong-cell">
        <Link href={`/workflows/${encodeURIComponent(s.workflowId)}`}>{workflowName ?? s.workflowId}</Link>
      </td>
      <td data-label="Schedule" className="mono">
        {name}
      </td>
      <td data-label="Cron">
        <code>{s.cron}</code>
      </td>
      <td data-label="Time zone">{s.timezone}</td>
      <td data-label="Next">
        {s.enabled && s.nextFireAt !== undefined ? (
          <span title={s.nextFireTimes.map((t) => dateTime(t)).join('\n')}>
            {dateTime(s.nextFireAt)} <span className="muted">({timeUntil(s.nextFireAt)})</span>
          </span>
        ) : (
          <span className="muted">{s.enabled ? '—' : 'off'}</span>
        )}
      </td>
      <td data-label="Last">
        {s.lastFiredAt !== undefined ? <span title={dateTime(s.lastFiredAt)}>{timeAgo(s.lastFiredAt)}</span> : <span className="muted">never</span>}
      </td>
      <td data-label="Enabled">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={toggle.isPending}
            aria-label={`${workflowName ?? s.workflowId} · ${name} enabled`}
            onChange={(e) => toggle.mutate(e.target.checked)}
          />
          <span aria-hidden="true">{enabled ? 'On' : 'Off'}</span>
        </label>
      </td>
    </tr>
  );
}

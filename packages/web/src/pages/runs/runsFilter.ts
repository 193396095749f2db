import { RUN_STATUSES } from '@weft/api';
import type { RunFilter } from '../../api/queries.ts';

export type RunStatus = (typeof RUN_STATUSES)[number];

export const TIME_WINDOWS = [
  { value: '', label: 'All time', ms: undefined },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/** The run list's filters, as kept in the URL (`?workflow=…&status=failed,cancelled&time=24h`). */
export interface RunsFilter {
  workflowId: string;
  statuses: RunStatus[];
  time: string;
}

export function filterFromSearch(search: URLSearchParams): RunsFilter {
  const statuses = (search.get('status') ?? '')
    .split(',')
    .filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s));
  const time = search.get('time') ?? '';
  return {
    workflowId: search.get('workflow') ?? '',
    statuses,
    time: TIME_WINDOWS.some((w) => w.value === time) ? time : '',
  };
}

export function searchFromFilter(filter: RunsFilter): Record<string, string> {
  const search: Record<string, string> = {};
  if (filter.workflowId) search['workflow'] = filter.workflowId;
  if (filter.statuses.length) search['status'] = filter.statuses.join(',');
  if (filter.time) search['time'] = filter.time;
  return search;
}

export function isFiltered(filter: RunsFilter): boolean {
  return Boolean(filter.workflowId || filter.statuses.length || filter.time);
}

/** The API query for the filters; `now` fixes where the time window starts. */
export function apiQuery(filter: RunsFilter, now: number, limit = 50): RunFilter {
  const query: RunFilter = { limit: String(limit) };
  if (filter.workflowId) query.workflowId = filter.workflowId;
  if (filter.statuses.length) query.status = filter.statuses.join(',');
  const window = TIME_WINDOWS.find((w) => w.value === filter.time)?.ms;
  if (window !== undefined) query.createdAfter = String(now - window);
  return query;
}

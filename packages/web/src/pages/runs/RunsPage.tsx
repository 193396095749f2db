import { apiRoutes, RUN_STATUSES, type Run } from '@weft/api';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'wouter';
import { call } from '../../api/client.ts';
import { keys, useWorkflows } from '../../api/queries.ts';
import { dateTime, duration, timeAgo, usd } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { apiQuery, filterFromSearch, isFiltered, searchFromFilter, TIME_WINDOWS, type RunsFilter, type RunStatus } from './runsFilter.ts';
import { useNow } from './useNow.ts';
import './runs.css';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

/** Every run, newest first, filtered by workflow, status and time (kept in the URL), refreshed live. */
export function RunsPage() {
  const [search, setSearch] = useSearchParams();
  const filter = filterFromSearch(search);
  const workflows = useWorkflows();
  const names = useMemo(() => new Map((workflows.data ?? []).map((w) => [w.id, w.name])), [workflows.data]);
  // The time window starts when the filters change, so the query key stays put between renders.
  const searchKey = search.toString();
  const query = useMemo(() => apiQuery(filterFromSearch(new URLSearchParams(searchKey)), Date.now()), [searchKey]);
  const runs = useInfiniteQuery({
    queryKey: keys.runs({ ...query, paged: true }),
    queryFn: ({ pageParam, signal }) => call(apiRoutes.listRuns, { query: pageParam ? { ...query, cursor: pageParam } : query, signal }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const list = useMemo(() => runs.data?.pages.flatMap((p) => p.runs) ?? [], [runs.data]);
  const now = useNow(list.some((r) => ACTIVE.has(r.status)));
  const update = (next: Partial<RunsFilter>) => setSearch(searchFromFilter({ ...filter, ...next }), { replace: true });

  return (
    <div className="page runs-page">
      <div className="page-header">
        <h1>Runs</h1>
      </div>
      <Filters filter={filter} workflows={workflows.data ?? []} onChange={update} />
      {runs.isError && !runs.data ? (
        <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : runs.isPending ? (
        <Loading label="Loading runs…" />
      ) : list.length === 0 ? (
        isFiltered(filter) ? (
          <EmptyState
            title="No runs match these filters"
            action={
              <button type="button" onClick={() => setSearch({}, { replace: true })}>
                Clear filters
              </button>
            }
          />
        ) : (
          <EmptyState title="No runs yet — start one from a workflow" action={<Link href="/workflows">Go to workflows</Link>} />
        )
      ) : (
        <>
          <div className="table-wrap">
            <table className="table runs-table">
              <caption className="visually-hidden">Runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Workflow</th>
                  <th scope="col">Run</th>
                  <th scope="col">Started</th>
                  <th scope="col">Duration</th>
                  <th scope="col" className="hide-narrow num">
                    Tokens
                  </th>
                  <th scope="col" className="hide-narrow num">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((run) => (
                  <RunRow key={run.id} run={run} workflowName={names.get(run.workflowId)} now={now} />
                ))}
              </tbody>
            </table>
          </div>
          {runs.isError && <p className="field-error">Could not refresh the list: {runs.error.message}</p>}
          {runs.hasNextPage && (
            <div className="load-more">
              <button type="button" disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
                {runs.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function RunRow({ run, workflowName, now }: { run: Run; workflowName: string | undefined; now: number }) {
  const started = run.startedAt ?? run.createdAt;
  const elapsed = run.startedAt === undefined ? undefined : (run.endedAt ?? now) - run.startedAt;
  return (
    <tr>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <Link href={`/workflows/${encodeURIComponent(run.workflowId)}`}>{workflowName ?? run.workflowId}</Link>{' '}
        <span className="muted">v{run.workflowVersion}</span>
      </td>
      <td>
        <Link href={`/runs/${encodeURIComponent(run.id)}`} className="mono" aria-label={`Run ${run.id}`}>
          {run.id.slice(0, 8)}
        </Link>
      </td>
      <td title={dateTime(started)}>{timeAgo(started, now)}</td>
      <td>{duration(elapsed)}</td>
      <td className="hide-narrow num">{run.usage.totalTokens.toLocaleString()}</td>
      <td className="hide-narrow num">{usd(run.usage.costUsd)}</td>
    </tr>
  );
}

function Filters({
  filter,
  workflows,
  onChange,
}: {
  filter: RunsFilter;
  workflows: ReadonlyArray<{ id: string; name: string }>;
  onChange: (next: Partial<RunsFilter>) => void;
}) {
  const id = useId();
  const toggle = (status: RunStatus, on: boolean) =>
    onChange({ statuses: on ? RUN_STATUSES.filter((s) => s === status || filter.statuses.includes(s)) : filter.statuses.filter((s) => s !== status) });
  return (
    <form className="runs-filters card" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
      <label className="field" htmlFor={`${id}-workflow`}>
        <span className="field-label">Workflow</span>
        <select id={`${id}-workflow`} value={filter.workflowId} onChange={(e) => onChange({ workflowId: e.target.value })}>
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
          {filter.workflowId && !workflows.some((w) => w.id === filter.workflowId) && <option value={filter.workflowId}>{filter.workflowId}</option>}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-time`}>
        <span className="field-label">Created</span>
        <select id={`${id}-time`} value={filter.time} onChange={(e) => onChange({ time: e.target.value })}>
          {TIME_WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="status-filter">
        <legend className="field-label">Status</legend>
        {RUN_STATUSES.map((status) => (
          <label key={status} className="status-option">
            <input type="checkbox" checked={filter.statuses.includes(status)} onChange={(e) => toggle(status, e.target.checked)} />
            <StatusBadge status={status} />
          </label>
        ))}
      </fieldset>
    </form>
  );
}

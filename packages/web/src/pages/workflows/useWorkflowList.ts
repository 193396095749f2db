import { apiRoutes, type RouteResponse } from '@weft/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

export type WorkflowSummary = RouteResponse<typeof apiRoutes.listWorkflows>['workflows'][number];

/** Workflows matching a search (id, name or description), keeping the last list while the next loads. */
export function useWorkflowList(search = '') {
  return useQuery({
    queryKey: keys.workflows(search),
    queryFn: ({ signal }) => call(apiRoutes.listWorkflows, { query: search ? { search, limit: '500' } : { limit: '500' }, signal }),
    select: (data) => data.workflows,
    placeholderData: keepPreviousData,
  });
}

import { apiRoutes, type RouteQuery } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { call } from './client.ts';

/** Query keys in one place, so a mutation can invalidate exactly what it changed. */
export const keys = {
  nodeTypes: ['node-types'] as const,
  templates: ['templates'] as const,
  workflows: (search = '') => ['workflows', search] as const,
  allWorkflows: ['workflows'] as const,
  workflow: (id: string, version?: number) => ['workflow', id, version ?? 'latest'] as const,
  versions: (id: string) => ['workflow', id, 'versions'] as const,
  runs: (filter: Record<string, unknown> = {}) => ['runs', filter] as const,
  allRuns: ['runs'] as const,
  run: (id: string) => ['run', id] as const,
  artifacts: (runId: string) => ['run', runId, 'artifacts'] as const,
  credentials: ['credentials'] as const,
  tokens: ['tokens'] as const,
  schedules: ['schedules'] as const,
  webhooks: (workflowId: string) => ['webhooks', workflowId] as const,
  chatSessions: (workflowId: string) => ['chat', workflowId, 'sessions'] as const,
  chatMessages: (workflowId: string, sessionId: string) => ['chat', workflowId, sessionId] as const,
};

/** Every node type with its params JSON Schema, ports and docs: changes only when the server does. */
export function useNodeTypes() {
  return useQuery({
    queryKey: keys.nodeTypes,
    queryFn: ({ signal }) => call(apiRoutes.listNodeTypes, { signal }),
    staleTime: Infinity,
    select: (data) => data.nodeTypes,
  });
}

export function useWorkflows(search = '') {
  return useQuery({
    queryKey: keys.workflows(search),
    queryFn: ({ signal }) =>
      call(apiRoutes.listWorkflows, { query: search ? { search, limit: '500' } : { limit: '500' }, signal }),
    select: (data) => data.workflows,
  });
}

export function useWorkflow(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: keys.workflow(id ?? '', version),
    queryFn: ({ signal }) =>
      call(apiRoutes.getWorkflow, { params: { id: id ?? '' }, query: version ? { version: String(version) } : {}, signal }),
    enabled: Boolean(id),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) => call(apiRoutes.listTemplates, { signal }),
    staleTime: Infinity,
  });
}

/** Query of the run list (strings, as they travel in the URL). */
export type RunFilter = RouteQuery<typeof apiRoutes.listRuns>;

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: keys.run(id ?? ''),
    queryFn: ({ signal }) => call(apiRoutes.getRun, { params: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
  });
}

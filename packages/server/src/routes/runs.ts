import { apiRoutes } from '@weft/api';
import { NotFoundError, type RunOptions } from '@weft/engine';
import { enqueueRun } from '../runs/enqueue-run.ts';
import { reply, route } from '../router/server-route.ts';

export const startRun = route(apiRoutes.startRun, async ({ params, body, services }) => {
  const options: RunOptions = { ...body?.options, ...(body?.model ? { model: body.model } : {}) };
  const run = await enqueueRun(services, { workflowId: params.id, input: body?.input ?? null, options });
  return reply(201, { run }, { location: `/api/runs/${encodeURIComponent(run.id)}` });
});

export const listRuns = route(apiRoutes.listRuns, async ({ query, services }) =>
  services.store.listRuns({
    ...(query.workflowId ? { workflowId: query.workflowId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.createdAfter !== undefined ? { createdAfter: query.createdAfter } : {}),
    ...(query.createdBefore !== undefined ? { createdBefore: query.createdBefore } : {}),
    ...(query.parentRunId ? { parentRunId: query.parentRunId } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  }),
);

export const getRun = route(apiRoutes.getRun, async ({ params, services }) => {
  const run = await services.store.getRun(params.id);
  if (!run) throw new NotFoundError(`Run '${params.id}' not found`);
  return { run, steps: await services.store.getSteps(params.id) };
});

export const runRoutes = [startRun, listRuns, getRun];

import { apiRoutes } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { reply, route } from '../router/server-route.ts';
import { liveWorkflow } from './workflow-definition.ts';

export const rerunRun = route(apiRoutes.rerunRun, async ({ params, body, services }) => {
  const { run } = await services.engine.rerun(params.id, {
    fromStepId: body.fromStepId,
    ...(body.input !== undefined ? { input: body.input } : {}),
    ...(body.params ? { params: body.params } : {}),
    enqueueOnly: true,
  });
  services.queue.enqueue(run.id);
  return reply(201, { run }, { location: `/api/runs/${encodeURIComponent(run.id)}` });
});

export const testNode = route(apiRoutes.testNode, async ({ params, body, request, services }) => {
  const workflow = await liveWorkflow(services, params.id);
  const version = await services.store.getWorkflowVersion(params.id, workflow.latestVersion);
  if (!version) throw new NotFoundError(`Workflow '${params.id}' has no stored version`);
  // The test stops when the client goes away.
  return services.engine.testNode({
    workflow: version.definition,
    nodeId: params.nodeId,
    ...(body?.input !== undefined ? { input: body.input } : {}),
    ...(body?.steps ? { steps: body.steps } : {}),
    ...(body?.params ? { params: body.params } : {}),
    ...(body?.model ? { model: body.model } : {}),
    signal: request.signal,
  });
});

export const rerunAndTestRoutes = [rerunRun, testNode];

import { apiRoutes } from '@weft/api';
import { ConflictError, NotFoundError, type RunRecord } from '@weft/engine';
import { invalidRequest } from '../errors/request-error.ts';
import { reply, route } from '../router/server-route.ts';
import { untilCommitted } from '../runs/until-committed.ts';
import type { ServerServices } from '../services.ts';

const TERMINAL_EVENTS = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);

async function currentRun(services: ServerServices, runId: string): Promise<RunRecord> {
  const run = await services.store.getRun(runId);
  if (!run) throw new NotFoundError(`Run '${runId}' not found`);
  return run;
}

export const cancelRun = route(apiRoutes.cancelRun, async ({ params, body, services }) => {
  const { work } = await untilCommitted(
    services.engine,
    params.id,
    () => services.engine.cancel(params.id, body?.reason ?? 'Cancelled through the API'),
    (event) => TERMINAL_EVENTS.has(event.type),
  );
  services.queue.adopt(params.id, work);
  return { run: await currentRun(services, params.id) };
});

export const retryStep = route(apiRoutes.retryStep, async ({ params, services }) => {
  const { work } = await untilCommitted(
    services.engine,
    params.id,
    () => services.engine.retryStep(params.id, params.stepId),
    (event) => event.type === 'step.reset',
  );
  services.queue.adopt(params.id, work);
  return reply(202, { run: await currentRun(services, params.id) });
});

export const resumeRun = route(apiRoutes.resumeRun, async ({ params, body, services }) => {
  const run = await currentRun(services, params.id);
  const stepId = body?.stepId ?? (await theWaitingStep(services, run));
  const { work } = await untilCommitted(
    services.engine,
    params.id,
    () => services.engine.resumeStep(params.id, stepId, { output: body?.output ?? null, ...(body?.port ? { port: body.port } : {}) }),
    (event) => event.type === 'step.succeeded' && event.stepId === stepId,
  );
  services.queue.adopt(params.id, work);
  return reply(202, { run: await currentRun(services, params.id) });
});

/** The one waiting step of a run, when the client did not name one. */
async function theWaitingStep(services: ServerServices, run: RunRecord): Promise<string> {
  if (run.status !== 'waiting') {
    throw new ConflictError(`Run '${run.id}' is ${run.status}; only a waiting run can be resumed`);
  }
  const waiting = (await services.store.getSteps(run.id)).filter((s) => s.status === 'waiting');
  if (waiting.length === 1) return waiting[0]!.stepId;
  if (waiting.length === 0) throw new ConflictError(`Run '${run.id}' has no waiting step`);
  throw invalidRequest(
    `Several steps wait (${waiting.map((s) => s.stepId).join(', ')}): name one with stepId`,
    'body.stepId',
  );
}

export const runActionRoutes = [cancelRun, retryStep, resumeRun];

import { apiRoutes } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';

export const listSchedules = route(apiRoutes.listSchedules, async ({ query, services }) => ({
  schedules: await services.triggers.scheduler.list(query.workflowId),
}));

async function setEnabled(services: ServerServices, id: string, enabled: boolean) {
  const { scheduler } = services.triggers;
  if (!(await scheduler.setEnabled(id, enabled))) {
    throw new NotFoundError(`Schedule '${id}' not found: GET /api/schedules lists them`);
  }
  const schedule = await scheduler.get(id);
  if (!schedule) throw new NotFoundError(`Schedule '${id}' not found`);
  return { schedule };
}

export const enableSchedule = route(apiRoutes.enableSchedule, async ({ params, services }) => setEnabled(services, params.id, true));
export const disableSchedule = route(apiRoutes.disableSchedule, async ({ params, services }) => setEnabled(services, params.id, false));

export const scheduleRoutes = [listSchedules, enableSchedule, disableSchedule];

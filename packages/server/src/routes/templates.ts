import { apiRoutes } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { route } from '../router/server-route.ts';

export const listTemplates = route(apiRoutes.listTemplates, async ({ services }) => ({ templates: services.templates }));

export const getTemplate = route(apiRoutes.getTemplate, async ({ services, params }) => {
  const template = services.templates.find((t) => t.id === params.id);
  if (!template) throw new NotFoundError(`No template '${params.id}' (list them with GET /api/templates)`);
  return template;
});

export const templateRoutes = [listTemplates, getTemplate];

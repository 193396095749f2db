import { apiRoutes } from '@weft/api';
import { ConflictError, NotFoundError, outputPorts, validateWorkflow, type NodeRegistry } from '@weft/engine';
import { stringify } from 'yaml';
import { invalidRequest } from '../errors/request-error.ts';
import { reply, route } from '../router/server-route.ts';
import { anyWorkflow, checkedDefinition, liveWorkflow, saveVersion, workflowIdOf } from './workflow-definition.ts';

export const listWorkflows = route(apiRoutes.listWorkflows, async ({ query, services }) =>
  services.store.listWorkflows({
    ...(query.search ? { search: query.search } : {}),
    ...(query.includeDeleted ? { includeDeleted: true } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  }),
);

export const createWorkflow = route(apiRoutes.createWorkflow, async ({ body, services }) => {
  const definition = checkedDefinition(services, body);
  const id = workflowIdOf(definition);
  const existing = await services.store.getWorkflow(id);
  if (existing && existing.deletedAt === undefined) {
    throw new ConflictError(`A workflow with id '${id}' exists: save a new version with PUT /api/workflows/${id}`, {
      workflowId: id,
    });
  }
  // A webhook path another workflow uses (409) or a bad cron (400) is refused before anything is saved.
  const saved = await services.triggers.save(id, definition, () => saveVersion(services, id, definition));
  return reply(201, saved, { location: `/api/workflows/${encodeURIComponent(id)}` });
});

export const validateWorkflowRoute = route(apiRoutes.validateWorkflow, async ({ body, services }) => {
  const result = validateWorkflow(body, services.registry);
  const ports = portsOfNodes(body, services.registry);
  return result.ok ? { ok: true, problems: [], workflow: result.workflow, ports } : { ok: false, problems: result.problems, ports };
});

/**
 * The output ports of each node whose type is known, from its params as they are (an editor draws
 * a switch's cases before the whole workflow is valid). Params a node cannot read give no entry.
 */
function portsOfNodes(body: Record<string, unknown>, registry: NodeRegistry): Record<string, string[]> {
  const ports: Record<string, string[]> = {};
  const nodes = body['nodes'];
  if (!Array.isArray(nodes)) return ports;
  for (const node of nodes as unknown[]) {
    if (typeof node !== 'object' || node === null) continue;
    const { id, type, params } = node as { id?: unknown; type?: unknown; params?: unknown };
    const nodeType = typeof type === 'string' ? registry.get(type) : undefined;
    if (typeof id !== 'string' || !nodeType) continue;
    const raw = typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
    try {
      ports[id] = outputPorts(nodeType, raw);
    } catch {
      // Half-written params (a draft): the editor keeps the type's default ports.
    }
  }
  return ports;
}

export const getWorkflow = route(apiRoutes.getWorkflow, async ({ params, query, services }) => {
  const workflow = await anyWorkflow(services, params.id);
  const version = await services.store.getWorkflowVersion(params.id, query.version);
  if (!version) throw new NotFoundError(`Workflow '${params.id}' has no version ${query.version}`);
  return { workflow, version };
});

export const updateWorkflow = route(apiRoutes.updateWorkflow, async ({ params, body, services }) => {
  await liveWorkflow(services, params.id);
  if (body.id !== undefined && body.id !== params.id) {
    throw invalidRequest(`body.id: '${String(body.id)}' differs from the workflow id '${params.id}' in the path`, 'body.id');
  }
  const definition = checkedDefinition(services, { ...body, id: params.id });
  return services.triggers.save(params.id, definition, () => saveVersion(services, params.id, definition));
});

export const deleteWorkflow = route(apiRoutes.deleteWorkflow, async ({ params, services }) => {
  const deleted = await services.triggers.remove(params.id, () => services.store.deleteWorkflow(params.id, services.clock.now()));
  if (!deleted) {
    throw new NotFoundError(`Workflow '${params.id}' not found (or already deleted)`);
  }
  return { deleted: true as const };
});

export const listWorkflowVersions = route(apiRoutes.listWorkflowVersions, async ({ params, services }) => {
  await anyWorkflow(services, params.id);
  const versions = await services.store.listWorkflowVersions(params.id);
  return { versions: versions.map(({ definition: _definition, ...info }) => info) };
});

export const exportWorkflow = route(apiRoutes.exportWorkflow, async ({ params, query, services }) => {
  await anyWorkflow(services, params.id);
  const version = await services.store.getWorkflowVersion(params.id, query.version);
  if (!version) throw new NotFoundError(`Workflow '${params.id}' has no version ${query.version}`);
  const json = query.format === 'json';
  const text = json ? `${JSON.stringify(version.definition, null, 2)}\n` : stringify(version.definition);
  const filename = `${params.id.replace(/[^\w.-]/g, '_')}.${json ? 'json' : 'yaml'}`;
  return new Response(text, {
    headers: {
      'content-type': json ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
});

export const workflowRoutes = [
  listWorkflows,
  createWorkflow,
  validateWorkflowRoute,
  getWorkflow,
  updateWorkflow,
  deleteWorkflow,
  listWorkflowVersions,
  exportWorkflow,
];

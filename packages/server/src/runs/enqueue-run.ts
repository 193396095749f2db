import { NotFoundError, type Json, type RunOptions, type RunRecord } from '@weft/engine';
import type { ServerServices } from '../services.ts';

/** What starting a run through the server needs. */
export interface EnqueueRunRequest {
  workflowId: string;
  input?: Json;
  options?: RunOptions;
}

/**
 * Creates a run of a workflow's latest version (status `queued`) and hands it to the queue. The one
 * way routes start runs, so webhooks, schedules and the API behave alike. 404 for an unknown or
 * deleted workflow.
 */
export async function enqueueRun(services: ServerServices, request: EnqueueRunRequest): Promise<RunRecord> {
  const workflow = await services.store.getWorkflow(request.workflowId);
  if (!workflow || workflow.deletedAt !== undefined) {
    throw new NotFoundError(`Workflow '${request.workflowId}' not found${workflow ? ' (it was deleted)' : ''}`);
  }
  const { run } = await services.engine.startRun({
    workflowId: request.workflowId,
    version: workflow.latestVersion,
    input: request.input ?? null,
    options: request.options ?? {},
    enqueueOnly: true,
  });
  services.queue.enqueue(run.id);
  return run;
}

import { defineRoute } from '../route.ts';
import { nodeTestResultSchema } from '../schemas/node-types.ts';
import {
  cancelRunBodySchema,
  listRunsQuerySchema,
  rerunBodySchema,
  resumeRunBodySchema,
  runDetailSchema,
  runIdParams,
  runPageSchema,
  runResponseSchema,
  startRunBodySchema,
  stepParams,
  testNodeBodySchema,
} from '../schemas/runs.ts';
import { workflowNodeParams, workflowParams } from '../schemas/workflows.ts';

const tags = ['runs'] as const;

export const startRun = defineRoute({
  id: 'startRun',
  method: 'POST',
  path: '/api/workflows/:id/runs',
  summary: 'Start a run of the workflow’s latest version',
  description:
    'Creates the run (status `queued`) and hands it to the server’s workers; follow it with the event stream. `model` overrides every node’s model.',
  tags,
  params: workflowParams,
  body: startRunBodySchema.optional(),
  response: runResponseSchema,
  status: 201,
  errors: [404, 413, 415],
});

export const listRuns = defineRoute({
  id: 'listRuns',
  method: 'GET',
  path: '/api/runs',
  summary: 'List runs, newest first',
  description: '`status` takes a comma-separated list; times are epoch ms or ISO dates; page with `cursor`.',
  tags,
  query: listRunsQuerySchema,
  response: runPageSchema,
});

export const getRun = defineRoute({
  id: 'getRun',
  method: 'GET',
  path: '/api/runs/:id',
  summary: 'Get a run with all its steps and attempts',
  tags,
  params: runIdParams,
  response: runDetailSchema,
  errors: [404],
});

export const cancelRun = defineRoute({
  id: 'cancelRun',
  method: 'POST',
  path: '/api/runs/:id/cancel',
  summary: 'Cancel a queued, running or waiting run',
  description: '409 when the run has already ended.',
  tags,
  params: runIdParams,
  body: cancelRunBodySchema,
  response: runResponseSchema,
  errors: [404, 409],
});

export const retryStep = defineRoute({
  id: 'retryStep',
  method: 'POST',
  path: '/api/runs/:id/steps/:stepId/retry',
  summary: 'Retry a failed or cancelled step',
  description:
    'Resets the step and everything downstream of it (earlier attempts are kept) and continues the run. 409 unless the step failed or was cancelled and the run has ended.',
  tags,
  params: stepParams,
  response: runResponseSchema,
  status: 202,
  errors: [404, 409],
});

export const resumeRun = defineRoute({
  id: 'resumeRun',
  method: 'POST',
  path: '/api/runs/:id/resume',
  summary: 'Resume a run waiting on a person',
  description: 'The `output` becomes the waiting step’s output. 409 when the run is not waiting.',
  tags,
  params: runIdParams,
  body: resumeRunBodySchema,
  response: runResponseSchema,
  status: 202,
  errors: [404, 409],
});

export const rerunRun = defineRoute({
  id: 'rerunRun',
  method: 'POST',
  path: '/api/runs/:id/rerun',
  summary: 'Start a new run from a chosen step, with edited params or input',
  description: 'Steps that are not downstream of `fromStepId` keep their outputs; it and everything after it run again.',
  tags,
  params: runIdParams,
  body: rerunBodySchema,
  response: runResponseSchema,
  status: 201,
  errors: [404],
});

export const testNode = defineRoute({
  id: 'testNode',
  method: 'POST',
  path: '/api/workflows/:id/nodes/:nodeId/test',
  summary: 'Execute one node of the latest version with pinned input',
  description: 'Nothing is stored. A node that fails answers 200 with `status: failed` and the error.',
  tags,
  params: workflowNodeParams,
  body: testNodeBodySchema.optional(),
  response: nodeTestResultSchema,
  errors: [404],
});

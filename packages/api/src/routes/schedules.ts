import { defineRoute } from '../route.ts';
import { listSchedulesQuerySchema, scheduleListSchema, scheduleParams, scheduleResponseSchema } from '../schemas/triggers.ts';

const tags = ['triggers'] as const;

export const listSchedules = defineRoute({
  id: 'listSchedules',
  method: 'GET',
  path: '/api/schedules',
  summary: 'List cron schedules with their next fire times',
  description: 'Schedules come from the `schedule` triggers of each workflow’s latest version. A tick fires once even with several servers on one database.',
  tags,
  query: listSchedulesQuerySchema,
  response: scheduleListSchema,
});

export const enableSchedule = defineRoute({
  id: 'enableSchedule',
  method: 'POST',
  path: '/api/schedules/:id/enable',
  summary: 'Turn a schedule on (from its next tick)',
  description: 'Saving the workflow again keeps the choice as long as the cron expression stays the same.',
  tags,
  params: scheduleParams,
  response: scheduleResponseSchema,
  errors: [404],
});

export const disableSchedule = defineRoute({
  id: 'disableSchedule',
  method: 'POST',
  path: '/api/schedules/:id/disable',
  summary: 'Turn a schedule off',
  tags,
  params: scheduleParams,
  response: scheduleResponseSchema,
  errors: [404],
});

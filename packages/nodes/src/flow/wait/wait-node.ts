import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';

/** Suspends the run durably until resumed (by a person, the API or the CLI) or until a time. */
export const waitNode = defineNode({
  type: 'wait',
  version: 1,
  category: 'flow',
  title: 'Wait',
  description:
    'Suspends this branch until someone resumes the step (`weft resume <run> --step <id> --output <json>` or the API); the payload becomes its output. With `durationMs` or `until` it also resumes by itself then, outputting `timeoutOutput`. The run is stored as `waiting` meanwhile; no process needs to stay up.',
  params: z.object({
    message: z.string().optional().describe('Shown to whoever resumes the run.'),
    durationMs: z.number().int().positive().optional(),
    until: z.string().datetime({ offset: true }).optional().describe('ISO time to resume by itself.'),
    timeoutOutput: z.unknown().optional(),
    fields: z.array(z.record(z.string(), z.unknown())).optional().describe('Form fields to ask for.'),
  }),
  example: { message: 'Approve the draft?', durationMs: 86_400_000, timeoutOutput: { approved: false } },
  async run(ctx) {
    const { message, durationMs, until, timeoutOutput, fields } = ctx.params;
    const wakeAt = until ? Date.parse(until) : durationMs !== undefined ? ctx.clock.now() + durationMs : undefined;
    const reason: Record<string, Json> = { message: message ?? `Waiting at '${ctx.node.id}'` };
    if (fields) reason['fields'] = fields as Json;
    return {
      output: null,
      wait: {
        reason,
        ...(wakeAt === undefined ? {} : { wakeAt }),
        ...(timeoutOutput === undefined ? {} : { timeoutOutput: timeoutOutput as Json }),
      },
    };
  },
});

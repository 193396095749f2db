import { defineNode, type Json, type NodeType } from '@weft/engine';
import { z } from 'zod';

const DECISIONS = ['approve', 'reject'] as const;
type Decision = (typeof DECISIONS)[number];

const field = z
  .object({
    name: z.string().min(1),
    type: z.enum(['string', 'text', 'number', 'boolean', 'select']).default('string'),
    label: z.string().optional(),
    required: z.boolean().optional(),
    options: z.array(z.string()).optional().describe('Choices of a select field.'),
    default: z.unknown().optional(),
  })
  .strict();

const params = z.object({
  message: z.string().optional().describe('What the person is asked to decide.'),
  fields: z.array(field).optional().describe('Extra form fields filled in with the decision.'),
  timeoutMs: z.number().int().positive().optional().describe('Decide by itself after this long.'),
  until: z.iso.datetime({ offset: true }).optional().describe('Or: decide by itself at this ISO time.'),
  timeoutDecision: z
    .enum(DECISIONS)
    .default('reject')
    .describe('The decision taken when the time runs out.'),
});

/** The `approval` node: waits for a person to approve or reject, then continues on that port. */
export const approvalNode = defineNode({
  type: 'approval',
  version: 1,
  category: 'flow',
  title: 'Approval',
  description:
    'Suspends the branch until someone approves or rejects (in the UI, or via the API: resume the step with port "approve" or "reject" and output { approved, ...fields }). ' +
    'With timeoutMs or until, it decides by itself (timeoutDecision, default reject) when the time runs out. Connect the "approve" and "reject" ports.',
  params,
  outputs: [...DECISIONS],
  example: {
    message: 'Send this email to {{ input.to }}?',
    fields: [{ name: 'comment', type: 'text', label: 'Comment' }],
    timeoutMs: 86_400_000,
    timeoutDecision: 'reject',
  },
  async run(ctx) {
    const { message, fields, timeoutMs, until, timeoutDecision } = ctx.params;
    const wakeAt = until
      ? Date.parse(until)
      : timeoutMs !== undefined
        ? ctx.clock.now() + timeoutMs
        : undefined;
    const reason: Record<string, Json> = {
      kind: 'approval',
      message: message ?? `Approve '${ctx.node.name ?? ctx.node.id}'?`,
      fields: (fields ?? []) as Json,
      ports: [...DECISIONS],
    };
    return {
      output: null,
      wait: {
        reason,
        ...(wakeAt === undefined ? {} : { wakeAt }),
        timeoutOutput: timeoutOutput(timeoutDecision, fields ?? []),
        timeoutPort: timeoutDecision,
      },
    };
  },
}) as NodeType;

function timeoutOutput(decision: Decision, fields: z.output<typeof field>[]): Json {
  const out: Record<string, Json> = { approved: decision === 'approve', decision, timedOut: true };
  for (const f of fields) if (f.default !== undefined && !(f.name in out)) out[f.name] = f.default as Json;
  return out;
}

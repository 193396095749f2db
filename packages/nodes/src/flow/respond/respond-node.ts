import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';

/** Sets the response a synchronous webhook (or a chat) answers with. */
export const respondNode = defineNode({
  type: 'respond',
  version: 1,
  category: 'flow',
  title: 'Respond',
  description:
    'Sets the HTTP response of a webhook whose trigger has `response: sync` (status, headers, body), or the reply of a chat. The caller gets it as soon as this step succeeds; the run goes on. Output: the response.',
  params: z.object({
    status: z.number().int().min(100).max(599).default(200),
    // A templated header value may render to a number or boolean; headers are text.
    headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    body: z.unknown().optional().describe('JSON, or text (sent as text/plain).'),
  }),
  example: { status: 200, body: { ok: true, label: '{{ steps.classify.output.label }}' } },
  async run(ctx) {
    const { status, headers, body } = ctx.params;
    return { output: { status, headers, body: (body ?? null) as Json } };
  },
});

import { apiRoutes, type ContractRoute } from '@weft/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from './test-support/harness.ts';

let h: Harness;
let ids: string[];
beforeAll(async () => {
  // Auth off: the fuzzer creates API tokens, which would otherwise lock it out of every other route.
  h = await startHarness({ config: { bodyLimitBytes: 64 * 1024, auth: 'off', chatTimeoutMs: 200 } });
  const chain = await createWorkflow(h, workflows.chain());
  const approval = await createWorkflow(h, workflows.approval());
  const triggered = await createWorkflow(h, {
    id: 'triggered',
    name: 'triggered',
    triggers: [
      { type: 'webhook', path: 'hook', methods: ['GET', 'POST', 'PUT'], response: 'sync', timeoutMs: 200 },
      { type: 'webhook', path: 'guarded/deep', secret: 'cred', hmac: 'cred' },
      { type: 'schedule', cron: '0 9 * * *' },
      { type: 'chat' },
    ],
    nodes: [{ id: 'a', type: 'test.echo', params: { value: '{{ input }}' } }],
  });
  await h.call('POST', '/api/credentials', { body: { name: 'cred', value: 'c-value' } });
  const done = await startRun(h, chain, { input: 'x' });
  const waiting = await startRun(h, approval);
  await h.waitForRun(done);
  await h.waitForRun(waiting, (s) => s === 'waiting');
  const artifact = await h.artifacts.put({ runId: done, stepId: 'a', name: 'out.txt', contentType: 'text/plain', createdAt: 1 }, new Uint8Array([104, 105]));
  await h.call('POST', `/api/chat/${triggered}`, { body: { sessionId: 's1', message: 'hi' } });
  ids = [chain, approval, triggered, done, waiting, 'a', 'b', 'ask', 'hook', 'guarded/deep', 'triggered:0', 'cred', 's1', artifact.id];
});
afterAll(() => h.close());

const routeIds = Object.keys(apiRoutes) as (keyof typeof apiRoutes)[];

/** Path segments: real ids, junk, and raw text that is not valid percent-encoding. */
const segment = fc.oneof(
  fc.constantFrom(...['a', 'ask', '..', '%', '%E0%A4%A', '%00', '%2F', 'x'.repeat(300)]),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent),
  fc.constant('__ID__'),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('-1', '0', '1', '1e3', '99999999999999999999', 'true', 'yes', 'failed,nope', '2026-13-45', ''),
);
const queryKey = fc.oneof(
  fc.constantFrom('limit', 'cursor', 'after', 'status', 'createdAfter', 'createdBefore', 'version', 'format', 'search', 'includeDeleted', 'workflowId', 'stream'),
  fc.string({ maxLength: 8 }),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ raw: JSON.stringify(v), type: 'application/json' })),
  fc.record({
    raw: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '[1,', '{"input":', 'nodes: [', '\u0000', 'a: *b')),
    type: fc.constantFrom('application/json', 'application/yaml', 'text/plain', 'multipart/form-data', ''),
  }),
  fc.record({
    raw: fc.record({
      input: fc.jsonValue({ maxDepth: 2 }),
      model: fc.oneof(fc.string(), fc.integer()),
      options: fc.record({ concurrency: fc.oneof(fc.integer(), fc.double()), timeoutMs: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
      stepId: fc.constantFrom('a', 'ask', 'nope'),
      fromStepId: fc.constantFrom('a', 'b', 'nope', ''),
      output: fc.jsonValue({ maxDepth: 2 }),
      name: fc.string(),
      nodes: fc.array(fc.record({ id: fc.string(), type: fc.constantFrom('test.echo', 'nope'), params: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 3 }),
      triggers: fc.array(
        fc.oneof(
          fc.record({ type: fc.constant('webhook'), path: fc.oneof(fc.constantFrom('hook', 'x/y', '/bad', ''), fc.string({ maxLength: 10 })) }),
          fc.record({ type: fc.constant('schedule'), cron: fc.oneof(fc.constantFrom('0 9 * * *', '* * *', '61 * * * *'), fc.string({ maxLength: 12 })), timezone: fc.constantFrom('UTC', 'Nowhere/City', '') }),
          fc.record({ type: fc.constantFrom('chat', 'email') }),
        ),
        { maxLength: 2 },
      ),
      sessionId: fc.oneof(fc.constantFrom('s1', 'bad id', ''), fc.string({ maxLength: 10 })),
      message: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
      value: fc.oneof(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()))),
      type: fc.oneof(fc.constantFrom('api_key', 'bad type'), fc.string({ maxLength: 10 })),
    }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    type: fc.constant('application/json'),
  }),
  fc.constant(undefined),
);

async function send(route: ContractRoute, pathSegments: string[], query: [string, string][], payload: { raw: string; type: string } | undefined, idPick: number) {
  let i = 0;
  const path = route.path.replace(/:(\w+)/g, () => {
    const seg = pathSegments[i++ % pathSegments.length] ?? 'x';
    return seg === '__ID__' ? encodeURIComponent(ids[idPick % ids.length] as string) : seg;
  });
  const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const headers: Record<string, string> = {};
  if (payload?.type) headers['content-type'] = payload.type;
  const request = new Request(`http://weft.test${path}${search ? `?${search}` : ''}`, {
    method: route.method,
    headers,
    ...(payload && route.method !== 'GET' ? { body: payload.raw } : {}),
  });
  return h.server.fetch(request);
}

describe('fuzzing every route', () => {
  it('never answers 5xx to malformed params, queries and bodies, and every error is the error JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routeIds),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }),
        body,
        fc.nat(),
        async (routeId, segments, query, payload, idPick) => {
          const route: ContractRoute = apiRoutes[routeId];
          const response = await send(route, segments, query, payload, idPick);
          const contentType = response.headers.get('content-type') ?? '';
          if (contentType.startsWith('text/event-stream')) {
            await response.body?.cancel();
          } else {
            const text = await response.text();
            if (response.status >= 400) {
              const parsed = JSON.parse(text) as { error: { code: string; message: string } };
              expect(parsed.error.code).toEqual(expect.any(String));
              expect(parsed.error.message).toEqual(expect.any(String));
            }
          }
          expect(response.status, `${route.method} ${route.path}`).toBeLessThan(500);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never answers 5xx on arbitrary paths and methods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.constantFrom('api', 'hooks'),
        fc.array(segment, { maxLength: 5 }),
        async (method, prefix, segments) => {
          const response = await h.server.fetch(new Request(`http://weft.test/${prefix}/${segments.join('/')}`, { method }));
          if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
          else await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 500 },
    );
  });
});

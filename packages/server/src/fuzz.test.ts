import { apiRoutes, type ContractRoute } from '@weft/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from './test-support/harness.ts';

let h: Harness;
let ids: string[];
beforeAll(async () => {
  h = await startHarness({ config: { bodyLimitBytes: 64 * 1024 } });
  const chain = await createWorkflow(h, workflows.chain());
  const approval = await createWorkflow(h, workflows.approval());
  const done = await startRun(h, chain, { input: 'x' });
  const waiting = await startRun(h, approval);
  await h.waitForRun(done);
  await h.waitForRun(waiting, (s) => s === 'waiting');
  ids = [chain, approval, done, waiting, 'a', 'b', 'ask'];
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
  fc.constantFrom('limit', 'cursor', 'after', 'status', 'createdAfter', 'createdBefore', 'version', 'format', 'search', 'includeDeleted', 'workflowId'),
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
        fc.array(segment, { maxLength: 5 }),
        async (method, segments) => {
          const response = await h.server.fetch(new Request(`http://weft.test/api/${segments.join('/')}`, { method }));
          if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
          else await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 500 },
    );
  });
});

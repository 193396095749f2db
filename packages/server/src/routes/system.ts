import { apiRoutes, type Health } from '@weft/api';
import { DOCS_PAGE_CSP, DOCS_PAGE_HTML } from '../openapi/docs-page.ts';
import { reply, route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';

const STORE_TIMEOUT_MS = 2_000;

async function probeStore(services: ServerServices): Promise<Health['store']> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      services.store.listRuns({ limit: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export const health = route(apiRoutes.health, async ({ services }) => {
  const store = await probeStore(services);
  const body: Health = {
    status: store.ok ? 'ok' : 'unavailable',
    version: services.config.version,
    uptimeSeconds: Math.round((services.clock.now() - services.startedAt) / 1000),
    store,
    queue: { depth: services.queue.depth, active: services.queue.active, accepting: services.queue.accepting },
  };
  return reply(store.ok ? 200 : 503, body, { 'cache-control': 'no-store' });
});

export const metrics = route(apiRoutes.metrics, async ({ services }) =>
  new Response(services.metrics.render(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  }),
);

export const openApiDocument = route(apiRoutes.openApiDocument, async ({ services }) => ({ ...services.apiDocument() }));

export const apiDocs = route(apiRoutes.apiDocs, async () =>
  new Response(DOCS_PAGE_HTML, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DOCS_PAGE_CSP },
  }),
);

export const systemRoutes = [health, metrics, openApiDocument, apiDocs];

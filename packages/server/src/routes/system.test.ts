import { apiRoutes } from '@weft/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('health', () => {
  it('reports the store, version, uptime and queue', async () => {
    const health = await h.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
      store: { ok: true },
      queue: { depth: 0, active: 0, accepting: true },
    });
  });

  it('answers 503 when the store does not', async () => {
    await h.store.close();
    const health = await h.call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: 'unavailable', store: { ok: false, error: expect.any(String) } });
  });
});

describe('metrics', () => {
  it('counts runs by status and step durations, with queue gauges, in the Prometheus format', async () => {
    const id = await createWorkflow(h, workflows.chain());
    await h.waitForRun(await startRun(h, id));
    await h.waitForRun(await startRun(h, await createWorkflow(h, workflows.flaky())));
    const metrics = await h.call('GET', '/api/metrics');
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = metrics.text;
    expect(text).toContain('# TYPE weft_runs_total counter');
    expect(text).toContain('weft_runs_total{status="queued"} 2');
    expect(text).toContain('weft_runs_total{status="succeeded"} 1');
    expect(text).toContain('weft_runs_total{status="failed"} 1');
    expect(text).toContain('# TYPE weft_step_duration_seconds histogram');
    expect(text).toContain('weft_step_duration_seconds_count{status="succeeded"} 4');
    expect(text).toMatch(/weft_step_duration_seconds_bucket\{status="failed",le="\+Inf"\} 1/);
    expect(text).toContain('weft_queue_depth 0');
    expect(text).toContain('weft_runs_active 0');
    // Every sample line is `name{labels} number`.
    for (const line of text.trim().split('\n')) {
      if (!line.startsWith('#')) expect(line).toMatch(/^weft_[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
    }
  });
});

describe('node types', () => {
  it('lists every node type with its params JSON Schema and ports', async () => {
    const listed = await h.call('GET', '/api/node-types');
    const types = listed.json['nodeTypes'] as { type: string; outputs: string[]; paramsSchema: { type?: string } }[];
    expect(types.map((t) => t.type)).toContain('test.route');
    const routeType = types.find((t) => t.type === 'test.route');
    expect(routeType).toMatchObject({ outputs: ['a', 'b', 'c'], dynamicOutputs: false, errorPort: 'error', paramsSchema: { type: 'object' } });
    const schema = await h.call('GET', '/api/schema/workflow');
    expect(schema.json).toMatchObject({ type: 'object', required: expect.arrayContaining(['name', 'nodes']) });
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 JSON listing every route, and every $ref resolves', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    for (const route of Object.values(apiRoutes)) {
      expect(operations).toContain(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')} ${route.id}`);
    }
    expect(doc.paths['/api/health']?.['get']?.security).toEqual([]);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect(name, ref).toBeDefined();
      expect(doc.components.schemas, ref).toHaveProperty([name as string]);
    }
    // The engine's full workflow schema stands in for the contract's loose one.
    expect(doc.components.schemas['WorkflowDefinition']).toMatchObject({ required: expect.arrayContaining(['nodes']) });
  });

  it('has a docs page that loads nothing from elsewhere', async () => {
    const docs = await h.call('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(docs.text).toContain("fetch('openapi.json'");
    expect(docs.text).not.toMatch(/(src|href)=["']https?:/);
    expect(docs.text).not.toContain('innerHTML');
  });
});

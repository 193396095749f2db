import type {
  ErrorJson,
  NodeTestResult,
  RunEvent,
  RunEventType,
  RunRecord,
  RunStatus,
  StepRecord,
  StepStatus,
  WorkflowSummary,
  WorkflowVersion,
} from '@weft/engine';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes, listRunsQuerySchema, routeUrl, type ContractRoute } from './index.ts';
import type {
  errorJsonSchema,
  nodeTestResultSchema,
  runEventSchema,
  runEventTypeSchema,
  runSchema,
  runStatusSchema,
  stepSchema,
  stepStatusSchema,
  workflowSummarySchema,
  workflowVersionSchema,
} from './index.ts';

describe('the contract matches the engine’s records', () => {
  it('accepts what the engine produces (checked by the compiler)', () => {
    expectTypeOf<RunRecord>().toExtend<z.input<typeof runSchema>>();
    expectTypeOf<StepRecord>().toExtend<z.input<typeof stepSchema>>();
    expectTypeOf<RunEvent>().toExtend<z.input<typeof runEventSchema>>();
    expectTypeOf<ErrorJson>().toExtend<z.input<typeof errorJsonSchema>>();
    expectTypeOf<WorkflowSummary>().toExtend<z.input<typeof workflowSummarySchema>>();
    expectTypeOf<WorkflowVersion>().toExtend<z.input<typeof workflowVersionSchema>>();
    expectTypeOf<NodeTestResult>().toExtend<z.input<typeof nodeTestResultSchema>>();
    expectTypeOf<z.output<typeof runEventTypeSchema>>().toEqualTypeOf<RunEventType>();
    expectTypeOf<z.output<typeof runStatusSchema>>().toEqualTypeOf<RunStatus>();
    expectTypeOf<z.output<typeof stepStatusSchema>>().toEqualTypeOf<StepStatus>();
  });
});

describe('routes', () => {
  const routes: ContractRoute[] = Object.values(apiRoutes);

  it('have unique ids and unique method + path', () => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
    for (const [key, route] of Object.entries(apiRoutes)) expect(route.id).toBe(key);
  });

  it('declare a schema for every path parameter', () => {
    for (const route of routes) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const shape = route.params instanceof z.ZodObject ? Object.keys(route.params.shape) : [];
      expect(shape.sort(), route.id).toEqual(names.sort());
    }
  });

  it('convert to JSON Schema', () => {
    for (const route of routes) {
      for (const schema of [route.params, route.query, route.body]) {
        if (schema) expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).not.toThrow();
      }
      expect(() => z.toJSONSchema(route.response, { io: 'output', unrepresentable: 'any' })).not.toThrow();
    }
  });
});

describe('query schemas', () => {
  it('read lists, times and numbers from strings', () => {
    const parsed = listRunsQuerySchema.parse({
      status: 'failed, cancelled',
      createdAfter: '2026-01-01T00:00:00Z',
      createdBefore: '1767225600001',
      limit: '20',
    });
    expect(parsed).toEqual({
      status: ['failed', 'cancelled'],
      createdAfter: Date.UTC(2026, 0, 1),
      createdBefore: 1767225600001,
      limit: 20,
    });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ createdAfter: 'yesterday' }, 'createdAfter'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1e3' }, 'limit'],
  ])('rejects %j at %s', (query, path) => {
    const result = listRunsQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});

describe('routeUrl', () => {
  it('fills and encodes params and appends the query', () => {
    expect(routeUrl(apiRoutes.retryStep, { id: 'r 1', stepId: 'map[0]' })).toBe('/api/runs/r%201/steps/map%5B0%5D/retry');
    expect(routeUrl(apiRoutes.listRuns, {}, { status: 'failed', limit: 5, cursor: undefined })).toBe(
      '/api/runs?status=failed&limit=5',
    );
    expect(() => routeUrl(apiRoutes.getRun)).toThrow(/missing path parameter 'id'/);
  });
});

describe('the package boundary', () => {
  it('imports nothing from the engine at run time (the web bundles this package)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(import.meta.dirname, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(`${import.meta.dirname}/${file}`, 'utf8');
      for (const match of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'(@weft\/[^']+)'/gms)) {
        expect(match[2], `${file}: ${match[0]}`).toBe('type ');
      }
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineNode, type NodeType } from '@weft/engine';
import { z } from 'zod';
import { createWorkflow, startHarness, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('creating workflows', () => {
  it('saves version 1 under a slug of the name and answers 201 with a Location', async () => {
    const created = await h.call('POST', '/api/workflows', { body: workflows.chain('My Chain') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/workflows/my-chain');
    expect(created.json).toMatchObject({
      workflow: { id: 'my-chain', name: 'My Chain', latestVersion: 1 },
      version: { workflowId: 'my-chain', version: 1, definition: { id: 'my-chain', name: 'My Chain' } },
    });
  });

  it('imports YAML', async () => {
    const yaml = 'id: from_yaml\nname: From YAML\nnodes:\n  - id: a\n    type: test.echo\n    params: { value: 1 }\n';
    const created = await h.call('POST', '/api/workflows', { raw: yaml, contentType: 'application/yaml' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ workflow: { id: 'from_yaml' } });
    const broken = await h.call('POST', '/api/workflows', { raw: 'name: [unclosed', contentType: 'text/yaml' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ code: 'INVALID_WORKFLOW' });
  });

  it('answers 400 with every problem and its path', async () => {
    const created = await h.call('POST', '/api/workflows', {
      body: {
        name: 'bad',
        nodes: [
          { id: 'a', type: 'test.echoo', params: {} },
          { id: 'a', type: 'test.sleep', params: { ms: 'soon' } },
        ],
        edges: [{ from: 'a', to: 'ghost' }],
      },
    });
    expect(created.status).toBe(400);
    expect(created.json.error?.code).toBe('INVALID_WORKFLOW');
    expect(created.json.error?.path).toBe('nodes[1].id');
    const problems = (created.json.error?.details as { problems: { path: string; message: string }[] }).problems;
    expect(problems.map((p) => p.path)).toEqual(['nodes[1].id', 'nodes[0].type', 'nodes[1].params.ms', 'edges[0].to']);
    expect(problems[1]?.message).toMatch(/did you mean 'test.echo'/);
  });

  it('refuses a second workflow with the same id (409)', async () => {
    await createWorkflow(h, workflows.chain());
    const again = await h.call('POST', '/api/workflows', { body: workflows.chain() });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('versions', () => {
  it('saves every change as a new immutable version; identical content keeps the version', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const changed = { ...workflows.chain(), description: 'now with a description' };
    const v2 = await h.call('PUT', `/api/workflows/${id}`, { body: changed });
    expect(v2.status).toBe(200);
    expect(v2.json).toMatchObject({ workflow: { latestVersion: 2, description: 'now with a description' }, version: { version: 2 } });
    const same = await h.call('PUT', `/api/workflows/${id}`, { body: changed });
    expect(same.json).toMatchObject({ version: { version: 2 } });

    const versions = await h.call('GET', `/api/workflows/${id}/versions`);
    expect((versions.json['versions'] as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect(versions.json['versions']).not.toContainEqual(expect.objectContaining({ definition: expect.anything() }));

    const first = await h.call('GET', `/api/workflows/${id}?version=1`);
    expect(first.json).toMatchObject({ version: { version: 1 }, workflow: { latestVersion: 2 } });
    expect((await h.call('GET', `/api/workflows/${id}?version=9`)).status).toBe(404);
  });

  it('refuses a body whose id differs from the path, and unknown workflows', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const moved = await h.call('PUT', `/api/workflows/${id}`, { body: { ...workflows.chain(), id: 'other' } });
    expect(moved.status).toBe(400);
    expect(moved.json.error).toMatchObject({ code: 'INVALID_REQUEST', path: 'body.id' });
    expect((await h.call('PUT', '/api/workflows/nope', { body: workflows.chain() })).status).toBe(404);
    const invalid = await h.call('PUT', `/api/workflows/${id}`, { body: { name: 'x', nodes: [] } });
    expect(invalid.json.error).toMatchObject({ code: 'INVALID_WORKFLOW', path: 'nodes' });
  });
});

describe('listing and deleting', () => {
  it('lists newest first with search and a cursor', async () => {
    for (const name of ['alpha', 'beta', 'gamma']) await createWorkflow(h, workflows.chain(name));
    const page1 = await h.call('GET', '/api/workflows?limit=2');
    expect(page1.status).toBe(200);
    const ids1 = (page1.json['workflows'] as { id: string }[]).map((w) => w.id);
    expect(ids1).toHaveLength(2);
    const page2 = await h.call('GET', `/api/workflows?limit=2&cursor=${page1.json['nextCursor'] as string}`);
    const ids2 = (page2.json['workflows'] as { id: string }[]).map((w) => w.id);
    expect([...ids1, ...ids2].sort()).toEqual(['alpha', 'beta', 'gamma']);
    const search = await h.call('GET', '/api/workflows?search=AMM');
    expect((search.json['workflows'] as { id: string }[]).map((w) => w.id)).toEqual(['gamma']);
  });

  it('soft-deletes: gone from the list and from new runs, history readable, restored by creating it again', async () => {
    const id = await createWorkflow(h, workflows.chain());
    expect((await h.call('DELETE', `/api/workflows/${id}`)).json).toEqual({ deleted: true });
    expect((await h.call('DELETE', `/api/workflows/${id}`)).status).toBe(404);
    expect((await h.call('GET', '/api/workflows')).json['workflows']).toEqual([]);
    expect((await h.call('GET', '/api/workflows?includeDeleted=true')).json['workflows']).toHaveLength(1);
    expect((await h.call('GET', `/api/workflows/${id}`)).json).toMatchObject({ workflow: { deletedAt: expect.any(Number) } });
    expect((await h.call('POST', `/api/workflows/${id}/runs`, { body: {} })).status).toBe(404);
    expect((await h.call('PUT', `/api/workflows/${id}`, { body: workflows.chain() })).status).toBe(404);

    const restored = await h.call('POST', '/api/workflows', { body: workflows.chain() });
    expect(restored.status).toBe(201);
    expect(restored.json['workflow']).not.toHaveProperty('deletedAt');
  });
});

describe('export and validate', () => {
  it('exports YAML (default) and JSON that import back to the same definition', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const yaml = await h.call('GET', `/api/workflows/${id}/export`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(yaml.headers.get('content-disposition')).toBe('attachment; filename="chain.yaml"');
    expect(yaml.text).toMatch(/^id: chain\nname: chain\n/);
    const json = await h.call('GET', `/api/workflows/${id}/export?format=json`);
    const original = await h.call('GET', `/api/workflows/${id}`);
    expect(json.json).toEqual((original.json['version'] as { definition: unknown }).definition);

    await h.call('DELETE', `/api/workflows/${id}`);
    const reimported = await h.call('POST', '/api/workflows', { raw: yaml.text, contentType: 'application/yaml' });
    expect(reimported.json).toMatchObject({ version: { version: 1, definition: json.json } });
  });

  it('validates without saving', async () => {
    const good = await h.call('POST', '/api/workflows/validate', { body: workflows.chain() });
    expect(good.json).toMatchObject({ ok: true, problems: [], workflow: { name: 'chain', edges: expect.any(Array) } });
    expect(good.json['ports']).toEqual(Object.fromEntries(workflows.chain().nodes.map((n) => [n.id, ['out']])));
    const bad = await h.call('POST', '/api/workflows/validate', { body: { name: 'x', nodes: [{ id: '1a', type: 'test.echo' }] } });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'nodes[0].id' })], ports: { '1a': ['out'] } });
    expect((await h.call('GET', '/api/workflows')).json['workflows']).toEqual([]);
  });

  it('answers each node’s output ports from its params, even for a draft with problems', async () => {
    const cases = defineNode({
      type: 'test.cases',
      version: 1,
      category: 'test',
      title: 'Cases',
      description: 'A port per case.',
      params: z.object({ cases: z.array(z.string()) }),
      // Like the real switch: raw params may be anything, the ports come from what names there are.
      outputs: (params) => [...(Array.isArray(params['cases']) ? params['cases'].filter((c) => typeof c === 'string') : []), 'default'],
      async run() {
        return { output: null };
      },
    });
    const own = await startHarness({ nodeTypes: [cases as NodeType] });
    try {
      const draft = {
        name: 'draft',
        nodes: [
          { id: 'route', type: 'test.cases', params: { cases: ['bug', 'billing'] } },
          { id: 'broken', type: 'test.cases', params: { cases: 'not a list' } },
          { id: 'unknown', type: 'nope' },
        ],
      };
      const answer = await own.call('POST', '/api/workflows/validate', { body: draft });
      expect(answer.json['ok']).toBe(false);
      expect(answer.json['ports']).toEqual({ route: ['bug', 'billing', 'default'], broken: ['default'] });
    } finally {
      await own.close();
    }
  });
});

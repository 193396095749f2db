import type { WorkflowInput } from '@weft/api';
import { describe, expect, it } from 'vitest';
import { fromYaml, lineOfPath, sameWorkflow, toYaml } from './yaml-sync.ts';

const workflow: WorkflowInput = {
  edges: [{ to: 'publish', from: 'draft', port: 'default' }],
  nodes: [
    {
      position: { x: 10, y: 20 },
      params: { prompt: 'Write about {{ input.topic }}.\nKeep it short.', model: 'openai:gpt-4o-mini', temperature: 0.2 },
      type: 'llm',
      id: 'draft',
      retry: { maxAttempts: 3 },
    },
    { id: 'publish', type: 'http', name: 'Publish', params: { method: 'POST', url: 'https://example.test', body: { text: '{{ steps.draft.output }}' } } },
  ],
  triggers: [{ path: 'draft', type: 'webhook', response: 'sync' }],
  name: 'Draft and publish',
  description: 'Writes a draft',
  defaults: { model: 'openai:gpt-4o-mini' },
};

describe('toYaml', () => {
  it('writes keys in a stable order and round-trips through fromYaml', () => {
    const text = toYaml(workflow);
    expect(text.split('\n').filter((line) => /^\w/.test(line)).map((line) => line.split(':')[0])).toEqual([
      'name',
      'description',
      'defaults',
      'triggers',
      'nodes',
      'edges',
    ]);
    expect(text).toContain('  - id: draft\n    type: llm\n    params:');
    expect(text).toContain('  - from: draft\n    to: publish\n    port: default');
    const back = fromYaml(text);
    expect(back).toEqual({ ok: true, definition: workflow });
  });

  it('rounds positions, drops empty params and undefined keys, and never writes anchors', () => {
    const shared = { a: 1 };
    const text = toYaml({
      name: 'w',
      description: undefined,
      nodes: [
        { id: 'a', type: 'transform', params: {}, position: { x: 10.6, y: -3.2 } },
        { id: 'b', type: 'transform', params: { value: shared, again: shared } },
      ],
    });
    expect(text).toContain('position:\n      x: 11\n      y: -3');
    expect(text).not.toContain('params: {}');
    expect(text).not.toContain('description');
    expect(text).not.toMatch(/[&*]a\d/);
  });

  it('keeps long lines whole', () => {
    const prompt = 'word '.repeat(60).trim();
    expect(toYaml({ name: 'w', nodes: [{ id: 'a', type: 'llm', params: { prompt } }] })).toContain(`prompt: ${prompt}\n`);
  });
});

describe('fromYaml', () => {
  it('reports a syntax error with its line and column', () => {
    const result = fromYaml('name: w\nnodes:\n  - id: a\n    type: [llm\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(5);
    expect(result.error.message).toMatch(/flow sequence|\]/i);
    const indent = fromYaml('name: w\nnodes:\n  - id: a\n   type: llm\n');
    expect(indent.ok).toBe(false);
    if (!indent.ok) expect(indent.error.line).toBe(4);
  });

  it('reports a duplicate key at its line', () => {
    const result = fromYaml('name: w\nname: again\nnodes: []\n');
    expect(result).toMatchObject({ ok: false, error: { line: 2 } });
  });

  it('says what is wrong when the document is not a workflow', () => {
    expect(fromYaml('')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty/) } });
    expect(fromYaml('- a\n- b\n')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is a list.*mapping/), line: 1 } });
    expect(fromYaml('name: w\n')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no `nodes:`/) } });
    expect(fromYaml('name: w\nnodes:\n  a: 1\n')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/`nodes:` must be a list/), line: 3 },
    });
    expect(fromYaml('name: w\nnodes:\n  - id: a\n  - just text\n')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/nodes\[1\] must be a mapping/), line: 4 },
    });
  });

  it('does not validate beyond the shape: the server does', () => {
    expect(fromYaml('nodes: []\n')).toEqual({ ok: true, definition: { nodes: [] } });
  });
});

describe('helpers', () => {
  it('compares workflows as their YAML', () => {
    expect(sameWorkflow(workflow, JSON.parse(JSON.stringify(workflow)) as WorkflowInput)).toBe(true);
    expect(sameWorkflow(workflow, { ...workflow, name: 'other' })).toBe(false);
  });

  it('finds the line of a problem path, or of its nearest existing parent', () => {
    const text = toYaml(workflow);
    const lines = text.split('\n');
    const urlLine = lineOfPath(text, 'nodes[1].params.url');
    expect(lines[(urlLine ?? 0) - 1]).toContain('url: https://example.test');
    const missing = lineOfPath(text, 'nodes[1].params.headers');
    expect(lines[(missing ?? 0) - 1]).toContain('params:');
    expect(lines[(lineOfPath(text, 'edges[0].port') ?? 0) - 1]).toContain('port: default');
    expect(lineOfPath('a: [', 'a')).toBeUndefined();
  });
});

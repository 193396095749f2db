import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { ScriptedModel } from '@weft/engine/testing';
import { createTestEngine } from '../../../testing/index.ts';
import { knowledgeNodes } from '../index.ts';
import type { DocumentIndex } from '../shared/document-index.ts';
import { EmbeddingScriptedModel } from '../shared/test-model.ts';

const documents: Json = [
  { id: 'refunds', title: 'Refund policy', text: 'Refunds are paid within 30 days.\n\nReturn the item unused, in its box.' },
  'Shipping takes five working days. Express shipping takes one day.',
];

const indexWorkflow = (params: Record<string, unknown>) =>
  workflow('index').node('index', 'documents_index', { documents: '{{ input.documents }}', ...params }).build();

describe('documents_index', () => {
  it('without an embedding model builds a keyword-only index of chunks with ids and offsets', async () => {
    const model = new EmbeddingScriptedModel();
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(indexWorkflow({ chunkSize: 100, chunkOverlap: 0 }), { documents });
    expect(view.run.status).toBe('succeeded');
    const index = view.attempt('index').output as unknown as DocumentIndex;
    expect(index.chunks).toEqual([
      {
        id: 'refunds#1',
        docId: 'refunds',
        title: 'Refund policy',
        text: 'Refunds are paid within 30 days.\n\nReturn the item unused, in its box.',
        start: 0,
        end: 69,
      },
      { id: 'doc-2#1', docId: 'doc-2', text: 'Shipping takes five working days. Express shipping takes one day.', start: 0, end: 65 },
    ]);
    expect(index.vectors).toBeUndefined();
    expect(index.bm25).toMatchObject({ lengths: [9, 10], avgLength: 9.5 });
    expect(index.bm25.df).toMatchObject({ refunds: 1, days: 2, shipping: 1 });
    expect(model.embedRequests).toEqual([]);
  });

  it('with an embedding model embeds every chunk in batches of 64 and records the tokens', async () => {
    const model = new EmbeddingScriptedModel();
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const many = Array.from({ length: 70 }, (_, i) => ({ title: `Note ${i}`, text: `Note number ${i} is short.` }));
    const view = await t.run(indexWorkflow({ embeddingModel: 'openai:text-embedding-3-small' }), { documents: many });
    const index = view.attempt('index').output as unknown as DocumentIndex;
    expect(index.chunks).toHaveLength(70);
    expect(index.vectors).toHaveLength(70);
    expect(index.model).toBe('openai:text-embedding-3-small');
    expect(view.attempt('index').model).toBe('openai:text-embedding-3-small');
    expect(model.embedRequests.map((r) => [r.model, r.values.length])).toEqual([
      ['openai:text-embedding-3-small', 64],
      ['openai:text-embedding-3-small', 6],
    ]);
    expect(model.embedRequests[0]?.values[0]).toBe('Note 0\n\nNote number 0 is short.');
    // 7 words per value ("Note 0" + "Note number 0 is short.").
    expect(view.attempt('index').usage).toMatchObject({ inputTokens: 70 * 7, outputTokens: 0 });
  });

  it('falls back to keywords, with a warning, when the provider cannot embed', async () => {
    const t = createTestEngine({ model: new ScriptedModel([]), nodes: knowledgeNodes });
    const view = await t.run(indexWorkflow({ embeddingModel: 'anthropic:claude' }), { documents });
    expect(view.run.status).toBe('succeeded');
    const index = view.attempt('index').output as unknown as DocumentIndex;
    expect(index.vectors).toBeUndefined();
    expect(index.chunks).toHaveLength(2);
    expect(view.eventsOf('log', 'index')[0]?.data).toMatchObject({ level: 'warn', message: expect.stringContaining('keyword-only') });
  });

  it('fails on an embedding error other than "cannot embed"', async () => {
    const model = new EmbeddingScriptedModel();
    model.embed = () => Promise.reject(new Error('boom'));
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(indexWorkflow({ embeddingModel: 'openai:text-embedding-3-small' }), { documents });
    expect(view.run.status).toBe('failed');
    expect(view.attempt('index').error?.message).toContain('boom');
  });

  it.each([
    { name: 'an overlap above half the chunk size', params: { chunkSize: 200, chunkOverlap: 150 }, path: 'nodes[0].params.chunkOverlap' },
    { name: 'a tiny chunk size', params: { chunkSize: 10, chunkOverlap: 0 }, path: 'nodes[0].params.chunkSize' },
  ])('rejects $name at validation', async ({ params, path }) => {
    const t = createTestEngine({ nodes: knowledgeNodes });
    const error = await t.run(indexWorkflow(params), { documents }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { problems?: unknown }).problems).toEqual([{ path, message: expect.any(String) }]);
  });
});

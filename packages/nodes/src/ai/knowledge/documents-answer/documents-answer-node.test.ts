import { describe, expect, it } from 'vitest';
import type { Json, WorkflowInput } from '@weft/engine';
import { ScriptedModel } from '@weft/engine/testing';
import { createTestEngine, type RunView } from '../../../testing/index.ts';
import { knowledgeNodes } from '../index.ts';
import { bm25Stats } from '../shared/bm25.ts';
import type { DocumentIndex } from '../shared/document-index.ts';
import { EmbeddingScriptedModel, hashEmbedding } from '../shared/test-model.ts';

const documents: Json = [
  { id: 'refunds', title: 'Refund policy', text: 'Refunds are paid within 30 days of the return.' },
  { id: 'shipping', title: 'Shipping', text: 'Shipping takes five working days. Express shipping takes one day.' },
  { id: 'office', text: 'The office is closed on public holidays.' },
];

/** Index the input's documents, then answer the input's question from that index. */
function qa(index: Record<string, unknown> = {}, answer: Record<string, unknown> = {}): WorkflowInput {
  return {
    name: 'qa',
    nodes: [
      { id: 'index', type: 'documents_index', params: { documents: '{{ input.documents }}', ...index } },
      {
        id: 'answer',
        type: 'documents_answer',
        params: { question: '{{ input.question }}', index: '{{ steps.index.output }}', model: 'openai:gpt-4o-mini', ...answer },
      },
    ],
    edges: [{ from: 'index', to: 'answer' }],
  };
}

interface AnswerOutput {
  answer: string;
  citations: { n: number; chunkId: string; docId: string; title: string | null; excerpt: string; score: number }[];
  retrieval: string;
}

const outputOf = (view: RunView) => view.run.output as unknown as AnswerOutput;

describe('documents_answer', () => {
  it('retrieves by embedding, asks only from numbered excerpts, and keeps the cited ones', async () => {
    const model = new EmbeddingScriptedModel([{ text: 'Refunds are paid within 30 days [1].' }]);
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(qa({ embeddingModel: 'openai:text-embedding-3-small' }, { topK: 2 }), {
      documents,
      question: 'When are refunds paid?',
    });
    expect(view.run.status).toBe('succeeded');
    expect(model.embedRequests.at(-1)).toEqual({ model: 'openai:text-embedding-3-small', values: ['When are refunds paid?'] });
    const request = model.requests[0];
    expect(request?.system).toContain('ONLY the numbered excerpts');
    expect(request?.messages[0]?.content).toMatch(/^<excerpts>\n\[1\] \(Refund policy, refunds\)\nRefunds are paid within 30 days/);
    // The other chunks share no word with the question: with hashed embeddings they score 0 and are left out.
    expect(request?.messages[0]?.content).not.toContain('[2] ');
    expect(request?.messages[0]?.content).toMatch(/Question: When are refunds paid\?$/);
    const output = outputOf(view);
    expect(output).toEqual({
      answer: 'Refunds are paid within 30 days [1].',
      retrieval: 'embedding',
      citations: [
        {
          n: 1,
          chunkId: 'refunds#1',
          docId: 'refunds',
          title: 'Refund policy',
          excerpt: 'Refunds are paid within 30 days of the return.',
          score: expect.any(Number),
        },
      ],
    });
    expect(output.citations[0]?.score).toBeGreaterThan(0.3);
    expect(view.attempt('answer').model).toBe('openai:gpt-4o-mini');
    expect(view.eventsOf('llm.token', 'answer').length).toBeGreaterThan(0);
  });

  it('without embeddings ranks by BM25 and drops excerpts the answer does not cite', async () => {
    const model = new EmbeddingScriptedModel([{ text: 'Express shipping takes one day [1]; refunds are unrelated.' }]);
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(qa(), { documents, question: 'How fast is express shipping? Any refunds?' });
    const output = outputOf(view);
    expect(output.retrieval).toBe('keyword');
    expect(model.embedRequests).toEqual([]);
    // Both matching chunks were sent, best (shipping) first; only [1] was cited.
    expect(model.requests[0]?.messages[0]?.content).toMatch(/\[1\] \(Shipping, shipping\)[\s\S]*\[2\] \(Refund policy, refunds\)/);
    expect(model.requests[0]?.messages[0]?.content).not.toContain('office');
    expect(output.citations.map((c) => [c.n, c.chunkId, c.title])).toEqual([[1, 'shipping#1', 'Shipping']]);
  });

  it('answers "not found" without calling the model when no chunk matches', async () => {
    const model = new EmbeddingScriptedModel([]);
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(qa({}, { notFoundAnswer: 'Nothing in the handbook.' }), { documents, question: 'Who won the 1998 cup?' });
    expect(view.run.status).toBe('succeeded');
    expect(outputOf(view)).toEqual({ answer: 'Nothing in the handbook.', citations: [], retrieval: 'keyword' });
    expect(model.requests).toEqual([]);
  });

  it('in auto mode falls back to BM25 when the provider cannot embed the question', async () => {
    const texts = ['Refunds are paid within 30 days.', 'The office is closed on holidays.'];
    const index: DocumentIndex = {
      chunks: texts.map((text, i) => ({ id: `d${i}#1`, docId: `d${i}`, text, start: 0, end: text.length })),
      vectors: texts.map((text) => hashEmbedding(text)),
      model: 'openai:text-embedding-3-small',
      bm25: bm25Stats(texts),
    };
    const t = createTestEngine({ model: new ScriptedModel([{ text: 'Within 30 days [1].' }]), nodes: knowledgeNodes });
    const view = await t.run(
      {
        name: 'answer',
        nodes: [{ id: 'answer', type: 'documents_answer', params: { question: 'refunds?', index: '{{ input.index }}' } }],
      },
      { index: index as unknown as Json },
    );
    expect(outputOf(view)).toMatchObject({ retrieval: 'keyword', citations: [{ n: 1, chunkId: 'd0#1' }] });
    expect(view.eventsOf('log', 'answer')[0]?.data).toMatchObject({ level: 'warn', message: expect.stringContaining('BM25') });
  });

  it('in embedding mode fails clearly on a keyword-only index', async () => {
    const t = createTestEngine({ model: new EmbeddingScriptedModel([]), nodes: knowledgeNodes });
    const view = await t.run(qa({}, { mode: 'embedding' }), { documents, question: 'refunds?' });
    expect(view.run.status).toBe('failed');
    expect(view.attempt('answer').error).toMatchObject({ code: 'NON_RETRYABLE', message: expect.stringContaining('no embeddings') });
  });

  it('in keyword mode ignores the embeddings', async () => {
    const model = new EmbeddingScriptedModel([{ text: 'Closed on public holidays [1].' }]);
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(qa({ embeddingModel: 'ollama:nomic-embed-text' }, { mode: 'keyword' }), {
      documents,
      question: 'Is the office open on public holidays?',
    });
    expect(outputOf(view)).toMatchObject({ retrieval: 'keyword', citations: [{ n: 1, docId: 'office', title: null }] });
    // Only the index step embedded (one batch); the question was not embedded.
    expect(model.embedRequests).toHaveLength(1);
  });

  it('fails clearly when the question embedding does not match the index dimensions', async () => {
    const model = new EmbeddingScriptedModel([]);
    const embed = model.embed.bind(model);
    let calls = 0;
    model.embed = async (request) => {
      const response = await embed(request);
      // The index step gets the normal vectors; the question gets a shorter one, as from another model.
      return calls++ === 0 ? response : { ...response, embeddings: [[1, 0, 0]] };
    };
    const t = createTestEngine({ model, nodes: knowledgeNodes });
    const view = await t.run(qa({ embeddingModel: 'openai:text-embedding-3-small' }), { documents, question: 'refunds?' });
    expect(view.run.status).toBe('failed');
    expect(view.attempt('answer').error?.message).toMatch(/3 dimensions but the index's have 256/);
  });

  it('fails the step when the index is not one documents_index made', async () => {
    const t = createTestEngine({ model: new EmbeddingScriptedModel([]), nodes: knowledgeNodes });
    const view = await t.run(
      { name: 'bad', nodes: [{ id: 'answer', type: 'documents_answer', params: { question: 'x', index: '{{ input }}' } }] },
      { chunks: 'nope' },
    );
    expect(view.run.status).toBe('failed');
    expect(view.attempt('answer').error?.message).toMatch(/index/);
  });
});

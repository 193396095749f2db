import { defineNode, type Json, type NodeResult } from '@weft/engine';
import { z } from 'zod';
import { quoted } from '../../presets/shared/structured-ask.ts';
import { citedNumbers } from '../shared/citations.ts';
import { documentIndexSchema, type IndexedChunk } from '../shared/document-index.ts';
import { retrieve } from './retrieve.ts';

const DEFAULT_NOT_FOUND = 'I could not find anything about this in the documents.';

const SYSTEM = [
  'You answer questions using ONLY the numbered excerpts you are given; never use outside knowledge.',
  'After each statement, cite the excerpts it comes from by number in square brackets, like [1] or [2][3].',
  'If the excerpts do not contain the answer, say plainly that the documents do not say, and cite nothing.',
  'Answer in the language of the question.',
].join(' ');

/** Answers a question from an index built by `documents_index`, citing the chunks it used. */
export const documentsAnswerNode = defineNode({
  type: 'documents_answer',
  version: 1,
  category: 'ai',
  title: 'Answer from documents',
  description:
    'Answers `question` from `index` (the output of a `documents_index` step, e.g. `{{ steps.index.output }}`). Retrieves the `topK` most relevant chunks — by embedding similarity when the index has embeddings (the question is embedded with the same model), else by BM25 keyword search; `mode` forces one — then asks the model to answer only from those numbered excerpts, citing them as [1], [2]. Output: `{ answer, citations: [{ n, chunkId, docId, title, excerpt, score }], retrieval }`, keeping only the excerpts the answer cites. When no chunk matches, the answer is `notFoundAnswer` and the model is not called.',
  params: z.object({
    question: z.string().min(1),
    index: documentIndexSchema,
    topK: z.number().int().min(1).max(50).default(4),
    mode: z.enum(['auto', 'embedding', 'keyword']).default('auto'),
    minScore: z.number().default(0).describe('Chunks scoring at or below this are not relevant (cosine or BM25 score).'),
    model: z.string().optional().describe('provider:model that answers, e.g. openai:gpt-4o-mini.'),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    notFoundAnswer: z.string().default(DEFAULT_NOT_FOUND),
  }),
  example: {
    question: '{{ input.message }}',
    index: '{{ steps.index.output }}',
    topK: 4,
    model: 'openai:gpt-4o-mini',
  },
  async run(ctx): Promise<NodeResult> {
    const { question, index, temperature, maxTokens } = ctx.params;
    const { retrieval, hits } = await retrieve(ctx, {
      question,
      index,
      mode: ctx.params.mode,
      topK: ctx.params.topK,
      minScore: ctx.params.minScore,
    });
    const excerpts = hits.flatMap((hit) => {
      const chunk = index.chunks[hit.index];
      return chunk ? [{ chunk, score: hit.score }] : [];
    });
    if (excerpts.length === 0) {
      ctx.emit('log', { level: 'info', message: 'No chunk of the index matches the question; the model was not asked.' });
      return { output: { answer: ctx.params.notFoundAnswer, citations: [], retrieval } };
    }
    const model = ctx.model.resolve(ctx.params.model);
    ctx.record.model(model);
    const numbered = excerpts.map(({ chunk }, i) => `[${i + 1}] ${heading(chunk)}\n${chunk.text}`).join('\n\n');
    const response = await ctx.model.generate(
      {
        model,
        system: SYSTEM,
        messages: [{ role: 'user', content: `${quoted('excerpts', numbered)}\n\nQuestion: ${question}` }],
        ...(temperature === undefined ? {} : { temperature }),
        ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
        idempotencyKey: ctx.step.idempotencyKey,
      },
      { signal: ctx.signal, onTextDelta: (text) => ctx.emit('llm.token', { text }) },
    );
    ctx.record.model(response.model);
    ctx.record.usage(response.usage);
    const answer = response.text.trim();
    const citations = citedNumbers(answer, excerpts.length).flatMap((n) => {
      const excerpt = excerpts[n - 1];
      if (!excerpt) return [];
      const { chunk, score } = excerpt;
      return [{ n, chunkId: chunk.id, docId: chunk.docId, title: chunk.title ?? null, excerpt: chunk.text, score }];
    });
    return { output: { answer, citations, retrieval } as Json };
  },
});

function heading(chunk: IndexedChunk): string {
  return chunk.title ? `(${chunk.title}, ${chunk.docId})` : `(${chunk.docId})`;
}

import { NonRetryableError, type NodeContext } from '@weft/engine';
import { bm25Scores } from '../shared/bm25.ts';
import { cannotEmbed, type DocumentIndex } from '../shared/document-index.ts';
import { cosineSimilarity, topK } from '../shared/vectors.ts';

/** How chunks were ranked. */
export type Retrieval = 'embedding' | 'keyword';

/** The chunks picked for a question, best first. */
export interface Retrieved {
  retrieval: Retrieval;
  hits: { index: number; score: number }[];
}

/** What {@link retrieve} needs besides the step's context. */
export interface RetrieveOptions {
  question: string;
  index: DocumentIndex;
  mode: 'auto' | 'embedding' | 'keyword';
  topK: number;
  minScore: number;
}

/**
 * Ranks the index's chunks for a question: cosine similarity against the question embedded with the
 * index's own model when it has vectors (and `mode` allows), else BM25. In `auto` mode a provider
 * that cannot embed falls back to BM25 with a warning; in `embedding` mode it fails the step.
 */
export async function retrieve(ctx: NodeContext<unknown>, options: RetrieveOptions): Promise<Retrieved> {
  const { question, index, mode } = options;
  const texts = index.chunks.map((c) => c.text);
  const pick = (retrieval: Retrieval, scores: number[]): Retrieved => ({
    retrieval,
    hits: topK(scores, options.topK, options.minScore).map((i) => ({ index: i, score: round(scores[i] ?? 0) })),
  });
  if (mode === 'keyword') return pick('keyword', bm25Scores(texts, index.bm25, question));
  const { vectors, model } = index;
  if (!vectors || !model) {
    if (mode === 'embedding') {
      throw new NonRetryableError(
        'The index has no embeddings: build it with `embeddingModel` set on documents_index, or use mode auto or keyword.',
      );
    }
    return pick('keyword', bm25Scores(texts, index.bm25, question));
  }
  try {
    const response = await ctx.model.embed({ model, values: [question] });
    ctx.record.usage(response.usage);
    const query = response.embeddings[0] ?? [];
    const size = vectors[0]?.length ?? query.length;
    if (query.length !== size) {
      throw new NonRetryableError(
        `The question's embedding has ${query.length} dimensions but the index's have ${size}: rebuild the index with the same embedding model (${model}).`,
      );
    }
    return pick('embedding', vectors.map((v) => cosineSimilarity(query, v)));
  } catch (error) {
    if (mode === 'embedding' || !cannotEmbed(error)) throw error;
    ctx.emit('log', {
      level: 'warn',
      message: `${model} cannot embed the question, so retrieval falls back to keywords (BM25): ${(error as Error).message}`,
    });
    return pick('keyword', bm25Scores(texts, index.bm25, question));
  }
}

function round(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

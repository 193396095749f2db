import { defineNode, type Json, type NodeResult } from '@weft/engine';
import { z } from 'zod';
import { bm25Stats } from '../shared/bm25.ts';
import { chunkText } from '../shared/chunker.ts';
import { cannotEmbed, type DocumentIndex, type IndexedChunk } from '../shared/document-index.ts';

/** Chunks sent to the embedding model per call. */
const EMBED_BATCH = 64;

const documentSchema = z.union([
  z.string(),
  z.object({ id: z.union([z.string(), z.number()]).optional(), title: z.string().optional(), text: z.string() }),
]);

/** Splits documents into chunks and indexes them for `documents_answer`: embeddings when a model can embed, BM25 always. */
export const documentsIndexNode = defineNode({
  type: 'documents_index',
  version: 1,
  category: 'ai',
  title: 'Index documents',
  description:
    'Splits `documents` (a list of strings or `{ id?, title?, text }`) into chunks of about `chunkSize` characters, cut at paragraph and sentence breaks, with `chunkOverlap` characters repeated between neighbours. With `embeddingModel` (e.g. `openai:text-embedding-3-small`, `google:text-embedding-004`, `ollama:nomic-embed-text`) each chunk is embedded in batches and tokens are recorded; without one, or when that provider cannot embed, the index is keyword-only (BM25). The output is the index itself, stored with the step: feed it to `documents_answer` as `{{ steps.<id>.output }}`.',
  params: z
    .object({
      documents: z.array(documentSchema).describe('Usually an expression such as {{ steps.fetch.output.pages }}.'),
      chunkSize: z.number().int().min(100).max(20_000).default(1000).describe('Longest chunk, in characters.'),
      chunkOverlap: z.number().int().min(0).default(150).describe('Characters repeated from the end of the previous chunk.'),
      embeddingModel: z.string().optional().describe('provider:model that embeds; leave out for keyword-only retrieval.'),
    })
    .refine((p) => p.chunkOverlap <= p.chunkSize / 2, {
      message: 'chunkOverlap must be at most half of chunkSize',
      path: ['chunkOverlap'],
      // Checked even while `documents` is still a template (validation happens before rendering).
      when: ({ value }) => {
        const { chunkSize = 1000, chunkOverlap = 150 } = value as { chunkSize?: unknown; chunkOverlap?: unknown };
        return typeof chunkSize === 'number' && typeof chunkOverlap === 'number';
      },
    }),
  example: {
    documents: '{{ steps.load.output }}',
    chunkSize: 800,
    chunkOverlap: 100,
    embeddingModel: 'openai:text-embedding-3-small',
  },
  async run(ctx): Promise<NodeResult> {
    const { documents, chunkSize, chunkOverlap, embeddingModel } = ctx.params;
    const chunks: IndexedChunk[] = [];
    documents.forEach((document, i) => {
      const doc = typeof document === 'string' ? { text: document } : document;
      const docId = doc.id === undefined ? `doc-${i + 1}` : String(doc.id);
      chunkText(doc.text, { size: chunkSize, overlap: chunkOverlap }).forEach((piece, n) => {
        chunks.push({ id: `${docId}#${n + 1}`, docId, ...(doc.title ? { title: doc.title } : {}), ...piece });
      });
    });
    const index: DocumentIndex = { chunks, bm25: bm25Stats(chunks.map((c) => c.text)) };
    if (embeddingModel && chunks.length > 0) {
      const embedded = await embedChunks(ctx, embeddingModel, chunks);
      if (embedded) Object.assign(index, embedded);
    }
    ctx.emit('log', {
      level: 'info',
      message: `Indexed ${documents.length} documents as ${chunks.length} chunks (${index.vectors ? `embedded with ${index.model}` : 'keyword-only'}).`,
    });
    return { output: index as unknown as Json };
  },
});

type IndexContext = Parameters<typeof documentsIndexNode.run>[0];

/** Embeds every chunk in batches; undefined (with a warning) when the provider has no embeddings. */
async function embedChunks(
  ctx: IndexContext,
  model: string,
  chunks: IndexedChunk[],
): Promise<{ vectors: number[][]; model: string } | undefined> {
  const vectors: number[][] = [];
  let answeredBy = model;
  for (let from = 0; from < chunks.length; from += EMBED_BATCH) {
    const values = chunks.slice(from, from + EMBED_BATCH).map((c) => (c.title ? `${c.title}\n\n${c.text}` : c.text));
    try {
      const response = await ctx.model.embed({ model, values });
      if (response.embeddings.length !== values.length) {
        throw new Error(`${model} returned ${response.embeddings.length} embeddings for ${values.length} chunks`);
      }
      ctx.record.usage(response.usage);
      answeredBy = response.model;
      vectors.push(...response.embeddings);
    } catch (error) {
      if (from > 0 || !cannotEmbed(error)) throw error;
      ctx.emit('log', {
        level: 'warn',
        message: `${model} cannot embed text, so the index is keyword-only (BM25): ${(error as Error).message}`,
      });
      return undefined;
    }
  }
  ctx.record.model(answeredBy);
  return { vectors, model: answeredBy };
}

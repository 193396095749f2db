import { z } from 'zod';

/** One chunk of a source document, with its place in that document. */
export const indexedChunkSchema = z.object({
  id: z.string(),
  docId: z.string(),
  title: z.string().optional(),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

/**
 * The index `documents_index` outputs and `documents_answer` reads (usually `{{ steps.index.output }}`).
 * `vectors[i]` is the embedding of `chunks[i]` by `model`; without them retrieval is keyword-only.
 */
export const documentIndexSchema = z
  .object({
    chunks: z.array(indexedChunkSchema),
    vectors: z.array(z.array(z.number())).optional(),
    model: z.string().optional(),
    bm25: z.object({
      df: z.record(z.string(), z.number()),
      lengths: z.array(z.number()),
      avgLength: z.number(),
      k1: z.number(),
      b: z.number(),
    }),
  })
  .refine((index) => index.vectors === undefined || index.vectors.length === index.chunks.length, {
    message: 'vectors must hold one vector per chunk',
    path: ['vectors'],
  })
  .refine((index) => index.bm25.lengths.length === index.chunks.length, {
    message: 'bm25.lengths must hold one length per chunk',
    path: ['bm25', 'lengths'],
  });

export type IndexedChunk = z.output<typeof indexedChunkSchema>;
export type DocumentIndex = z.output<typeof documentIndexSchema>;

/** True when `error` says the provider has no embeddings (then retrieval falls back to keywords). */
export function cannotEmbed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'PROVIDER_UNAVAILABLE';
}

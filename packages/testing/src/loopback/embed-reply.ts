import { countTokens, DEFAULT_EMBEDDING_DIMENSIONS, hashEmbedding } from './embedding.ts';
import type { LoopbackEmbedRequest, LoopbackReply } from './types.ts';

/**
 * The vectors and token count to answer an embeddings request with: the reply's own `embeddings`
 * (which must hold one vector per value) or the deterministic {@link hashEmbedding} of each value.
 */
export function embedReply(reply: LoopbackReply, embed: LoopbackEmbedRequest): { embeddings: number[][]; inputTokens: number } {
  const embeddings = reply.embeddings ?? embed.values.map((v) => hashEmbedding(v, embed.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS));
  if (embeddings.length !== embed.values.length) {
    throw new Error(`Loopback reply has ${embeddings.length} embeddings for ${embed.values.length} values.`);
  }
  return { embeddings, inputTokens: reply.usage?.inputTokens ?? countTokens(embed.values) };
}

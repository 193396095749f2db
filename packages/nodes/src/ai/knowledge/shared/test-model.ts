// Test support for the knowledge and memory nodes: a scripted model that also embeds, deterministically.
import type { EmbedRequest, EmbedResponse } from '@weft/engine';
import { ScriptedModel, type ScriptedReply } from '@weft/engine/testing';

/**
 * A hashed bag of words, L2-normalized: texts sharing words point the same way, unrelated texts are
 * near orthogonal. Same text, same vector.
 */
export function hashEmbedding(text: string, dimensions = 256): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

/** A {@link ScriptedModel} whose `embed` answers with {@link hashEmbedding}s and keeps every request. */
export class EmbeddingScriptedModel extends ScriptedModel {
  readonly embedRequests: EmbedRequest[] = [];

  constructor(replies: ScriptedReply[] = []) {
    super(replies);
  }

  async embed(request: EmbedRequest): Promise<EmbedResponse> {
    this.embedRequests.push(request);
    const tokens = request.values.reduce((sum, v) => sum + v.split(/\s+/).filter(Boolean).length, 0);
    return {
      model: request.model,
      embeddings: request.values.map((v) => hashEmbedding(v)),
      usage: { inputTokens: tokens, outputTokens: 0, totalTokens: tokens },
    };
  }
}

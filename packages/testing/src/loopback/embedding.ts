/** Vector size of the loopback servers' default embeddings (a client may ask for another). */
export const DEFAULT_EMBEDDING_DIMENSIONS = 64;

/**
 * A deterministic embedding: a hashed bag of words, L2-normalized. Each lower-cased word adds ±1 to
 * the slot its hash picks, so texts that share words point the same way (high cosine similarity) and
 * unrelated texts are near orthogonal. Same text, same vector, on every run and machine.
 *
 * @example
 * cosineSimilarity(hashEmbedding('refund my order'), hashEmbedding('please refund the order')) // ≈ 0.58
 */
export function hashEmbedding(text: string, dimensions: number = DEFAULT_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(Math.max(1, dimensions)).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    const slot = hash % vector.length;
    vector[slot] = (vector[slot] ?? 0) + ((hash >>> 31) & 1 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Rough token count the servers report when a reply gives none: one per word, at least one per value. */
export function countTokens(values: readonly string[]): number {
  return values.reduce((sum, value) => sum + Math.max(1, value.split(/\s+/).filter(Boolean).length), 0);
}

// 32-bit FNV-1a over UTF-16 code units: tiny, fast and stable.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Cosine similarity of two vectors (0 when either is all zeros; a shorter vector counts as zero-padded). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Indexes of the `k` highest scores above `minScore`, best first (ties keep the earlier index). */
export function topK(scores: readonly number[], k: number, minScore: number): number[] {
  return scores
    .map((score, i) => ({ score, i }))
    .filter((s) => s.score > minScore)
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .slice(0, k)
    .map((s) => s.i);
}

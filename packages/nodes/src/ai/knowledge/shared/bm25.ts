/** What keyword retrieval keeps about a set of chunks: stored in the index, so answering re-reads nothing else. */
export interface Bm25Stats {
  /** Number of chunks containing each term. */
  df: Record<string, number>;
  /** Length of each chunk, in terms. */
  lengths: number[];
  avgLength: number;
  k1: number;
  b: number;
}

// Words too common to say what a passage is about (English; other languages still work, just unfiltered).
const STOP_WORDS = new Set(
  'a an and are as at be by does did do for from has have how i in is it its of on or that the this to was were what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Lower-cased words and numbers of `text`, without stop words. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP_WORDS.has(t));
}

/** Document frequencies and lengths of `texts`, with the usual BM25 constants (k1 1.2, b 0.75). */
export function bm25Stats(texts: readonly string[]): Bm25Stats {
  const df = new Map<string, number>();
  const lengths: number[] = [];
  for (const text of texts) {
    const terms = tokenize(text);
    lengths.push(terms.length);
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const avgLength = lengths.length === 0 ? 0 : lengths.reduce((s, n) => s + n, 0) / lengths.length;
  return { df: Object.fromEntries(df), lengths, avgLength, k1: 1.2, b: 0.75 };
}

/**
 * BM25 score of each text for `query` (0 when it shares no term with the query). `texts` are the
 * chunks `stats` was built from, in the same order.
 *
 * @example
 * bm25Scores(texts, bm25Stats(texts), 'refund policy') // [2.1, 0, 0.4]
 */
export function bm25Scores(texts: readonly string[], stats: Bm25Stats, query: string): number[] {
  const queryTerms = [...new Set(tokenize(query))];
  const n = texts.length;
  const idf = new Map(
    queryTerms.map((term) => {
      const df = Object.hasOwn(stats.df, term) ? (stats.df[term] ?? 0) : 0;
      return [term, Math.log(1 + (n - df + 0.5) / (df + 0.5))] as const;
    }),
  );
  return texts.map((text, i) => {
    const tf = new Map<string, number>();
    for (const term of tokenize(text)) if (idf.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    const length = stats.lengths[i] ?? 0;
    const norm = stats.k1 * (1 - stats.b + (stats.b * length) / (stats.avgLength || 1));
    let score = 0;
    for (const [term, f] of tf) score += ((idf.get(term) ?? 0) * f * (stats.k1 + 1)) / (f + norm);
    return score;
  });
}

/** A piece of a document: `text` is exactly `source.slice(start, end)`. */
export interface TextChunk {
  text: string;
  start: number;
  end: number;
}

/** How {@link chunkText} cuts. */
export interface ChunkOptions {
  /** Longest chunk, in characters. */
  size: number;
  /** Characters the next chunk repeats from the end of the previous one (at most half of `size`). */
  overlap: number;
}

// A cut at a paragraph or sentence break is only taken when the chunk is at least this full.
const MIN_FILL = 0.3;

/**
 * Splits text into chunks of at most `size` characters, cutting at paragraph breaks first, then
 * sentence ends, then whitespace, and only mid-word when a word is longer than a chunk. Chunks are
 * trimmed, in order, and together cover every non-blank character.
 *
 * @example
 * chunkText('One. Two.\n\nThree.', { size: 10, overlap: 0 }) // [{ text: 'One. Two.', start: 0, end: 9 }, …]
 */
export function chunkText(text: string, options: ChunkOptions): TextChunk[] {
  const size = Math.max(1, Math.floor(options.size));
  const overlap = Math.max(0, Math.min(Math.floor(options.overlap), Math.floor(size / 2)));
  const paragraphs = breaksAfter(text, /\n[^\S\n]*\n\s*/g);
  const sentences = breaksAfter(text, /[.!?\u3002\uff01\uff1f]["'\u201d\u2019)\]]*\s+/g);
  const words = breaksAfter(text, /\s+/g);
  const chunks: TextChunk[] = [];
  let start = skipSpace(text, 0);
  while (start < text.length) {
    const limit = Math.min(text.length, start + size);
    let end = limit;
    if (limit < text.length) {
      const floor = start + Math.ceil(size * MIN_FILL);
      end =
        lastIn(paragraphs, floor, limit) ??
        lastIn(sentences, floor, limit) ??
        lastIn(words, start + 1, limit) ??
        limit;
    }
    const chunk = trimmed(text, start, end);
    // A chunk that only repeats the end of the previous one (overlap into trailing blanks) adds nothing.
    if (chunk && chunk.end > (chunks.at(-1)?.end ?? 0)) chunks.push(chunk);
    if (end >= text.length) break;
    // The next chunk starts `overlap` back, moved forward to a sentence or word start, never before progress.
    const back = end - overlap;
    let next = overlap === 0 ? end : (firstIn(sentences, back, end) ?? firstIn(words, back, end) ?? back);
    if (next <= start) next = end;
    start = skipSpace(text, next);
  }
  return chunks;
}

/** Positions right after each match of `pattern` (where a new chunk may start), ascending. */
function breaksAfter(text: string, pattern: RegExp): number[] {
  return Array.from(text.matchAll(pattern), (m) => m.index + m[0].length);
}

/** The largest value of sorted `list` in [lo, hi], if any. */
function lastIn(list: readonly number[], lo: number, hi: number): number | undefined {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((list[mid] ?? 0) <= hi) a = mid + 1;
    else b = mid;
  }
  const found = list[a - 1];
  return found !== undefined && found >= lo ? found : undefined;
}

/** The smallest value of sorted `list` in [lo, hi], if any. */
function firstIn(list: readonly number[], lo: number, hi: number): number | undefined {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((list[mid] ?? 0) < lo) a = mid + 1;
    else b = mid;
  }
  const found = list[a];
  return found !== undefined && found <= hi ? found : undefined;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function trimmed(text: string, start: number, end: number): TextChunk | undefined {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a] ?? '')) a++;
  while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
  return a < b ? { text: text.slice(a, b), start: a, end: b } : undefined;
}

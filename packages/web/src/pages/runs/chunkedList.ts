const CHUNK = 256;

/**
 * A list kept as chunks of at most 256 items, so an immutable update (append, or replace one item)
 * copies one chunk and the chunk index instead of the whole list: folding a long run's events one
 * batch at a time stays linear.
 */
export interface ChunkedList<T> {
  readonly chunks: ReadonlyArray<readonly T[]>;
  readonly length: number;
}

export function emptyList<T>(): ChunkedList<T> {
  return { chunks: [], length: 0 };
}

/** Changes a list during one update: a chunk is copied the first time it changes, then written in place. */
export class ListWriter<T> {
  readonly #chunks: T[][];
  readonly #owned = new Set<number>();
  #length: number;

  constructor(list: ChunkedList<T>) {
    this.#chunks = [...list.chunks] as T[][];
    this.#length = list.length;
  }

  get length(): number {
    return this.#length;
  }

  get(index: number): T | undefined {
    return this.#chunks[Math.floor(index / CHUNK)]?.[index % CHUNK];
  }

  push(item: T): void {
    const chunk = Math.floor(this.#length / CHUNK);
    if (chunk === this.#chunks.length) {
      this.#chunks.push([]);
      this.#owned.add(chunk);
    }
    this.#own(chunk).push(item);
    this.#length += 1;
  }

  set(index: number, item: T): void {
    if (index < 0 || index >= this.#length) throw new RangeError(`index ${index} is outside the list (length ${this.#length})`);
    this.#own(Math.floor(index / CHUNK))[index % CHUNK] = item;
  }

  done(): ChunkedList<T> {
    return { chunks: this.#chunks, length: this.#length };
  }

  #own(chunk: number): T[] {
    if (!this.#owned.has(chunk)) {
      this.#chunks[chunk] = [...(this.#chunks[chunk] ?? [])];
      this.#owned.add(chunk);
    }
    return this.#chunks[chunk] as T[];
  }
}

export function toArray<T>(list: ChunkedList<T>): T[] {
  return list.chunks.flat() as T[];
}

/** The last `count` items, oldest first, without flattening the whole list. */
export function lastItems<T>(list: ChunkedList<T>, count: number): T[] {
  const items: T[] = [];
  for (let c = list.chunks.length - 1; c >= 0 && items.length < count; c--) {
    const chunk = list.chunks[c] ?? [];
    for (let i = chunk.length - 1; i >= 0 && items.length < count; i--) items.push(chunk[i] as T);
  }
  return items.reverse();
}

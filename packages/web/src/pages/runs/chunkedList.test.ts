import { describe, expect, it } from 'vitest';
import { emptyList, lastItems, ListWriter, toArray } from './chunkedList.ts';

describe('ChunkedList', () => {
  it('appends and replaces across chunks without changing the list it was made from', () => {
    const writer = new ListWriter(emptyList<number>());
    for (let i = 0; i < 600; i++) writer.push(i);
    const first = writer.done();
    expect(first.length).toBe(600);
    expect(first.chunks.map((c) => c.length)).toEqual([256, 256, 88]);

    const next = new ListWriter(first);
    next.set(10, -10);
    next.set(599, -599);
    next.push(600);
    const second = next.done();
    expect(toArray(second).slice(0, 11).at(-1)).toBe(-10);
    expect(toArray(second).slice(-2)).toEqual([-599, 600]);
    expect(toArray(first)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    // Chunks nobody changed are shared.
    expect(second.chunks[1]).toBe(first.chunks[1]);
    expect(second.chunks[0]).not.toBe(first.chunks[0]);
  });

  it('gives the last items oldest first, and refuses to replace outside the list', () => {
    const writer = new ListWriter(emptyList<number>());
    for (let i = 0; i < 300; i++) writer.push(i);
    expect(lastItems(writer.done(), 3)).toEqual([297, 298, 299]);
    expect(lastItems(writer.done(), 1000)).toHaveLength(300);
    expect(() => writer.set(300, 1)).toThrow(RangeError);
  });
});

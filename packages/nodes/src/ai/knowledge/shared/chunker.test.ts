import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkText } from './chunker.ts';

describe('chunkText', () => {
  it('keeps a short text whole, trimmed', () => {
    expect(chunkText('  Hello there.  ', { size: 100, overlap: 10 })).toEqual([{ text: 'Hello there.', start: 2, end: 14 }]);
  });

  it('returns nothing for blank text', () => {
    expect(chunkText(' \n\n ', { size: 100, overlap: 0 })).toEqual([]);
  });

  it('cuts at paragraph breaks before sentence ends', () => {
    const text = 'First sentence here. Second one.\n\nA new paragraph starts. It goes on.';
    const chunks = chunkText(text, { size: 50, overlap: 0 });
    expect(chunks.map((c) => c.text)).toEqual(['First sentence here. Second one.', 'A new paragraph starts. It goes on.']);
  });

  it('cuts at sentence ends when a paragraph is too long', () => {
    const text = 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota.';
    expect(chunkText(text, { size: 40, overlap: 0 }).map((c) => c.text)).toEqual([
      'Alpha beta gamma. Delta epsilon zeta.',
      'Eta theta iota.',
    ]);
  });

  it('repeats the end of the previous chunk, from a sentence start', () => {
    const text = 'One one one. Two two two. Three three. Four four four.';
    const chunks = chunkText(text, { size: 30, overlap: 14 });
    expect(chunks.map((c) => c.text)).toEqual(['One one one. Two two two.', 'Two two two. Three three.', 'Three three. Four four four.']);
  });

  it('splits a word longer than a chunk', () => {
    expect(chunkText('x'.repeat(25), { size: 10, overlap: 0 }).map((c) => c.text.length)).toEqual([10, 10, 5]);
  });

  it('property: chunks are slices, in order, no longer than size, covering every non-blank character', () => {
    const textArb = fc
      .array(fc.constantFrom('word', 'longerword', 'a', '.', ' ', '\n\n', '! ', 'x'.repeat(30), '\t'), { maxLength: 120 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(textArb, fc.integer({ min: 5, max: 80 }), fc.integer({ min: 0, max: 40 }), (text, size, overlap) => {
        const chunks = chunkText(text, { size, overlap });
        const covered = new Array<boolean>(text.length).fill(false);
        let previous: { start: number; end: number } | undefined;
        for (const chunk of chunks) {
          expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
          expect(chunk.text.length).toBeGreaterThan(0);
          expect(chunk.text.length).toBeLessThanOrEqual(size);
          if (previous) {
            expect(chunk.start).toBeGreaterThan(previous.start);
            expect(chunk.end).toBeGreaterThan(previous.end);
          }
          for (let i = chunk.start; i < chunk.end; i++) covered[i] = true;
          previous = chunk;
        }
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i] ?? '')) expect(covered[i]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

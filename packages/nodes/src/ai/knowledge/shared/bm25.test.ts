import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bm25Scores, bm25Stats, tokenize } from './bm25.ts';
import { citedNumbers } from './citations.ts';
import { cosineSimilarity, topK } from './vectors.ts';

describe('tokenize', () => {
  it('lower-cases words and numbers and drops stop words', () => {
    expect(tokenize('What is the Refund window? 30 days, für alle.')).toEqual(['refund', 'window', '30', 'days', 'für', 'alle']);
  });
});

describe('bm25', () => {
  const texts = [
    'Refunds are paid within 30 days of the return.',
    'Shipping takes five working days.',
    'Our office is closed on public holidays.',
  ];

  it('ranks the chunk with the query terms first and scores unrelated chunks 0', () => {
    const scores = bm25Scores(texts, bm25Stats(texts), 'how long do refunds take?');
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores.slice(1)).toEqual([0, 0]);
  });

  it('weighs rare terms above common ones', () => {
    const scores = bm25Scores(texts, bm25Stats([...texts, 'days days']), 'days shipping');
    expect(scores[1]).toBeGreaterThan(scores[0] ?? 0);
  });

  it('is not fooled by terms named like object properties', () => {
    const stats = bm25Stats(['constructor toString']);
    expect(bm25Scores(['hello'], bm25Stats(['hello']), 'constructor')).toEqual([0]);
    expect(stats.df).toEqual({ constructor: 1, tostring: 1 });
  });

  it('property: a text containing the query term outranks one that does not', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/).filter((w) => tokenize(w).length === 1);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.array(word, { maxLength: 20 }), word, (a, b, term) => {
        const other = b.filter((w) => w !== term);
        const texts = [[...a, term].join(' '), other.join(' ')];
        const [withTerm, without] = bm25Scores(texts, bm25Stats(texts), term);
        expect(withTerm).toBeGreaterThan(without ?? 0);
        expect(without).toBe(0);
      }),
    );
  });
});

describe('cosineSimilarity and topK', () => {
  it('measures direction, not length', () => {
    expect(cosineSimilarity([1, 0], [3, 0])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('picks the k best above the threshold, ties in order', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9, 0], 3, 0)).toEqual([1, 3, 2]);
    expect(topK([0, 0, 0], 3, 0)).toEqual([]);
  });
});

describe('citedNumbers', () => {
  it.each([
    { answer: 'Refunds take 30 days [1].', expected: [1] },
    { answer: 'Yes [2][1], also [2, 3].', expected: [1, 2, 3] },
    { answer: 'Out of range [0] [9] and [x].', expected: [] },
    { answer: 'No citations here.', expected: [] },
  ])('$answer → $expected', ({ answer, expected }) => {
    expect(citedNumbers(answer, 3)).toEqual(expected);
  });
});

/**
 * Excerpt numbers an answer cites as `[1]`, `[2, 3]` or `[1][4]`, unique, ascending, limited to 1…`count`.
 *
 * @example
 * citedNumbers('Refunds take 5 days [2][1], or [2, 9].', 3) // [1, 2]
 */
export function citedNumbers(answer: string, count: number): number[] {
  const found = new Set<number>();
  for (const match of answer.matchAll(/\[(\s*\d+\s*(?:,\s*\d+\s*)*)\]/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const n = Number(part.trim());
      if (Number.isInteger(n) && n >= 1 && n <= count) found.add(n);
    }
  }
  return [...found].sort((a, b) => a - b);
}

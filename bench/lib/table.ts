import type { BenchResult } from './result.ts';

/** Formats a number with 3 significant digits (no exponent). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function verdict(result: BenchResult): string {
  const goal = result.goal;
  if (!goal) return '';
  if (goal.kind === 'ref') return `${goal.label} (${fmt(result.median / goal.value)}×)`;
  if (goal.kind === 'min') {
    const short = goal.value / result.median;
    return result.median >= goal.value ? `${goal.label}  ✓` : `${goal.label}  ✗ ${fmt(short)}× short`;
  }
  const ratio = result.median / goal.value;
  return ratio <= 1 ? `${goal.label}  ✓` : `${goal.label}  ✗ ${fmt(ratio)}× over`;
}

/** The results as a plain-text table, one block per section. */
export function renderTable(results: readonly BenchResult[]): string {
  const header = ['case', 'median', 'unit', 'min–max', 'goal / reference'];
  const rows = results.map((r) => [
    r.name,
    fmt(r.median),
    r.unit,
    r.min === undefined || r.max === undefined ? '' : `${fmt(r.min)}–${fmt(r.max)}`,
    [verdict(r), r.note ?? ''].filter(Boolean).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const out: string[] = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let section = '';
  results.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push('', `## ${section}`);
    }
    out.push(line(rows[i] as string[]));
  });
  return out.join('\n');
}

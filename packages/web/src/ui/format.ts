/** "3 s ago", "5 min ago", "2 h ago", else a date. */
export function timeAgo(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return '—';
  const s = Math.round((now - ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleString();
}

/** "850 ms", "2.4 s", "3 min 5 s". */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "$0.0012" with enough digits to show small costs. */
export function usd(cost: number | undefined): string {
  if (cost === undefined) return '—';
  if (cost === 0) return '$0';
  return cost < 0.01 ? `$${cost.toPrecision(2)}` : `$${cost.toFixed(2)}`;
}

export function dateTime(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toLocaleString();
}

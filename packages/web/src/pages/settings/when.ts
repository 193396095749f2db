/** "in 5 min", "in 3 h", else a date: how far off a future time is. */
export function timeUntil(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return '—';
  const s = Math.round((ms - now) / 1000);
  if (s < 0) return 'due now';
  if (s < 60) return `in ${s} s`;
  if (s < 3600) return `in ${Math.round(s / 60)} min`;
  if (s < 86_400) return `in ${Math.round(s / 3600)} h`;
  return `in ${Math.round(s / 86_400)} d`;
}

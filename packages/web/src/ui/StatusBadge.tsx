const ICONS: Record<string, string> = {
  succeeded: '✓',
  failed: '✕',
  running: '●',
  queued: '○',
  waiting: '‖',
  cancelled: '⊘',
  skipped: '↷',
  pending: '○',
};

/** A run's or a step's status, with an icon so colour is not the only cue. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${status}`} data-status={status}>
      <span aria-hidden="true">{ICONS[status] ?? '•'}</span>
      {status}
    </span>
  );
}

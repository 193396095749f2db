const LABELS: Record<string, string> = { chat: 'chat', webhook: 'webhook', schedule: 'schedule' };

/** The kinds of trigger that start a workflow, as chips ("manual" when it has none). */
export function TriggerChips({ triggers }: { triggers: string[] }) {
  if (triggers.length === 0) return <span className="muted">manual</span>;
  return (
    <span className="trigger-chips" aria-label={`Triggers: ${triggers.join(', ')}`}>
      {[...new Set(triggers)].map((kind) => (
        <span key={kind} className={`chip trigger-chip ${kind}`} data-trigger={kind}>
          {LABELS[kind] ?? kind}
        </span>
      ))}
    </span>
  );
}

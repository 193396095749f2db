import { useId, useMemo, useState } from 'react';
import { lastItems, toArray, type ChunkedList } from './chunkedList.ts';
import { summarizeEvent, type TimelineEntry } from './liveState.ts';

/** Lines shown before "Show all": a long run's timeline stays quick to redraw while it streams. */
const RECENT = 200;

/** "+1.23 s" from the run's start. */
export function offset(ms: number): string {
  if (ms < 0) ms = 0;
  return ms < 60_000 ? `+${(ms / 1000).toFixed(2)} s` : `+${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(1)} s`;
}

function entryStep(entry: TimelineEntry): string | undefined {
  return entry.kind === 'tokens' ? entry.stepId : entry.event.stepId;
}

function tone(type: string): string {
  if (type.endsWith('.failed')) return 'failed';
  if (type.endsWith('.succeeded')) return 'succeeded';
  if (type.endsWith('.waiting')) return 'waiting';
  if (type.endsWith('.cancelled') || type.endsWith('.skipped')) return 'skipped';
  if (type.endsWith('.started') || type.endsWith('.retrying') || type.endsWith('.resumed')) return 'running';
  return 'other';
}

/**
 * The run's events in order, with their time from the run's start; a step's streamed tokens are one
 * line. Clicking a step id selects the step; a filter keeps one step's events.
 */
export function Timeline({
  entries,
  startedAt,
  onSelectStep,
}: {
  entries: ChunkedList<TimelineEntry>;
  startedAt: number | undefined;
  onSelectStep: (stepId: string) => void;
}) {
  const [stepFilter, setStepFilter] = useState('');
  const [all, setAll] = useState(false);
  const id = useId();
  const stepIds = useMemo(() => {
    const ids = new Set<string>();
    for (const chunk of entries.chunks) for (const entry of chunk) {
      const stepId = entryStep(entry);
      if (stepId !== undefined) ids.add(stepId);
    }
    return [...ids];
  }, [entries]);
  const shown = useMemo(() => {
    if (stepFilter) return toArray(entries).filter((e) => entryStep(e) === stepFilter);
    return all ? toArray(entries) : lastItems(entries, RECENT);
  }, [entries, stepFilter, all]);
  const hidden = stepFilter || all ? 0 : entries.length - shown.length;
  const first = entries.chunks[0]?.[0];
  const origin = startedAt ?? (first?.kind === 'event' ? first.event.at : first?.at) ?? 0;
  return (
    <section className="timeline card" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>Timeline</h2>
        <label className="inline-field" htmlFor={`${id}-filter`}>
          <span>Step</span>
          <select id={`${id}-filter`} value={stepFilter} onChange={(e) => setStepFilter(e.target.value)}>
            <option value="">All steps</option>
            {stepIds.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hidden > 0 && (
        <p className="muted">
          {hidden.toLocaleString('en-US')} earlier lines hidden.{' '}
          <button type="button" className="small" onClick={() => setAll(true)}>
            Show all {entries.length.toLocaleString('en-US')}
          </button>
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="timeline-list">
          {shown.map((entry) => {
            const stepId = entryStep(entry);
            const at = entry.kind === 'tokens' ? entry.at : entry.event.at;
            const type = entry.kind === 'tokens' ? 'llm.token' : entry.event.type;
            const seq = entry.kind === 'tokens' ? entry.seq : entry.event.seq;
            return (
              <li key={seq} className={`timeline-row tone-${tone(type)}`}>
                <span className="timeline-at mono">{offset(at - origin)}</span>
                <span className="timeline-type mono">{type}</span>
                <span className="timeline-step">
                  {stepId && (
                    <button type="button" className="linkish mono" onClick={() => onSelectStep(stepId)} aria-label={`Select step ${stepId}`}>
                      {stepId}
                    </button>
                  )}
                </span>
                <span className="timeline-summary">
                  {entry.kind === 'tokens' ? `streamed ${entry.chars.toLocaleString('en-US')} chars` : summarizeEvent(entry.event)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import { dateTime, duration, usd } from '../../ui/format.ts';
import { JsonTree } from '../../ui/JsonTree.tsx';
import { ErrorView } from './ErrorView.tsx';
import { OutputView, StreamingText } from './OutputView.tsx';
import type { Attempt } from './runModel.ts';
import { ToolCallTrace, type ToolCallView } from './ToolCallTrace.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector-section" aria-label={title}>
      <h4>{title}</h4>
      {children}
    </section>
  );
}

/**
 * One attempt at a step: model, tokens, cost and duration, then the rendered params it received, what
 * it answered (or is streaming right now), its error and the tool calls it made.
 */
export function AttemptView({
  attempt,
  streamed,
  streaming,
  liveToolCalls,
  now,
}: {
  attempt: Attempt;
  /** Text streamed by this attempt so far, when it is the step's current one. */
  streamed: string | undefined;
  /** The step is running: the streamed text grows and shows a cursor. */
  streaming: boolean;
  /** Tool calls the stream announced, before the stored attempt has them. */
  liveToolCalls: readonly ToolCallView[] | undefined;
  now: number;
}) {
  const usage = attempt.usage;
  const ended = attempt.endedAt;
  const elapsed = attempt.startedAt === undefined ? undefined : (ended ?? now) - attempt.startedAt;
  const toolCalls: readonly ToolCallView[] | undefined = attempt.toolCalls?.length ? attempt.toolCalls : liveToolCalls;
  const hasOutput = attempt.output !== undefined && attempt.status !== 'running';
  return (
    <div className="attempt-view">
      <dl className="metrics">
        <div>
          <dt>Model</dt>
          <dd className="mono">{attempt.model ?? '—'}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {usage ? (
              <>
                {usage.inputTokens.toLocaleString()} in · {usage.outputTokens.toLocaleString()} out · {usage.totalTokens.toLocaleString()} total
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{usd(usage?.costUsd)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {duration(elapsed)}
            {ended === undefined && elapsed !== undefined && <span className="muted"> (running)</span>}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{dateTime(attempt.startedAt)}</dd>
        </div>
      </dl>

      {attempt.error && (
        <Section title="Error">
          <ErrorView error={attempt.error} />
        </Section>
      )}

      {hasOutput ? (
        <Section title="Output">
          <OutputView output={attempt.output} />
        </Section>
      ) : (
        streamed !== undefined &&
        streamed !== '' && (
          <Section title={streaming ? 'Output (streaming)' : 'Output'}>
            <StreamingText text={streamed} running={streaming} />
          </Section>
        )
      )}
      {!hasOutput && streaming && !streamed && <p className="muted">Running…</p>}

      {toolCalls && toolCalls.length > 0 && (
        <Section title={`Tool calls (${toolCalls.length})`}>
          <ToolCallTrace calls={toolCalls} />
        </Section>
      )}

      {attempt.input !== undefined && (
        <Section title="Input">
          <JsonTree value={attempt.input} label="Input (rendered params)" openDepth={1} />
        </Section>
      )}
    </div>
  );
}

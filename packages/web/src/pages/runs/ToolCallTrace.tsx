import { duration } from '../../ui/format.ts';
import { JsonTree } from '../../ui/JsonTree.tsx';

export interface ToolCallView {
  id: string;
  name: string;
  input: unknown;
  output?: unknown;
  error?: string | undefined;
  startedAt: number;
  endedAt?: number | undefined;
  /** Live calls know only whether they worked, not their output, until the step is stored. */
  ok?: boolean | undefined;
}

/** The tool calls an agent step made, in order: name, duration, input and what came back. */
export function ToolCallTrace({ calls }: { calls: readonly ToolCallView[] }) {
  return (
    <ol className="tool-calls" aria-label="Tool calls">
      {calls.map((call, i) => {
        const failed = call.error !== undefined || call.ok === false;
        const took = call.endedAt === undefined ? undefined : call.endedAt - call.startedAt;
        return (
          <li key={`${call.id}-${i}`} className={`tool-call${failed ? ' failed' : ''}`}>
            <div className="tool-call-head">
              <span aria-hidden="true">{took === undefined ? '●' : failed ? '✕' : '✓'}</span>
              <code className="tool-call-name">{call.name}</code>
              <span className="muted">{took === undefined ? 'running…' : duration(took)}</span>
              {failed && <span className="visually-hidden">failed</span>}
            </div>
            <div className="tool-call-body">
              <div>
                <div className="field-label">Input</div>
                <JsonTree value={call.input} label={`${call.name} input`} openDepth={1} />
              </div>
              {call.error !== undefined ? (
                <div>
                  <div className="field-label">Error</div>
                  <p className="tool-call-error">{call.error}</p>
                </div>
              ) : (
                call.output !== undefined && (
                  <div>
                    <div className="field-label">Output</div>
                    <JsonTree value={call.output} label={`${call.name} output`} openDepth={1} />
                  </div>
                )
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

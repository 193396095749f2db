import { useState } from 'react';
import { JsonTree } from '../../ui/JsonTree.tsx';
import { Markdown } from '../../ui/Markdown.tsx';
import { outputText } from './runModel.ts';

/**
 * A step's output: model text (a string, or an object's `text`) as Markdown with a switch to the raw
 * JSON, anything else as a collapsible JSON tree.
 */
export function OutputView({ output, testId = 'step-output-text' }: { output: unknown; testId?: string }) {
  const [raw, setRaw] = useState(false);
  const text = outputText(output);
  if (text === undefined) return <JsonTree value={output} label="Output" />;
  return (
    <div className="output-view">
      <div className="section-tools">
        <button type="button" className="small" aria-pressed={raw} onClick={() => setRaw(!raw)}>
          {raw ? 'Rendered' : 'Raw JSON'}
        </button>
      </div>
      {raw ? (
        <JsonTree value={output} label="Output" />
      ) : (
        <div className="output-text" data-testid={testId}>
          <Markdown text={text} />
        </div>
      )}
    </div>
  );
}

/** Text a step is streaming right now, as it arrives, with a typing cursor. */
export function StreamingText({ text, running }: { text: string; running: boolean }) {
  return (
    <div className="output-text streaming" data-testid="step-stream-text" aria-live="off" aria-busy={running}>
      <Markdown text={text} />
      {running && <span className="typing-cursor" aria-hidden="true" />}
    </div>
  );
}

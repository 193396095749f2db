import { apiRoutes, type RouteBody } from '@weft/api';
import { useId, useState } from 'react';
import { call } from '../../api/client.ts';
import { duration, usd } from '../../ui/format.ts';
import { JsonTree } from '../../ui/JsonTree.tsx';
import { Markdown } from '../../ui/Markdown.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { errorText } from '../../ui/toasts.tsx';
import { parseJson, parsePinnedSteps } from './json-input.ts';
import type { NodeTestResult } from './types.ts';

/**
 * Runs one node of the saved workflow with a sample input (and pinned outputs of the steps it reads)
 * and shows what it did, in place. Unsaved changes are saved first: the server tests the latest version.
 */
export function NodeTestSection(props: {
  nodeId: string;
  /** Saves when needed; the workflow's id, or undefined when it could not be saved. */
  ensureSaved(): Promise<string | undefined>;
  result: NodeTestResult | undefined;
  onResult(result: NodeTestResult): void;
}) {
  const [input, setInput] = useState('{}');
  const [pinned, setPinned] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const inputId = useId();
  const pinnedId = useId();

  async function test() {
    const parsedInput = parseJson(input.trim() || 'null', 'The sample input');
    const parsedSteps = parsePinnedSteps(pinned);
    if (!parsedInput.ok) return setProblem(parsedInput.message);
    if (!parsedSteps.ok) return setProblem(parsedSteps.message);
    setProblem(undefined);
    setBusy(true);
    try {
      const workflowId = await props.ensureSaved();
      if (!workflowId) return;
      const result = await call(apiRoutes.testNode, {
        params: { id: workflowId, nodeId: props.nodeId },
        body: {
          input: parsedInput.value,
          ...(parsedSteps.value ? { steps: parsedSteps.value } : {}),
        } as RouteBody<typeof apiRoutes.testNode>,
      });
      props.onResult(result);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const { result } = props;
  return (
    <section className="panel-section" aria-label="Test this node">
      <h3>Test this node</h3>
      <div className="stack-field">
        <label className="field-label" htmlFor={inputId}>
          Sample input (JSON)
        </label>
        <textarea id={inputId} aria-describedby={`${inputId}-help`} className="code" rows={3} value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} />
        <span id={`${inputId}-help`} className="field-help">What the node sees as {'{{ input }}'}.</span>
      </div>
      <div className="stack-field">
        <label className="field-label" htmlFor={pinnedId}>
          Pinned outputs of earlier steps (optional)
        </label>
        <textarea
          id={pinnedId}
          aria-describedby={`${pinnedId}-help`}
          className="code"
          rows={2}
          value={pinned}
          placeholder='{"fetch": {"title": "…"}}'
          onChange={(e) => setPinned(e.target.value)}
          spellCheck={false}
        />
        <span id={`${pinnedId}-help`} className="field-help">A JSON object by node id: what {'{{ steps.<id>.output }}'} gives.</span>
      </div>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void test()} disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          Test node
        </button>
        <span className="muted small-text">Saves unsaved changes first.</span>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {result && <TestResult result={result} />}
    </section>
  );
}

function TestResult({ result }: { result: NodeTestResult }) {
  return (
    <div className="test-result" role="region" aria-label="Test result">
      <div className="toolbar">
        <StatusBadge status={result.status} />
        <span className="muted">{duration(result.durationMs)}</span>
        {result.model && <span className="chip mono">{result.model}</span>}
        {result.usage && (
          <span className="muted">
            {result.usage.inputTokens} in · {result.usage.outputTokens} out tokens
            {result.usage.costUsd !== undefined ? ` · ${usd(result.usage.costUsd)}` : ''}
          </span>
        )}
        {result.ports && result.ports.length > 0 && <span className="muted">→ {result.ports.join(', ')}</span>}
      </div>
      {result.error && (
        <p className="test-error" role="alert">
          <code>{result.error.code}</code> {result.error.message}
        </p>
      )}
      {result.output !== undefined &&
        (typeof result.output === 'string' ? (
          <div className="test-output">
            <Markdown text={result.output} />
          </div>
        ) : (
          <JsonTree value={result.output} label="Test output" />
        ))}
    </div>
  );
}

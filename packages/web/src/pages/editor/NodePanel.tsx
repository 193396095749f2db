import { useEffect, useId, useState } from 'react';
import { SchemaForm } from '../../ui/schema-form/SchemaForm.tsx';
import type { TemplateCompletions } from '../../ui/schema-form/completions.ts';
import { Markdown } from '../../ui/Markdown.tsx';
import { ProblemList } from '../../ui/states.tsx';
import { nodeIdProblem } from './graph.ts';
import { NodeTestSection } from './NodeTestSection.tsx';
import { problemCount } from './problems.ts';
import type { Draft, DraftNode, NodeTestResult, NodeTypeInfo, Problem } from './types.ts';

export interface NodePanelProps {
  draft: Draft;
  node: DraftNode;
  info: NodeTypeInfo | undefined;
  problems: Problem[];
  paramProblems: Record<string, string> | undefined;
  completions: TemplateCompletions;
  models: string[];
  /** Edits the node; `field` groups quick successive edits into one undo step. */
  onChange(patch: Partial<DraftNode>, field: string): void;
  onRename(to: string): void;
  onDelete(): void;
  ensureSaved(): Promise<string | undefined>;
  testResult: NodeTestResult | undefined;
  onTestResult(result: NodeTestResult): void;
}

/** The selected node: id, name, params form, advanced settings, docs, test, delete. */
export function NodePanel(props: NodePanelProps) {
  const { node, info } = props;
  const prefix = useId();
  const params = node.params ?? {};
  return (
    <div className="node-panel">
      <header className="panel-head">
        <h2>{node.name?.trim() || node.id}</h2>
        <span className="muted">
          {info ? info.title : <span className="field-error">Unknown type</span>} · <code>{node.type}</code>
        </span>
      </header>
      {props.problems.length > 0 && (
        <section className="panel-problems" role="alert" aria-label={problemCount(props.problems.length)}>
          <strong>{problemCount(props.problems.length)}</strong>
          <ProblemList problems={props.problems} />
        </section>
      )}
      <IdField draft={props.draft} id={node.id} onRename={props.onRename} />
      <label className="field">
        <span className="field-label">Name</span>
        <input
          value={node.name ?? ''}
          placeholder={info?.title ?? node.id}
          onChange={(e) => props.onChange({ name: e.target.value || undefined }, 'name')}
        />
      </label>
      <section className="panel-section" aria-label="Parameters">
        <h3>Parameters</h3>
        {info ? (
          <SchemaForm
            schema={info.paramsSchema}
            value={params}
            onChange={(next) => props.onChange({ params: next }, `params:${changedKeys(params, next).join(',')}`)}
            completions={props.completions}
            models={props.models}
            problems={props.paramProblems ?? {}}
            idPrefix={`${prefix}-params`}
          />
        ) : (
          <p className="muted">This node type is unknown to the server: edit its params in the YAML view.</p>
        )}
      </section>
      <Advanced node={node} onChange={props.onChange} />
      {info?.description && (
        <details className="panel-section">
          <summary>About {info.title}</summary>
          <Markdown text={info.description} />
        </details>
      )}
      <NodeTestSection
        nodeId={node.id}
        ensureSaved={props.ensureSaved}
        result={props.testResult}
        onResult={props.onTestResult}
      />
      <div className="toolbar">
        <button type="button" className="danger" onClick={props.onDelete}>
          Delete node
        </button>
      </div>
    </div>
  );
}

/** Top-level params that differ: typing in one field is one undo step, another field starts a new one. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** The id, renamed on Enter or leaving the field, only when valid and free. */
function IdField({ draft, id, onRename }: { draft: Draft; id: string; onRename(to: string): void }) {
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = nodeIdProblem(text, draft, id);
  const errorId = useId();
  const inputId = useId();
  const commit = () => {
    if (!problem && text !== id) onRename(text);
  };
  return (
    <div className="stack-field">
      <label className="field-label" htmlFor={inputId}>
        Id
      </label>
      <input
        id={inputId}
        className="mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(id);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={errorId}
      />
      <span id={errorId} className={problem ? 'field-error' : 'field-help'}>
        {problem ?? 'Renaming updates edges and {{ steps.<id> }} references.'}
      </span>
    </div>
  );
}

function numberOrUndefined(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Retry, timeout and loop limit: rarely needed, so folded. */
function Advanced({ node, onChange }: { node: DraftNode; onChange: NodePanelProps['onChange'] }) {
  const retry = node.retry ?? {};
  const setRetry = (patch: Record<string, number | undefined>, field: string) => {
    const next = Object.fromEntries(Object.entries({ ...retry, ...patch }).filter(([, v]) => v !== undefined));
    onChange({ retry: Object.keys(next).length > 0 ? next : undefined }, field);
  };
  return (
    <details className="panel-section" open={Boolean(node.retry || node.timeoutMs || node.maxIterations)}>
      <summary>Advanced</summary>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Attempts (retry)</span>
          <input
            type="number"
            min={1}
            max={100}
            value={retry.maxAttempts ?? ''}
            placeholder="1"
            onChange={(e) => setRetry({ maxAttempts: numberOrUndefined(e.target.value) }, 'retry.maxAttempts')}
          />
        </label>
        <label className="field">
          <span className="field-label">First retry delay (ms)</span>
          <input
            type="number"
            min={0}
            value={retry.initialDelayMs ?? ''}
            placeholder="1000"
            onChange={(e) => setRetry({ initialDelayMs: numberOrUndefined(e.target.value) }, 'retry.initialDelayMs')}
          />
        </label>
        <label className="field">
          <span className="field-label">Timeout (ms)</span>
          <input
            type="number"
            min={1}
            value={node.timeoutMs ?? ''}
            placeholder="none"
            onChange={(e) => onChange({ timeoutMs: numberOrUndefined(e.target.value) }, 'timeoutMs')}
          />
        </label>
        <label className="field">
          <span className="field-label">Max loop iterations</span>
          <input
            type="number"
            min={1}
            max={10000}
            value={node.maxIterations ?? ''}
            placeholder="not a loop head"
            onChange={(e) => onChange({ maxIterations: numberOrUndefined(e.target.value) }, 'maxIterations')}
          />
        </label>
      </div>
    </details>
  );
}

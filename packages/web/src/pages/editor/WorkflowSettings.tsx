import { useId } from 'react';
import { SchemaForm } from '../../ui/schema-form/SchemaForm.tsx';
import type { TemplateCompletions } from '../../ui/schema-form/completions.ts';
import { problemCount, type ProblemIndex } from './problems.ts';
import type { Draft } from './types.ts';

/** The workflow's defaults as a schema, so the params form (with its model picker) edits them. */
const defaultsSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    model: { type: 'string', description: 'provider:model used by every node that sets none, e.g. openai:gpt-4o-mini.' },
    concurrency: { type: 'integer', minimum: 1, maximum: 1000, description: 'Steps that may run at once.' },
    timeoutMs: { type: 'integer', exclusiveMinimum: 0, description: 'Time limit of a whole run, in ms.' },
  },
};

/** With no node selected: the workflow's name, description, defaults and every problem. */
export function WorkflowSettings(props: {
  draft: Draft;
  problems: ProblemIndex;
  validating: boolean;
  completions: TemplateCompletions;
  models: string[];
  onChange(patch: Partial<Draft>, field: string): void;
  onSelectNode(id: string): void;
}) {
  const { draft, problems } = props;
  const prefix = useId();
  const defaultProblems = Object.fromEntries(
    problems.all.filter((p) => p.path.startsWith('defaults.')).map((p) => [p.path.slice('defaults.'.length), p.message]),
  );
  const nodeOf = (path: string) => {
    const match = /^nodes\[(\d+)\]/.exec(path);
    return match ? draft.nodes[Number(match[1])]?.id : undefined;
  };
  return (
    <div className="node-panel">
      <header className="panel-head">
        <h2>Workflow</h2>
        <span className="muted">Select a node to edit it.</span>
      </header>
      <label className="field">
        <span className="field-label">Name</span>
        <input value={draft.name} onChange={(e) => props.onChange({ name: e.target.value }, 'name')} />
      </label>
      <label className="field">
        <span className="field-label">Description</span>
        <textarea
          rows={2}
          value={draft.description ?? ''}
          onChange={(e) => props.onChange({ description: e.target.value || undefined }, 'description')}
        />
      </label>
      <section className="panel-section" aria-label="Defaults">
        <h3>Defaults</h3>
        <SchemaForm
          schema={defaultsSchema}
          value={(draft.defaults ?? {}) as Record<string, unknown>}
          onChange={(next) => {
            const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
            props.onChange({ defaults: Object.keys(clean).length > 0 ? clean : undefined }, 'defaults');
          }}
          completions={props.completions}
            models={props.models}
          problems={defaultProblems}
          idPrefix={`${prefix}-defaults`}
        />
      </section>
      <section className="panel-section" aria-label="Problems">
        <h3>
          {problems.all.length === 0 ? (props.validating ? 'Checking…' : 'No problems') : problemCount(problems.all.length)}
        </h3>
        {draft.nodes.length === 0 && <p className="muted">A workflow needs at least one node to be saved: add one from the palette.</p>}
        {problems.all.length > 0 && (
          <ul className="problems panel-problem-list">
            {problems.all.map((p, i) => {
              const id = nodeOf(p.path);
              return (
                <li key={i}>
                  {id ? (
                    <button type="button" className="link-button" onClick={() => props.onSelectNode(id)}>
                      <code>{p.path}</code>
                    </button>
                  ) : (
                    p.path && <code>{p.path}</code>
                  )}{' '}
                  {p.message}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { WorkflowSummary } from './useWorkflowList.ts';

export interface RowActionHandlers {
  onDuplicate: (workflow: WorkflowSummary) => void;
  onExport: (workflow: WorkflowSummary, format: 'yaml' | 'json') => void;
  onDelete: (workflow: WorkflowSummary) => void;
}

/**
 * A workflow's actions in a disclosure menu (a <details>, so it opens with Enter or Space and needs
 * no script to be reachable); it closes on Escape, on a click elsewhere, and once an action runs.
 */
export function RowActions({ workflow, onDuplicate, onExport, onDelete }: { workflow: WorkflowSummary } & RowActionHandlers) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);
  const run = (action: () => void) => () => {
    close();
    action();
  };
  return (
    <details
      ref={ref}
      className="row-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          e.stopPropagation();
          close();
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="button small" aria-label={`Actions for ${workflow.name}`}>
        Actions <span aria-hidden="true">▾</span>
      </summary>
      <div className="row-menu-items">
        <Link href={`/workflows/${encodeURIComponent(workflow.id)}`}>Open</Link>
        <Link href={`/runs?workflowId=${encodeURIComponent(workflow.id)}`}>Run history</Link>
        {workflow.triggers.includes('chat') && <Link href={`/chat/${encodeURIComponent(workflow.id)}`}>Chat</Link>}
        <button type="button" onClick={run(() => onDuplicate(workflow))}>
          Duplicate
        </button>
        <button type="button" onClick={run(() => onExport(workflow, 'yaml'))}>
          Export YAML
        </button>
        <button type="button" onClick={run(() => onExport(workflow, 'json'))}>
          Export JSON
        </button>
        <button type="button" className="danger" onClick={run(() => onDelete(workflow))}>
          Delete…
        </button>
      </div>
    </details>
  );
}

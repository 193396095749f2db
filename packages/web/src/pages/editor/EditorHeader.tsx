import { problemCount } from './problems.ts';
import type { Draft } from './types.ts';
import { VersionsMenu } from './VersionsMenu.tsx';

export type EditorView = 'canvas' | 'yaml';

/** Name, version, state of the draft, and the editor's actions. */
export function EditorHeader(props: {
  name: string;
  onRename(name: string): void;
  /** Undefined for a draft never saved. */
  workflowId: string | undefined;
  /** The latest saved version. */
  version: number | undefined;
  /** The saved version the draft comes from (an older one when the user went back to it). */
  viewing: number | undefined;
  onOpenVersion(definition: Draft, version: number): void;
  dirty: boolean;
  problems: number;
  validating: boolean;
  /** The server could not check the draft (unreachable…). */
  checkFailed: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  view: EditorView;
  onView(view: EditorView): void;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onSave(): void;
  onRun(): void;
}) {
  return (
    <header className="editor-header">
      <div className="editor-title">
        <h1 className="visually-hidden">Edit workflow {props.name}</h1>
        <label className="visually-hidden" htmlFor="workflow-name">
          Workflow name
        </label>
        <input
          id="workflow-name"
          className="editor-name"
          value={props.name}
          onChange={(e) => props.onRename(e.target.value)}
          placeholder="Untitled workflow"
        />
        <span className="chip" title={props.version ? `Latest saved version: ${props.version}` : 'Not saved yet'}>
          {props.version ? `v${props.version}` : 'new'}
        </span>
        {props.workflowId !== undefined && (
          <VersionsMenu workflowId={props.workflowId} viewing={props.viewing} dirty={props.dirty} onOpen={props.onOpenVersion} />
        )}
        {props.dirty && (
          <span className="dirty-marker" title="Unsaved changes">
            <span aria-hidden="true">●</span> Unsaved
          </span>
        )}
        <span className={`validity ${props.problems > 0 ? 'invalid' : 'valid'}`} role="status">
          {props.validating ? 'Checking…' : props.checkFailed ? '? Not checked' : props.problems > 0 ? `⚠ ${problemCount(props.problems)}` : '✓ Valid'}
        </span>
      </div>
      <div className="editor-actions">
        <div className="tabs" role="tablist" aria-label="View">
          {(['canvas', 'yaml'] as const).map((view) => (
            <button
              key={view}
              type="button"
              role="tab"
              id={`editor-tab-${view}`}
              aria-controls="editor-view"
              aria-selected={props.view === view}
              className={props.view === view ? 'tab active' : 'tab'}
              onClick={() => props.onView(view)}
            >
              {view === 'canvas' ? 'Canvas' : 'YAML'}
            </button>
          ))}
        </div>
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={props.onRedo} disabled={!props.canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" onClick={props.onLayout} title="Arrange the nodes left to right">
          Auto-layout
        </button>
        <button type="button" onClick={props.onSave} disabled={props.saving} title="Save a new version (Ctrl+S)">
          {props.saving && <span className="spinner" aria-hidden="true" />}
          Save
        </button>
        <button type="button" className="primary" onClick={props.onRun}>
          Run
        </button>
      </div>
      {props.viewing !== undefined && props.version !== undefined && props.viewing !== props.version && (
        <p className="version-notice" role="status">
          Viewing v{props.viewing} — Save to make it the latest version
        </p>
      )}
    </header>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type RouteBody } from '@weft/api';
import { ReactFlowProvider, type Connection } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import { keys } from '../../api/queries.ts';
import { errorText, useToast } from '../../ui/toasts.tsx';
import { EditorHeader, type EditorView } from './EditorHeader.tsx';
import { FlowCanvas } from './FlowCanvas.tsx';
import { buildFlowEdges, buildFlowNodes, fallbackPositions } from './flow-elements.ts';
import { addNode, connect, freeSpot, removeEdges, removeNodes, renameNode, setPositions, updateNode } from './graph.ts';
import { autoLayout, nodeHeight } from './layout.ts';
import { NodePanel } from './NodePanel.tsx';
import { Palette } from './Palette.tsx';
import { edgePortFor, portsResolver } from './ports.ts';
import { indexProblems, problemCount } from './problems.ts';
import { RunDialog } from './RunDialog.tsx';
import type { Draft, DraftNode, NodeTestResult, NodeTypeInfo, Problem, XY } from './types.ts';
import { useDocumentTheme } from './useDocumentTheme.ts';
import { useDraftHistory } from './useDraftHistory.ts';
import { useEditorShortcuts, useUnsavedWarning } from './useEditorShortcuts.ts';
import { useValidation } from './useValidation.ts';
import { WorkflowSettings } from './WorkflowSettings.tsx';
import { YamlView } from './yaml/YamlView.tsx';

export interface WorkflowEditorProps {
  initial: Draft;
  /** Undefined for a draft never saved. */
  workflowId: string | undefined;
  version: number | undefined;
  nodeTypes: readonly NodeTypeInfo[];
  /** A new draft was saved as this workflow (the page keeps this editor while the URL changes). */
  onCreated(id: string): void;
}

/** The editor of one workflow: palette, canvas or YAML, side panel, history, save, run, test. */
export function WorkflowEditor(props: WorkflowEditorProps) {
  const history = useDraftHistory(() => props.initial, props.version);
  const { draft, edit } = history;
  const [workflowId, setWorkflowId] = useState(props.workflowId);
  const [version, setVersion] = useState(props.version);
  const [saved, setSaved] = useState(() => (props.workflowId ? JSON.stringify(props.initial) : undefined));
  const dirty = useMemo(() => saved === undefined || JSON.stringify(draft) !== saved, [draft, saved]);
  const [selectedId, setSelectedId] = useState<string>();
  const [view, setView] = useState<EditorView>('canvas');
  const [fitRequest, setFitRequest] = useState(0);
  const [runOpen, setRunOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [tests, setTests] = useState<Record<string, NodeTestResult>>({});
  const [rejected, setRejected] = useState<{ for: Draft; problems: Problem[] }>();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const theme = useDocumentTheme();

  const validation = useValidation(draft);
  const problemList = rejected?.for === draft ? rejected.problems : validation.problems;
  const problems = useMemo(() => indexProblems(problemList, draft), [problemList, draft]);
  const types = useMemo(() => new Map(props.nodeTypes.map((t) => [t.type, t])), [props.nodeTypes]);
  const portsOf = useMemo(() => portsResolver(types, validation.ports), [types, validation.ports]);
  const selected = draft.nodes.find((n) => n.id === selectedId);

  const flowNodes = useMemo(() => buildFlowNodes(draft, types, portsOf, problems, selected?.id, tests), [draft, types, portsOf, problems, selected?.id, tests]);
  const flowEdges = useMemo(() => buildFlowEdges(draft, portsOf, problems), [draft, portsOf, problems]);
  const completions = useMemo(
    () => ({
      stepIds: draft.nodes.map((n) => n.id).filter((id) => id !== selected?.id),
      inputKeys: Object.keys((draft.inputSchema?.['properties'] as Record<string, unknown> | undefined) ?? {}),
      stateKeys: Object.keys(draft.state ?? {}),
    }),
    [draft.nodes, draft.inputSchema, draft.state, selected?.id],
  );

  const models = useMemo(() => modelsIn(draft), [draft]);

  /** Positions as drawn, saved or not, so new nodes avoid the ones laid out on the fly. */
  const placed = useCallback((d: Draft): Draft => setPositions(d, fallbackPositions(d, portsOf)), [portsOf]);

  const heightsOf = useCallback(
    (d: Draft) => Object.fromEntries(d.nodes.map((n) => [n.id, nodeHeight(portsOf(n).length)])),
    [portsOf],
  );

  const addType = useCallback(
    (type: string, at?: XY) => {
      const info = types.get(type);
      const from = at ? undefined : selected;
      const base = placed(draft);
      const result = addNode(base, {
        type,
        params: (info?.example ?? {}) as Record<string, unknown>,
        position: at ?? freeSpot(base, from?.id, heightsOf(base)),
        ...(from ? { from: { id: from.id, port: edgePortFor(null, portsOf(from)) } } : {}),
      });
      edit(() => result.draft);
      setSelectedId(result.id);
      if (!at) setFitRequest((n) => n + 1);
    },
    [types, portsOf, selected, placed, draft, edit, heightsOf],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const source = draft.nodes.find((n) => n.id === connection.source);
      if (!source) return;
      const port = edgePortFor(connection.sourceHandle, portsOf(source));
      edit((d) => connect(d, { from: connection.source, to: connection.target, ...(port ? { port } : {}) }));
    },
    [draft.nodes, portsOf, edit],
  );
  const onMove = useCallback((positions: Record<string, XY>) => edit((d) => setPositions(placed(d), positions)), [edit, placed]);
  const onDelete = useCallback(
    (nodeIds: string[], edgeIndexes: number[]) => edit((d) => removeNodes(removeEdges(d, edgeIndexes), nodeIds)),
    [edit],
  );
  const onDropType = useCallback((type: string, at: XY) => addType(type, at), [addType]);
  const onSelect = useCallback((id: string | undefined) => setSelectedId(id), []);

  const layout = () => {
    const positions = autoLayout(
      draft.nodes.map((n) => ({ id: n.id, height: nodeHeight(portsOf(n).length) })),
      draft.edges ?? [],
    );
    edit((d) => setPositions(d, positions));
    setView('canvas');
    setFitRequest((n) => n + 1);
  };

  const save = async (): Promise<string | undefined> => {
    const current = draft;
    if (current.nodes.length === 0) {
      toast('A workflow needs at least one node to be saved: add one from the palette.', 'error');
      return undefined;
    }
    if (!validation.pending && !validation.error && validation.problems.length > 0) {
      toast(`Not saved: fix ${problemCount(validation.problems.length)} first (listed in the side panel).`, 'error');
      return undefined;
    }
    setSaving(true);
    try {
      const detail = workflowId
        ? await call(apiRoutes.updateWorkflow, { params: { id: workflowId }, body: current })
        : await call(apiRoutes.createWorkflow, { body: current });
      const id = detail.workflow.id;
      setSaved(JSON.stringify(current));
      setVersion(detail.version.version);
      history.markSaved(current, detail.version.version);
      queryClient.setQueryData(keys.workflow(id), detail);
      void queryClient.invalidateQueries({ queryKey: keys.allWorkflows });
      void queryClient.invalidateQueries({ queryKey: keys.versions(id) });
      toast(`Saved version ${detail.version.version}`, 'success');
      if (!workflowId) {
        setWorkflowId(id);
        props.onCreated(id);
        navigate(`/workflows/${encodeURIComponent(id)}`, { replace: true });
      }
      return id;
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setRejected({ for: current, problems: error.problems });
      toast(`Not saved: ${errorText(error)}`, 'error');
      return undefined;
    } finally {
      setSaving(false);
    }
  };
  const ensureSaved = () => (dirty || !workflowId ? save() : Promise.resolve(workflowId));

  const startRun = async (options: { input: unknown; model: string | undefined }) => {
    const id = await ensureSaved();
    if (!id) return;
    try {
      const { run } = await call(apiRoutes.startRun, {
        params: { id },
        body: {
          ...(options.input !== undefined ? { input: options.input } : {}),
          ...(options.model ? { model: options.model } : {}),
        } as RouteBody<typeof apiRoutes.startRun>,
      });
      setRunOpen(false);
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (error) {
      toast(`Run not started: ${errorText(error)}`, 'error');
    }
  };

  useEditorShortcuts({ undo: history.undo, redo: history.redo, save: () => void save() });
  useUnsavedWarning(dirty);

  const openVersion = (definition: Draft, version: number) => {
    history.load(definition, version);
    setSelectedId(undefined);
    setFitRequest((n) => n + 1);
  };

  const updateSelected = (patch: Partial<DraftNode>, field: string) => {
    if (!selected) return;
    edit((d) => updateNode(d, selected.id, patch), `node:${selected.id}:${field}`);
  };

  return (
    <div className="editor">
      <EditorHeader
        name={draft.name}
        onRename={(name) => edit((d) => ({ ...d, name }), 'workflow:name')}
        workflowId={workflowId}
        version={version}
        viewing={history.basedOn}
        onOpenVersion={openVersion}
        dirty={dirty}
        problems={problems.all.length}
        validating={validation.pending}
        checkFailed={Boolean(validation.error)}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        saving={saving}
        view={view}
        onView={setView}
        onUndo={history.undo}
        onRedo={history.redo}
        onLayout={layout}
        onSave={() => void save()}
        onRun={() => setRunOpen(true)}
      />
      <div className={`editor-body view-${view}`}>
        {view === 'canvas' && (
          <aside className="editor-palette">
            <Palette types={props.nodeTypes} onAdd={(type) => addType(type)} />
          </aside>
        )}
        <section className="editor-main" role="tabpanel" id="editor-view" aria-labelledby={`editor-tab-${view}`}>
          {view === 'canvas' ? (
            <div className="canvas-wrap">
              <ReactFlowProvider>
                <FlowCanvas
                  nodes={flowNodes}
                  edges={flowEdges}
                  fitRequest={fitRequest}
                  colorMode={theme}
                  onSelect={onSelect}
                  onConnect={onConnect}
                  onMove={onMove}
                  onDelete={onDelete}
                  onDropType={onDropType}
                />
              </ReactFlowProvider>
              {draft.nodes.length === 0 && (
                <div className="canvas-empty">
                  <p>
                    <strong>Start with a node.</strong> Click one in the palette or drag it here.
                  </p>
                  <p className="muted">A workflow needs at least one node to be saved.</p>
                </div>
              )}
            </div>
          ) : (
            <div className="yaml-wrap">
              <YamlView definition={draft} onChange={(next) => edit(() => next, 'yaml')} problems={problems.all} />
            </div>
          )}
        </section>
        <aside className="editor-panel" aria-label={selected ? `Node ${selected.id}` : 'Workflow settings'}>
          {selected ? (
            <NodePanel
              key={selected.id}
              draft={draft}
              node={selected}
              info={types.get(selected.type)}
              problems={problems.byNode.get(selected.id) ?? []}
              paramProblems={problems.paramsByNode.get(selected.id)}
              completions={completions}
              models={models}
              onChange={updateSelected}
              onRename={(to) => {
                edit((d) => renameNode(d, selected.id, to));
                setSelectedId(to);
                setTests(({ [selected.id]: moved, ...rest }) => (moved ? { ...rest, [to]: moved } : rest));
              }}
              onDelete={() => {
                edit((d) => removeNodes(d, [selected.id]));
                setSelectedId(undefined);
              }}
              ensureSaved={ensureSaved}
              testResult={tests[selected.id]}
              onTestResult={(result) => setTests((all) => ({ ...all, [selected.id]: result }))}
            />
          ) : (
            <WorkflowSettings
              draft={draft}
              problems={problems}
              validating={validation.pending}
              completions={completions}
              models={models}
              onChange={(patch, field) =>
                edit((d) => Object.fromEntries(Object.entries({ ...d, ...patch }).filter(([, v]) => v !== undefined)) as Draft, `workflow:${field}`)
              }
              onSelectNode={(id) => {
                setSelectedId(id);
                setView('canvas');
              }}
            />
          )}
        </aside>
      </div>
      <RunDialog open={runOpen} dirty={dirty || !workflowId} onClose={() => setRunOpen(false)} onStart={startRun} />
    </div>
  );
}

/** `provider:model` ids the workflow already uses, offered first by model pickers. */
function modelsIn(draft: Draft): string[] {
  const found = [draft.defaults?.model, ...draft.nodes.map((n) => n.params?.['model'])];
  return [...new Set(found.filter((m): m is string => typeof m === 'string' && m.includes(':') && !m.includes('{{')))];
}

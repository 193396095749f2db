import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';
import { useRun, useWorkflow } from '../../api/queries.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { ArtifactList } from './ArtifactList.tsx';
import { RunGraph } from './RunGraph.tsx';
import { RunHeader } from './RunHeader.tsx';
import { definitionGraph, defaultStep, modelsUsed, nodeRuns, stepViews } from './runModel.ts';
import { useRunActions } from './runActions.ts';
import { StepInspector } from './StepInspector.tsx';
import { Timeline } from './Timeline.tsx';
import { useRunLive } from './useRunLive.ts';
import './runs.css';

/** One run: header, live graph, step inspector, timeline and artifacts. */
export function RunPage({ runId }: { runId: string }) {
  // A fresh view (and event stream) per run, so nothing of the previous run lingers.
  return <RunView key={runId} runId={runId} />;
}

function RunView({ runId }: { runId: string }) {
  const runQuery = useRun(runId);
  const live = useRunLive(runId);
  const actions = useRunActions(runId);
  const stored = runQuery.data;
  const workflow = useWorkflow(stored?.run.workflowId, stored?.run.workflowVersion);
  const [search, setSearch] = useSearchParams();

  const graph = useMemo(() => definitionGraph(workflow.data?.version.definition), [workflow.data]);
  const steps = useMemo(() => stepViews(stored?.steps ?? [], live.state, stored?.run.lastSeq ?? 0), [stored, live.state]);
  const runs = useMemo(() => nodeRuns(graph.nodes.map((n) => n.id), steps), [graph.nodes, steps]);
  const models = useMemo(() => modelsUsed(stored?.steps ?? []), [stored]);

  // The selection lives in the URL (?node=…&step=…) so a step can be linked to; without one, the
  // inspector follows the step that needs attention (waiting, failed, running).
  const stepParam = search.get('step') ?? undefined;
  const nodeParam = search.get('node') ?? undefined;
  const picked = stepParam === undefined ? undefined : steps.find((s) => s.stepId === stepParam);
  const fallback = nodeParam === undefined && stepParam === undefined ? defaultStep(steps) : undefined;
  const selectedNodeId = nodeParam ?? picked?.nodeId ?? fallback?.nodeId;
  const selectedStepId = stepParam ?? fallback?.stepId;

  const selectNode = useCallback((nodeId: string) => setSearch({ node: nodeId }, { replace: true }), [setSearch]);
  const selectStep = useCallback(
    (stepId: string) => {
      const nodeId = steps.find((s) => s.stepId === stepId)?.nodeId;
      setSearch(nodeId ? { node: nodeId, step: stepId } : { step: stepId }, { replace: true });
    },
    [setSearch, steps],
  );

  if (runQuery.isError) return <ErrorState error={runQuery.error} retry={() => void runQuery.refetch()} />;
  if (!stored) return <Loading label="Loading run…" />;

  // The stream is at least as fresh as the stored run when it has seen as many events.
  const liveStatus = live.state.lastSeq >= stored.run.lastSeq ? live.state.runStatus : undefined;
  const run = liveStatus ? { ...stored.run, status: liveStatus } : stored.run;
  const node = graph.nodes.find((n) => n.id === selectedNodeId);

  return (
    <div className="run-page">
      <RunHeader run={run} workflowName={workflow.data?.workflow.name} models={models} connection={live.connection} actions={actions} />
      <div className="run-layout">
        <section className="run-graph-card card" aria-label="Graph">
          {workflow.isError ? (
            <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />
          ) : workflow.isPending ? (
            <Loading label="Loading the workflow…" />
          ) : (
            <RunGraph nodes={graph.nodes} edges={graph.edges} runs={runs} selectedNodeId={selectedNodeId} onSelect={selectNode} />
          )}
        </section>
        <StepInspector
          run={run}
          node={node}
          nodeRun={selectedNodeId === undefined ? undefined : runs.get(selectedNodeId)}
          selectedStepId={selectedStepId}
          onSelectStep={selectStep}
          live={live.state}
          actions={actions}
        />
        <Timeline entries={live.state.timeline} startedAt={run.createdAt} onSelectStep={selectStep} />
        <ArtifactList runId={runId} />
      </div>
    </div>
  );
}

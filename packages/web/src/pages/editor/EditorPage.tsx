import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@weft/api';
import { useState } from 'react';
import { useSearch } from 'wouter';
import '@xyflow/react/dist/style.css';
import './editor.css';
import { call } from '../../api/client.ts';
import { useNodeTypes, useWorkflow } from '../../api/queries.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import type { Draft } from './types.ts';
import { WorkflowEditor } from './WorkflowEditor.tsx';
import { fromYaml } from './yaml/yaml-sync.ts';

const UNTITLED: Draft = { name: 'Untitled workflow', nodes: [], edges: [] };

/**
 * `/workflows/new` (optionally `?template=<id>`) and `/workflows/:id`. The router keeps this page
 * mounted from one URL to the other, so a draft saved for the first time stays in its editor (with
 * its undo history) while the URL becomes the workflow's.
 */
export function EditorPage({ workflowId }: { workflowId?: string }) {
  const [session, setSession] = useState<{ created: string | undefined; count: number }>({ created: undefined, count: 0 });
  if (workflowId === undefined && session.created !== undefined) setSession({ created: undefined, count: session.count + 1 });
  const isDraft = workflowId === undefined || workflowId === session.created;
  const onCreated = (id: string) => setSession((s) => ({ ...s, created: id }));
  return isDraft ? (
    <NewWorkflow key={`draft-${session.count}`} onCreated={onCreated} />
  ) : (
    <ExistingWorkflow key={`workflow-${workflowId}`} workflowId={workflowId} onCreated={onCreated} />
  );
}

function NewWorkflow({ onCreated }: { onCreated(id: string): void }) {
  const templateId = new URLSearchParams(useSearch()).get('template') ?? undefined;
  const nodeTypes = useNodeTypes();
  const template = useQuery({
    queryKey: ['template', templateId ?? ''],
    queryFn: ({ signal }) => call(apiRoutes.getTemplate, { params: { id: templateId ?? '' }, signal }),
    enabled: templateId !== undefined,
    staleTime: Infinity,
  });
  if (nodeTypes.isPending || (templateId && template.isPending)) return <Loading label="Loading the editor…" />;
  if (nodeTypes.isError) return <ErrorState error={nodeTypes.error} retry={() => void nodeTypes.refetch()} />;
  if (template.isError) return <ErrorState error={template.error} retry={() => void template.refetch()} />;
  let draft = UNTITLED;
  if (template.data) {
    const parsed = fromYaml(template.data.yaml);
    if (!parsed.ok) {
      const where = parsed.error.line ? ` (line ${parsed.error.line})` : '';
      return <ErrorState error={new Error(`The template's YAML does not parse: ${parsed.error.message}${where}`)} />;
    }
    draft = parsed.definition;
  }
  return <WorkflowEditor initial={draft} workflowId={undefined} version={undefined} nodeTypes={nodeTypes.data} onCreated={onCreated} />;
}

function ExistingWorkflow({ workflowId, onCreated }: { workflowId: string; onCreated(id: string): void }) {
  const nodeTypes = useNodeTypes();
  const workflow = useWorkflow(workflowId);
  // The editor starts from the version loaded first; refetches (after a save) must not reset it.
  const [first, setFirst] = useState<typeof workflow.data>();
  if (workflow.data && !first) setFirst(workflow.data);
  if (nodeTypes.isError) return <ErrorState error={nodeTypes.error} retry={() => void nodeTypes.refetch()} />;
  if (workflow.isError && !first) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  if (!nodeTypes.data || !first) return <Loading label="Loading the workflow…" />;
  return (
    <WorkflowEditor
      initial={first.version.definition as Draft}
      workflowId={first.workflow.id}
      version={first.version.version}
      nodeTypes={nodeTypes.data}
      onCreated={onCreated}
    />
  );
}

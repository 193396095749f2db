/** Placeholder until this page is built. */
export function EditorPage({ workflowId }: { workflowId?: string }) {
  return (
    <div className="page">
      <h1>Editor {workflowId}</h1>
    </div>
  );
}

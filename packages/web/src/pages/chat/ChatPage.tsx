/** Placeholder until this page is built. */
export function ChatPage({ workflowId }: { workflowId?: string }) {
  return (
    <div className="page">
      <h1>Chat {workflowId}</h1>
    </div>
  );
}

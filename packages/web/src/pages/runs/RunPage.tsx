/** Placeholder until this page is built. */
export function RunPage({ runId }: { runId: string }) {
  return (
    <div className="page">
      <h1>Run {runId}</h1>
    </div>
  );
}

import type { Engine, Json, RunEvent, RunRecord, RunStore } from '@weft/engine';

/** How a waited-for run answered. */
export type Reply =
  | { kind: 'respond'; output: Json }
  | { kind: 'finished'; run: RunRecord }
  | { kind: 'timeout' };

const TERMINAL = new Set(['run.succeeded', 'run.failed', 'run.cancelled', 'run.waiting']);

/**
 * Resolves when the run's first `respond` step succeeds, when the run ends (or waits), or after
 * `timeoutMs`. It subscribes at once (before anything awaits), so call it before enqueueing the run.
 */
export function waitForReply(options: { engine: Engine; store: RunStore; run: RunRecord; timeoutMs: number }): Promise<Reply> {
  const { engine, store, run } = options;
  return new Promise<Reply>((resolve) => {
    let settled = false;
    let respondNodes: Set<string> | undefined;
    const early: RunEvent[] = [];
    const finish = (reply: Reply | Promise<Reply>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      void Promise.resolve(reply).then(resolve, () => resolve({ kind: 'timeout' }));
    };
    const onEvent = (event: RunEvent) => {
      if (!respondNodes) return void early.push(event);
      const nodeId = (event.data as { nodeId?: unknown } | null)?.nodeId;
      if (event.type === 'step.succeeded' && typeof nodeId === 'string' && respondNodes.has(nodeId) && event.stepId) {
        const stepId = event.stepId;
        finish(
          store.getSteps(run.id).then((steps) => ({
            kind: 'respond' as const,
            output: steps.find((s) => s.stepId === stepId)?.attempts.at(-1)?.output ?? null,
          })),
        );
      } else if (TERMINAL.has(event.type)) {
        finish(store.getRun(run.id).then((r) => ({ kind: 'finished' as const, run: r ?? run })));
      }
    };
    const unsubscribe = engine.subscribe(run.id, onEvent);
    const timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
    engine.graphOf(run.workflowId, run.workflowVersion).then(
      ({ graph }) => {
        respondNodes = new Set([...graph.nodes.values()].filter((n) => n.type === 'respond').map((n) => n.id));
        for (const event of early.splice(0)) onEvent(event);
      },
      () => finish({ kind: 'timeout' }),
    );
  });
}

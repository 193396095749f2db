// Committing a result: one step write with its attempt, two events and the run's lastSeq, in one batch.
import type { CommitBatch, RunEvent, RunStore } from '@weft/engine';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measure } from '../lib/stats.ts';
import { openStore, type StoreKind } from '../lib/stores.ts';
import { chainWorkflow } from '../lib/workflows.ts';

async function startedRun(store: RunStore): Promise<{ runId: string; seq: number }> {
  const workflow = chainWorkflow(2);
  const version = await store.saveWorkflowVersion('bench-commit', workflow);
  const runId = 'bench-commit-run';
  const at = Date.now();
  const created: RunEvent = { runId, seq: 1, type: 'run.created', at, data: {} };
  await store.createRun({
    id: runId,
    workflowId: 'bench-commit',
    workflowVersion: version.version,
    input: null,
    state: {},
    options: {},
    createdAt: at,
    events: [created],
  });
  await store.commit(runId, {
    run: { expectStatus: ['queued'], status: 'running', startedAt: at },
    events: [{ runId, seq: 2, type: 'run.started', at, data: {} }],
  });
  return { runId, seq: 2 };
}

/** A batch as the run loop writes it when a step succeeds: step + attempt, 2 events, lastSeq. */
function typicalBatch(runId: string, stepNo: number, seq: number): CommitBatch {
  const stepId = `s${stepNo}`;
  const at = Date.now();
  return {
    run: { expectStatus: ['running'] },
    steps: [
      {
        stepId,
        nodeId: stepId,
        iteration: 1,
        status: 'succeeded',
        ports: ['out'],
        wakeAt: null,
        waitingFor: null,
        attempt: { attempt: 1, status: 'succeeded', input: {}, output: null, startedAt: at, endedAt: at },
      },
    ],
    events: [
      {
        runId,
        seq: seq + 1,
        type: 'step.succeeded',
        at,
        stepId,
        data: { nodeId: stepId, ports: ['out'], durationMs: 0 },
      },
      {
        runId,
        seq: seq + 2,
        type: 'step.started',
        at,
        stepId: `s${stepNo + 1}`,
        data: { nodeId: `s${stepNo + 1}`, type: 'bench.noop', attempt: 1, iteration: 1 },
      },
    ],
  };
}

async function commitCase(section: string, dir: string, kind: StoreKind): Promise<BenchResult> {
  const { store } = await openStore(kind, dir);
  try {
    const run = await startedRun(store);
    let seq = run.seq;
    let stepNo = 0;
    const sample = await measure(async () => {
      await store.commit(run.runId, typicalBatch(run.runId, ++stepNo, seq));
      seq += 2;
    });
    const name = `commit a step result (step + attempt + 2 events + lastSeq), ${kind === 'sqlite' ? 'SQLite' : 'MemoryRunStore'}`;
    return fromSample(section, name, 'µs/commit', sample);
  } finally {
    await store.close();
  }
}

export async function commitCases(
  section: string,
  dir: string,
  fail: (message: string) => void,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of ['sqlite', 'memory'] as const) {
    try {
      results.push(await commitCase(section, dir, kind));
    } catch (error) {
      fail(`commit, ${kind}: ${String(error)}`);
    }
  }
  return results;
}

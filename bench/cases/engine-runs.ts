// Weft per-step overhead: whole runs of no-op steps, end to end, divided by the steps they ran.
import { createEngine, type Engine, type WorkflowDefinition } from '@weft/engine';
import { fromSample, GOAL_DURABLE, GOAL_MEMORY, type BenchResult } from '../lib/result.ts';
import { measure } from '../lib/stats.ts';
import { openStore, sqliteSize, type StoreKind } from '../lib/stores.ts';
import { benchRegistry, chainWorkflow, fanOutWorkflow } from '../lib/workflows.ts';

const SECTION = 'Weft engine: whole runs of no-op steps (startRun → done) ÷ steps';

interface RunCase {
  name: string;
  workflow: WorkflowDefinition;
  steps: number;
  note?: string;
}

const CASES: RunCase[] = [
  { name: 'chain 100', workflow: chainWorkflow(100), steps: 100 },
  {
    name: 'fan-out 100 (start → 100 → join)',
    workflow: fanOutWorkflow(100),
    steps: 102,
    note: 'default concurrency 8',
  },
  { name: 'chain 1,000', workflow: chainWorkflow(1000), steps: 1000 },
];

async function runOnce(engine: Engine, workflow: WorkflowDefinition): Promise<void> {
  const { done } = await engine.startRun({ workflow });
  const run = await done;
  if (run.status !== 'succeeded')
    throw new Error(`bench run ${run.id} ended ${run.status}: ${run.error?.message ?? ''}`);
}

async function withEngine<T>(
  kind: StoreKind,
  dir: string,
  work: (engine: Engine, path?: string) => Promise<T>,
): Promise<T> {
  const { store, path } = await openStore(kind, dir);
  const engine = createEngine({ store, registry: benchRegistry() });
  try {
    return await work(engine, path);
  } finally {
    await engine.close();
    await store.close();
  }
}

/** µs per step for every case, in memory and on SQLite. */
export async function engineRunCases(
  dir: string,
  log: (line: string) => void,
  fail: (message: string) => void,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // One JIT warm-up of the whole engine path first, so the first case measured is not the one that pays it.
  await withEngine('memory', dir, (engine) =>
    measure(() => runOnce(engine, chainWorkflow(100)), { reps: 1, repMs: 1, warmupMs: 1000 }),
  );
  for (const c of CASES) {
    for (const kind of ['memory', 'sqlite'] as const) {
      const label = `${c.name}, ${kind === 'memory' ? 'in memory' : 'SQLite (WAL, synchronous=NORMAL)'}`;
      log(`  ${label}`);
      const sample = await withEngine(kind, dir, (engine) =>
        measure(() => runOnce(engine, c.workflow), {
          unitsPerCall: c.steps,
          reps: 7,
          repMs: 250,
          warmupMs: 300,
        }),
      ).catch((error: unknown) => fail(`${label}: ${String(error)}`));
      if (!sample) continue;
      results.push(
        fromSample(SECTION, label, 'µs/step', sample, {
          goal: kind === 'memory' ? GOAL_MEMORY : GOAL_DURABLE,
          ...(c.note ? { note: c.note } : {}),
        }),
      );
    }
  }
  for (const kind of ['memory', 'sqlite'] as const) {
    log(`  run setup, ${kind}`);
    const workflow = chainWorkflow(100);
    const sample = await withEngine(kind, dir, (engine) =>
      measure(() => engine.startRun({ workflow, enqueueOnly: true }), { reps: 5, repMs: 100 }),
    ).catch((error: unknown) => fail(`run setup, ${kind}: ${String(error)}`));
    if (!sample) continue;
    results.push(
      fromSample(
        SECTION,
        `run setup of chain 100 (validate, save version, create run), ${kind}`,
        'µs/run',
        sample,
        {
          note: 'included above, once per run',
        },
      ),
    );
  }
  return results;
}

/** Bytes a small step adds to the SQLite file (after a checkpoint), over a few 100-step chains. */
export async function sqliteBytesPerStep(dir: string): Promise<BenchResult[]> {
  const runs = 10;
  const workflow = chainWorkflow(100);
  return withEngine('sqlite', dir, async (engine, path) => {
    if (!path) throw new Error('SQLite store without a path');
    await runOnce(engine, workflow); // the workflow version and first pages are not per-step costs
    const before = sqliteSize(path);
    for (let i = 0; i < runs; i++) await runOnce(engine, workflow);
    const after = sqliteSize(path);
    const steps = runs * 100;
    const section = 'Weft engine: storage';
    return [
      {
        section,
        name: 'SQLite bytes per no-op step (used pages after checkpoint)',
        unit: 'B/step',
        median: (after.usedBytes - before.usedBytes) / steps,
        note: `${runs} runs of chain 100; step + attempt rows, 2 events, run row ÷ 100`,
      },
      {
        section,
        name: 'SQLite file growth per no-op step (db + WAL after checkpoint)',
        unit: 'B/step',
        median: (after.fileBytes - before.fileBytes) / steps,
      },
    ];
  });
}

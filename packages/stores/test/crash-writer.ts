// Child process for the crash-safety test: commits batches forever, printing each batch number once its
// commit has returned, until the parent kills it. Usage: node crash-writer.ts <db path> <steps per batch>
import type { RunEvent, StepWrite } from '@weft/engine';
import { openSqliteRunStore } from '../src/index.ts';

const [path, perBatchText] = process.argv.slice(2);
if (!path || !perBatchText) throw new Error('usage: crash-writer.ts <db path> <steps per batch>');
const perBatch = Number(perBatchText);
const runId = 'crash-run';

const store = await openSqliteRunStore({ path });
const version = await store.saveWorkflowVersion('crash', {
  name: 'Crash',
  nodes: [{ id: 'work', type: 'noop', params: {} }],
  edges: [],
});
await store.createRun({
  id: runId,
  workflowId: 'crash',
  workflowVersion: version.version,
  input: null,
  state: {},
  options: {},
  createdAt: Date.now(),
  events: [],
});
await store.commit(runId, { run: { status: 'running' } });

for (let batch = 0; ; batch++) {
  const steps: StepWrite[] = [];
  const events: RunEvent[] = [];
  for (let k = 0; k < perBatch; k++) {
    const n = batch * perBatch + k;
    const stepId = `work[${n}]`;
    steps.push({
      stepId,
      nodeId: 'work',
      iteration: 1,
      index: n,
      status: 'succeeded',
      attempt: { attempt: 1, status: 'succeeded', output: { n, pad: 'x'.repeat(200) } },
    });
    events.push({ runId, seq: n + 1, type: 'step.succeeded', at: Date.now(), stepId, data: { n } });
  }
  await store.commit(runId, { run: { expectStatus: ['running'], state: { batch } }, steps, events });
  process.stdout.write(`${batch}\n`);
}

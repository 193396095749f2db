// LangGraph.js running the same graphs as Weft's bench: a chain of no-op nodes and a fan-out.
// Prints one JSON line per case: { name, stepsPerRun, usPerStep }.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotation, END, START, StateGraph, MemorySaver } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';

const N = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 20);

const State = Annotation.Root({ count: Annotation({ reducer: (a, b) => a + b, default: () => 0 }) });
const noop = async () => ({ count: 1 });

function chain(n) {
  const g = new StateGraph(State);
  for (let i = 0; i < n; i++) g.addNode(`n${i}`, noop);
  g.addEdge(START, 'n0');
  for (let i = 1; i < n; i++) g.addEdge(`n${i - 1}`, `n${i}`);
  g.addEdge(`n${n - 1}`, END);
  return g;
}

function fanOut(n) {
  const g = new StateGraph(State);
  g.addNode('start', noop);
  g.addNode('join', noop);
  g.addEdge(START, 'start');
  for (let i = 0; i < n; i++) {
    g.addNode(`n${i}`, noop);
    g.addEdge('start', `n${i}`);
    g.addEdge(`n${i}`, 'join');
  }
  g.addEdge('join', END);
  return g;
}

async function measure(name, graph, steps, checkpointer) {
  const app = graph.compile(checkpointer ? { checkpointer } : {});
  const config = (i) => ({ recursionLimit: steps + 10, configurable: { thread_id: `t${i}` } });
  await app.invoke({ count: 0 }, config(-1));
  const samples = [];
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < RUNS; i++) await app.invoke({ count: 0 }, config(r * RUNS + i));
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / (RUNS * steps));
  }
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({ name, stepsPerRun: steps, usPerStep: samples[2] }));
}

const dir = mkdtempSync(join(tmpdir(), 'langgraph-bench-'));
try {
  await measure(`langgraph chain ${N} (no checkpointer)`, chain(N), N, undefined);
  await measure(`langgraph chain ${N} (MemorySaver)`, chain(N), N, new MemorySaver());
  await measure(`langgraph chain ${N} (SqliteSaver)`, chain(N), N, SqliteSaver.fromConnString(join(dir, 'lg.db')));
  await measure(`langgraph fan-out ${N} (no checkpointer)`, fanOut(N), N + 2, undefined);
  await measure(`langgraph fan-out ${N} (SqliteSaver)`, fanOut(N), N + 2, SqliteSaver.fromConnString(join(dir, 'lg2.db')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

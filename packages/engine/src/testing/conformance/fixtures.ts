import { expect } from 'vitest';
import type { RunEvent, RunEventType } from '../../events.ts';
import type { Json } from '../../json.ts';
import type { NewRun, RunStore, StepWrite } from '../../ports/run-store.ts';
import type { WeftStore } from '../../ports/weft-store.ts';
import type { AttemptRecord, RunRecord, RunStatus } from '../../records.ts';
import type { WorkflowDefinition } from '../../workflow/schema.ts';

/** Gives each conformance test the store opened for it. */
export interface ConformanceContext {
  store(): RunStore;
}

/** The store for one test of the `WeftStore` suites, and more connections to the same database. */
export interface WeftConformanceContext {
  store(): WeftStore;
  /**
   * Another store object on the same database (another connection, as a second process would have),
   * closed after the test; undefined when the adapter cannot share its database.
   */
  peer(): Promise<WeftStore | undefined>;
}

/** A fixed point in time, so tests never depend on the clock. */
export const T0 = 1_700_000_000_000;

/** A small valid workflow definition; `name` makes different contents. */
export function definition(name = 'Conformance'): WorkflowDefinition {
  return {
    name,
    nodes: [
      { id: 'fetch', type: 'http', params: { url: 'https://example.com', method: 'GET' } },
      { id: 'summarize', type: 'llm', params: { prompt: 'Summarize {{ steps.fetch.output }}' } },
    ],
    edges: [{ from: 'fetch', to: 'summarize' }],
  };
}

/** Builds a `NewRun` with defaults for everything but the id. */
export function newRun(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id,
    workflowId: 'wf',
    workflowVersion: 1,
    input: { topic: 'durable execution' },
    state: {},
    options: {},
    createdAt: T0,
    events: [],
    ...overrides,
  };
}

/** Saves workflow `workflowId` (once) and creates a run of it; optionally moves it to `status`. */
export async function seedRun(
  store: RunStore,
  id: string,
  overrides: Partial<NewRun> & { status?: RunStatus } = {},
): Promise<RunRecord> {
  const { status, ...fields } = overrides;
  const saved = await store.saveWorkflowVersion(fields.workflowId ?? 'wf', definition());
  const run = await store.createRun(newRun(id, { workflowVersion: saved.version, ...fields }));
  if (status === undefined || status === 'queued') return run;
  await store.commit(id, { run: { status } });
  return { ...run, status };
}

/** An event of `runId` with number `seq`. */
export function event(
  runId: string,
  seq: number,
  type: RunEventType = 'log',
  extra: Partial<RunEvent> = {},
): RunEvent {
  return { runId, seq, type, at: T0 + seq, data: { seq }, ...extra };
}

/** A step write of node `nodeId` (step id = node id unless given). */
export function stepWrite(nodeId: string, overrides: Partial<StepWrite> = {}): StepWrite {
  return { stepId: nodeId, nodeId, iteration: 1, status: 'running', ...overrides };
}

/** An attempt record with number `attempt`. */
export function attempt(number: number, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return { attempt: number, status: 'running', input: { n: number }, startedAt: T0 + number, ...overrides };
}

/** Asserts that `promise` rejects with a Weft error of `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

/** Values that must survive a store round trip unchanged. */
export const JSON_SAMPLES: ReadonlyArray<readonly [string, Json]> = [
  ['null', null],
  ['booleans', [true, false]],
  ['numbers', [0, -1.5, 1e300, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 5e-324]],
  ['empty containers', { a: {}, b: [], c: '' }],
  ['unicode', { text: 'héllo — 你好 — שלום — 🧵🪡 — e\u0301 — \u2028\u2029', emoji: '👩‍👩‍👧‍👦' }],
  ['control characters', '\u0000\u0001\t\n\r"\\/'],
  ['lone surrogate', '\ud800x\udfff'],
  ['odd keys', { '': 1, 'a.b': 2, 'with "quotes"': 3, '💥': 4, constructor: 5 }],
  ['proto key', JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Json],
  ['nulls inside', { a: null, b: [null, 1, null], c: { d: null } }],
  ['deeply nested', nest(64)],
  ['large string', 'x'.repeat(1_000_000) + 'é'],
  ['wide array', Array.from({ length: 5_000 }, (_, i) => ({ i, s: `item-${i}` }))],
];

function nest(depth: number): Json {
  let value: Json = { leaf: true };
  for (let i = 0; i < depth; i++) value = { level: i, child: value, list: [i] };
  return value;
}

// Runs one data node in a real engine, for the data node tests.
import { validateWorkflow, workflow, type ErrorJson, type Json, type Problem } from '@weft/engine';
import { expect } from 'vitest';
import { createTestEngine, type RunView } from '../../testing/index.ts';
import { dataNodes } from '../index.ts';

/** Runs a one-node workflow (`id: n`) with `params` and the run input `input`. */
export async function runNode(type: string, params: Record<string, unknown>, input: Json = null): Promise<RunView> {
  const t = createTestEngine({ nodes: dataNodes });
  return t.run(workflow('data').node('n', type, params as Record<string, Json>).build(), input);
}

/** The output of a node run that must succeed. */
export async function outputOf(type: string, params: Record<string, unknown>, input: Json = null): Promise<Json> {
  const view = await runNode(type, params, input);
  expect(view.run.error, JSON.stringify(view.run.error)).toBeUndefined();
  expect(view.run.status).toBe('succeeded');
  return view.run.output ?? null;
}

/** The error of a node run that must fail. */
export async function errorOf(type: string, params: Record<string, unknown>, input: Json = null): Promise<ErrorJson> {
  const view = await runNode(type, params, input);
  expect(view.run.status).toBe('failed');
  const error = view.attempt('n').error;
  if (!error) throw new Error('the failed step has no error');
  return error;
}

/** Problems static validation finds in a one-node workflow. */
export function problemsOf(type: string, params: Record<string, unknown>): Problem[] {
  const t = createTestEngine({ nodes: dataNodes });
  const result = validateWorkflow({ name: 'v', nodes: [{ id: 'n', type, params }] }, t.registry);
  return result.ok ? [] : result.problems;
}

// The graphs every engine bench runs: a chain and a fan-out of no-op steps.
import { z } from 'zod';
import { defineNode, NodeRegistry, workflow, type WorkflowDefinition } from '@weft/engine';

/** A node that does nothing: what is left of a step's time is the engine's. */
export const noopNode = defineNode({
  type: 'bench.noop',
  version: 1,
  category: 'bench',
  title: 'No-op',
  description: 'Returns null at once (for benchmarks).',
  params: z.object({}),
  async run() {
    return { output: null };
  },
});

export function benchRegistry(): NodeRegistry {
  return new NodeRegistry([noopNode]);
}

/** n0 → n1 → … → n(n-1). */
export function chainWorkflow(n: number): WorkflowDefinition {
  const b = workflow(`bench-chain-${n}`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(`n${i}`);
    b.node(`n${i}`, noopNode.type);
  }
  return b.chain(...ids).build();
}

/** start → n0…n(n-1) in parallel → join: n + 2 steps. */
export function fanOutWorkflow(n: number): WorkflowDefinition {
  const b = workflow(`bench-fan-out-${n}`).node('start', noopNode.type).node('join', noopNode.type);
  for (let i = 0; i < n; i++) b.node(`n${i}`, noopNode.type).edge('start', `n${i}`).edge(`n${i}`, 'join');
  return b.build();
}

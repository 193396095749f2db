import { WeftError, type JsonObject, type WorkflowNode } from '@weft/engine';
import { ANY_OBJECT, argsChecker } from './check-args.ts';
import type { AgentToolBinding } from './types.ts';

/** What a child-step tool runs: a node (its params may use `{{ args }}`). */
export interface ChildStepToolSpec {
  name: string;
  description: string;
  input?: Record<string, unknown> | undefined;
  node: Pick<WorkflowNode, 'type' | 'params'>;
}

/**
 * A node exposed as a tool: arguments checked against its `input` schema, each call a durable
 * child step. A workflow tool is the `subworkflow` node run this way, so every call gets its own
 * child run.
 */
export function childStepTool(spec: ChildStepToolSpec): AgentToolBinding {
  const inputSchema = (spec.input ?? ANY_OBJECT) as JsonObject;
  const check = argsChecker(spec.name, inputSchema);
  // The n-th call of this tool in an attempt, with its arguments, names its child step: after a
  // crash a replayed call returns the stored result instead of running again, while a repeated
  // call (polling a status) still runs anew.
  let calls = 0;
  return {
    name: spec.name,
    description: spec.description,
    inputSchema,
    async call(input, ctx) {
      check(input);
      const index = hashIndex(`${spec.name}#${calls++}:${JSON.stringify(input)}`);
      const [result] = await ctx.runChildren([{ node: spec.node, index, scope: { args: input } }], {
        concurrency: 1,
      });
      if (!result || !result.ok)
        throw new WeftError('NODE_FAILED', result && !result.ok ? result.error.message : 'tool failed');
      return result.output;
    },
  };
}

/** FNV-1a, 32 bits: a stable small number for a child step id. */
function hashIndex(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

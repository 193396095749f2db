import type { JsonObject, Sandbox } from '@weft/engine';
import { ANY_OBJECT, argsChecker } from './check-args.ts';
import type { AgentToolBinding } from './types.ts';

/** A tool written as JavaScript: the body of an async function over `args`. */
export interface CodeToolSpec {
  name: string;
  description: string;
  input?: Record<string, unknown> | undefined;
  code: string;
  timeoutMs?: number | undefined;
}

/** Longest a code tool may run per call. */
export const CODE_TOOL_TIMEOUT_MS = 5000;

/**
 * Runs a code tool in the QuickJS sandbox with a JSON copy of the arguments as `args`; its
 * return value is the result, and a throw goes back to the model as an error result.
 */
export function codeTool(spec: CodeToolSpec, sandbox: () => Sandbox): AgentToolBinding {
  const inputSchema = (spec.input ?? ANY_OBJECT) as JsonObject;
  const check = argsChecker(spec.name, inputSchema);
  // `args` is a parameter of an inner function, so the user's own declarations shadow it. No
  // newline in the prefix: line numbers in errors stay the user's.
  const code = `return ((args) => (async () => {${spec.code}\n})())(input);`;
  return {
    name: spec.name,
    description: spec.description,
    inputSchema,
    async call(input, ctx) {
      check(input);
      const { result, logs } = await sandbox().runCode({
        code,
        input,
        timeoutMs: spec.timeoutMs ?? CODE_TOOL_TIMEOUT_MS,
        signal: ctx.signal,
      });
      for (const log of logs) ctx.emit('log', { level: log.level, message: `${spec.name}: ${log.message}` });
      return result;
    },
  };
}

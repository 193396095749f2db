import { defineNode, WeftError, type Json, type NodeType, type Sandbox, type SandboxLog } from '@weft/engine';
import { z } from 'zod';
import { passThrough } from '../../flow/passthrough.ts';

/** Time limit of a code step unless its params say otherwise. */
export const DEFAULT_CODE_TIMEOUT_MS = 1_000;
/** Longest time limit a code step may ask for. */
export const MAX_CODE_TIMEOUT_MS = 30_000;
/** Memory limit of a code step unless its params say otherwise. */
export const DEFAULT_CODE_MEMORY_MB = 32;
/** Most memory a code step may ask for. */
export const MAX_CODE_MEMORY_MB = 256;

const params = z.object({
  code: z
    .string()
    .min(1, 'required: the body of an async JavaScript function, e.g. "return input.items.length"')
    .describe(
      'Body of an async function: `input`, `steps` and `state` are in scope; `return` gives the output.',
    ),
  input: z
    .unknown()
    .optional()
    .describe("The value seen as `input` (templates rendered); default: the node's inputs."),
  timeoutMs: z.number().int().positive().max(MAX_CODE_TIMEOUT_MS).default(DEFAULT_CODE_TIMEOUT_MS),
  memoryLimitMb: z.number().int().positive().max(MAX_CODE_MEMORY_MB).default(DEFAULT_CODE_MEMORY_MB),
});

/**
 * The `code` node: runs user JavaScript in the QuickJS sandbox (a fresh context each time, off
 * the main thread, with time and memory limits). It sees JSON copies only.
 */
export function createCodeNode(sandbox: () => Sandbox): NodeType {
  return defineNode({
    type: 'code',
    version: 1,
    category: 'data',
    title: 'Code',
    description:
      'Runs JavaScript in a WebAssembly sandbox (no network, files or Node APIs). The code is the body of an async function: ' +
      "`input` (params.input, else the previous step's output), `steps` (earlier outputs) and `state` are JSON copies, and its `return` value is the output. " +
      '`console.*` goes to the step log; throw `new NonRetryableError(msg)` to fail for good or `new RetryAfterError(msg, ms)` to retry later.',
    params,
    // Code is never a template: data reaches it only through `input`, so it cannot inject code.
    rawParams: ['code'],
    example: {
      code: 'const words = input.text.split(/\\s+/);\nconsole.log(`${words.length} words`);\nreturn { words: words.length };',
      input: '{{ steps.fetch.output }}',
      timeoutMs: 1000,
    },
    async run(ctx) {
      const p = ctx.params;
      const input = (p.input === undefined ? defaultInput(ctx.inputs, ctx.run.input) : p.input) as Json;
      // `steps` is copied in only when the code mentions it: it can be large.
      const steps = /\bsteps\b/.test(p.code) ? await ctx.render('{{ steps }}') : null;
      const emitLogs = (logs: readonly SandboxLog[]) => {
        for (const log of logs) ctx.emit('log', { level: log.level, message: log.message });
      };
      try {
        const { result, logs } = await sandbox().runCode({
          code: wrapCode(p.code),
          input: { input, steps, state: ctx.state },
          timeoutMs: p.timeoutMs,
          memoryLimitBytes: p.memoryLimitMb * 1024 * 1024,
          signal: ctx.signal,
        });
        emitLogs(logs);
        return { output: result };
      } catch (error) {
        emitLogs(logsOf(error));
        throw error;
      }
    },
  }) as NodeType;
}

/** The node's input when params give none: its one predecessor's output, all by id, or the run input. */
function defaultInput(inputs: Record<string, Json>, runInput: Json): Json {
  return Object.keys(inputs).length === 0 ? runInput : passThrough(inputs);
}

/**
 * Puts `input`, `steps` and `state` in scope as parameters of an inner async function, so the
 * user's own declarations (even `const input`) shadow them instead of clashing. Everything
 * still runs inside QuickJS; the prefix holds no newline so line numbers stay the user's.
 */
function wrapCode(code: string): string {
  return `return (({ input, steps, state }) => (async () => {${code}\n})())(input);`;
}

function logsOf(error: unknown): SandboxLog[] {
  if (!(error instanceof WeftError)) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return [];
  const logs = details['logs'];
  if (!Array.isArray(logs)) return [];
  return logs.flatMap((log) =>
    typeof log === 'object' && log !== null && !Array.isArray(log) && typeof log['message'] === 'string'
      ? [{ level: (log['level'] as SandboxLog['level']) ?? 'log', message: log['message'] }]
      : [],
  );
}

// The agent's tool and MCP params as zod schemas: a bad spec is reported at validation, with a path.
import { workflowSchema, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { jsonSchemaProblem } from '../../llm/structured-output.ts';

const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** A tool defined in the workflow: `input` is its JSON Schema, and exactly one of `node`, `workflow`, `code` does the work. */
export const toolSpecSchema = z
  .object({
    name: z
      .string()
      .regex(TOOL_NAME, 'must start with a letter or _ and hold at most 64 letters, digits, _ and -'),
    description: z.string().min(1),
    input: z
      .record(z.string(), z.unknown())
      .superRefine((schema, issues) => {
        const problem = jsonSchemaProblem(schema as JsonObject);
        if (problem) issues.addIssue({ code: 'custom', message: `not a usable JSON Schema: ${problem}` });
      })
      .optional()
      .describe('JSON Schema of the arguments.'),
    node: z
      .object({ type: z.string(), params: z.record(z.string(), z.unknown()).default({}) })
      .optional()
      .describe('A node run as a durable child step; its params may use {{ args }}.'),
    workflow: workflowSchema
      .optional()
      .describe('An inline workflow run as a durable child run with the arguments as input.'),
    code: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The body of an async JavaScript function run in the sandbox; `args` holds the arguments, `return` gives the result.',
      ),
    timeoutMs: z
      .number()
      .int()
      .min(10)
      .max(60_000)
      .optional()
      .describe('Time limit of one call of a code tool (default 5000).'),
  })
  .superRefine((spec, issues) => {
    const kinds = (['node', 'workflow', 'code'] as const).filter((kind) => spec[kind] !== undefined);
    if (spec.timeoutMs !== undefined && spec.code === undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['timeoutMs'],
        message: 'timeoutMs applies to code tools only',
      });
    }
    if (kinds.length !== 1) {
      issues.addIssue({
        code: 'custom',
        message: `tool '${spec.name}' needs exactly one of node, workflow or code (found ${kinds.length ? kinds.join(', ') : 'none'})`,
      });
    }
  });

/** A tool spec after validation. */
export type ToolSpec = z.output<typeof toolSpecSchema>;

const serverName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9-]{0,31}$/,
    'must start with a letter and hold at most 32 letters, digits and -',
  );

/** An MCP server whose tools the agent may call, as `<name>__<tool>`. */
export const mcpServerSchema = z.discriminatedUnion('transport', [
  z
    .object({
      name: serverName,
      transport: z.literal('stdio'),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
  z
    .object({
      name: serverName,
      transport: z.literal('http'),
      url: z.url({ protocol: /^https?$/ }),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
]);

/** An MCP server spec after validation. */
export type McpServerSpec = z.output<typeof mcpServerSchema>;

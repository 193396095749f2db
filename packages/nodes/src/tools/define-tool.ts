import { z } from 'zod';
import { WeftError } from '@weft/engine';
import type { Json, JsonObject, Logger, SecretResolver } from '@weft/engine';
import type { EgressClient } from '../egress/index.ts';

/** What a tool's `run` receives besides its input. */
export interface ToolContext {
  /** Aborted when the step is cancelled or times out: pass it to every call that waits. */
  signal: AbortSignal;
  /** The only way a tool may reach the network. */
  egress: EgressClient;
  logger?: Logger;
  /** Credentials by name (API keys of search providers…); absent where a tool needs none. */
  secrets?: SecretResolver;
}

/** A tool an agent can call: a name and description for the model, a zod input schema, and `run`. */
export interface Tool<S extends z.ZodType = z.ZodType> {
  /** What the model calls it: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  /** Tells the model when and how to use the tool. */
  description: string;
  input: S;
  /** Does the work; a thrown error is reported back to the model as the tool's result. */
  run(input: z.output<S>, ctx: ToolContext): Promise<Json>;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Declares a tool, checking its name is one every provider accepts.
 *
 * @example
 * const echo = defineTool({ name: 'echo', description: 'Repeats text.', input: z.object({ text: z.string() }), run: async ({ text }) => text });
 */
export function defineTool<S extends z.ZodType>(tool: Tool<S>): Tool<S> {
  if (!TOOL_NAME.test(tool.name)) {
    throw new WeftError(
      'INVALID_PARAMS',
      `Tool name "${tool.name}" must be 1-64 letters, digits, "_" or "-" (model providers reject others).`,
    );
  }
  return tool;
}

/** The JSON Schema of a tool's input, as handed to the model (no `$schema` key). */
export function toolInputJsonSchema(tool: Tool): JsonObject {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.input, { io: 'input' }) as JsonObject;
  return schema;
}

/** The model called a tool with arguments that do not match its schema. */
export class ToolInputError extends WeftError {
  constructor(toolName: string, problems: string) {
    super('INVALID_INPUT', `Invalid arguments for tool "${toolName}":\n${problems}`);
    this.name = 'ToolInputError';
  }
}

/** Validates raw arguments from the model against the tool's schema, then runs it. */
export async function invokeTool(tool: Tool, args: unknown, ctx: ToolContext): Promise<Json> {
  const parsed = await tool.input.safeParseAsync(args);
  if (!parsed.success) throw new ToolInputError(tool.name, z.prettifyError(parsed.error));
  ctx.signal.throwIfAborted();
  return tool.run(parsed.data, ctx);
}

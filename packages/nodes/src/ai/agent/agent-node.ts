import {
  defineNode,
  WeftError,
  type Json,
  type JsonObject,
  type ModelMessage,
  type ModelTool,
  type NodeContext,
} from '@weft/engine';
import { z } from 'zod';

/** A tool as the agent sees it: a name, a description, a JSON Schema for its input, and a call. */
export interface AgentToolBinding {
  name: string;
  description: string;
  inputSchema: JsonObject;
  call(input: Json, ctx: NodeContext<unknown>, callId: string): Promise<Json>;
}

/** Resolves the built-in tools an agent names (http_fetch, calculator…). */
export type BuiltinTools = Map<string, AgentToolBinding>;

const nodeToolSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/),
  description: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional().describe('JSON Schema of the arguments; {{ args }} in params.'),
  node: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()).default({}) }),
});

const paramsSchema = z.object({
  prompt: z.string().min(1),
  system: z.string().optional(),
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  maxSteps: z.number().int().min(1).max(50).default(8).describe('Most model turns before the agent must answer.'),
  tools: z
    .array(z.union([z.string(), nodeToolSchema]))
    .default([])
    .describe('Built-in tool names (http_fetch, calculator) or nodes exposed as tools.'),
});

/**
 * Creates the `agent` node: a tool-calling loop. A failing tool call goes back to the model as a
 * tool result (it does not fail the step); the whole trace is stored on the step.
 */
export function createAgentNode(builtins: BuiltinTools) {
  return defineNode({
    type: 'agent',
    version: 1,
    category: 'ai',
    title: 'Agent',
    description: `Lets a model call tools in a loop until it answers (at most \`maxSteps\` turns). Tools: built-in (${[...builtins.keys()].join(', ')}) or other nodes exposed as tools ({ name, description, input (JSON Schema), node: { type, params } }, params may use {{ args }}). A failing tool call is returned to the model as an error result. Output: the final text. Every tool call is recorded on the step and streamed as llm.tool_call / llm.tool_result events.`,
    params: paramsSchema,
    rawParams: ['tools'],
    example: { prompt: 'Research {{ input }} and list three facts with sources.', tools: ['http_fetch'], maxSteps: 6 },
    async run(ctx) {
      const { prompt, system, temperature, maxTokens, maxSteps } = ctx.params;
      const model = ctx.model.resolve(ctx.params.model);
      ctx.record.model(model);
      const tools = bindTools(ctx.params.tools, builtins);
      const modelTools: ModelTool[] = [...tools.values()].map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
      }));
      const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
      for (let turn = 1; ; turn++) {
        const lastTurn = turn >= maxSteps;
        const response = await ctx.model.generate(
          {
            model,
            messages,
            ...(system ? { system } : {}),
            ...(lastTurn || modelTools.length === 0 ? {} : { tools: modelTools }),
            ...(temperature === undefined ? {} : { temperature }),
            ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
            idempotencyKey: `${ctx.step.idempotencyKey}:${turn}`,
          },
          { signal: ctx.signal, onTextDelta: (text) => ctx.emit('llm.token', { text }) },
        );
        ctx.record.model(response.model);
        ctx.record.usage(response.usage);
        if (response.toolCalls.length === 0 || lastTurn) return { output: response.text };
        messages.push({ role: 'assistant', content: response.text, toolCalls: response.toolCalls });
        for (const call of response.toolCalls) {
          messages.push(await callTool(ctx, tools, call));
        }
      }
    },
  });
}

async function callTool(
  ctx: NodeContext<unknown>,
  tools: Map<string, AgentToolBinding>,
  call: { id: string; name: string; input: Json },
): Promise<ModelMessage> {
  const startedAt = ctx.clock.now();
  ctx.emit('llm.tool_call', { id: call.id, name: call.name, input: call.input });
  const tool = tools.get(call.name);
  try {
    if (!tool) throw new WeftError('NODE_FAILED', `unknown tool '${call.name}'; available: ${[...tools.keys()].join(', ')}`);
    const output = await tool.call(call.input, ctx, call.id);
    ctx.record.toolCall({ id: call.id, name: call.name, input: call.input, output, startedAt, endedAt: ctx.clock.now() });
    ctx.emit('llm.tool_result', { id: call.id, name: call.name, ok: true });
    return { role: 'tool', toolCallId: call.id, toolName: call.name, content: output };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    ctx.record.toolCall({ id: call.id, name: call.name, input: call.input, error: message, startedAt, endedAt: ctx.clock.now() });
    ctx.emit('llm.tool_result', { id: call.id, name: call.name, ok: false, error: message });
    return { role: 'tool', toolCallId: call.id, toolName: call.name, content: { error: message }, isError: true };
  }
}

function bindTools(specs: z.output<typeof paramsSchema>['tools'], builtins: BuiltinTools): Map<string, AgentToolBinding> {
  const tools = new Map<string, AgentToolBinding>();
  for (const spec of specs) {
    if (typeof spec === 'string') {
      const tool = builtins.get(spec);
      if (!tool) throw new WeftError('INVALID_PARAMS', `unknown tool '${spec}'; built-in tools are ${[...builtins.keys()].join(', ')}`);
      tools.set(tool.name, tool);
      continue;
    }
    tools.set(spec.name, {
      name: spec.name,
      description: spec.description,
      inputSchema: (spec.input ?? { type: 'object', properties: {} }) as JsonObject,
      async call(input, ctx) {
        // A node tool call is a durable child step keyed by its name and arguments: after a crash
        // the same call returns the stored result instead of running again.
        const [result] = await ctx.runChildren(
          [{ node: spec.node, index: hashIndex(`${spec.name}:${JSON.stringify(input)}`), scope: { args: input } }],
          { concurrency: 1 },
        );
        if (!result || !result.ok) throw new WeftError('NODE_FAILED', result && !result.ok ? result.error.message : 'tool failed');
        return result.output;
      },
    });
  }
  return tools;
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

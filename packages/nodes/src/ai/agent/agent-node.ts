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
import { jsonSchemaProblem } from '../llm/structured-output.ts';

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
  input: z
    .record(z.string(), z.unknown())
    .superRefine((schema, issues) => {
      const problem = jsonSchemaProblem(schema as JsonObject);
      if (problem) issues.addIssue({ code: 'custom', message: `not a usable JSON Schema: ${problem}` });
    })
    .optional()
    .describe('JSON Schema of the arguments; {{ args }} in params.'),
  node: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()).default({}) }),
});

type NodeToolSpec = z.output<typeof nodeToolSchema>;

/** Agent params; tool names are checked against the built-ins so a typo is caught at validation. */
function agentParams(builtins: BuiltinTools) {
  return z.object({
    prompt: z.string().min(1),
    system: z.string().optional(),
    model: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    maxSteps: z.number().int().min(1).max(50).default(8).describe('Most model turns before the agent must answer.'),
    tools: z
      .array(z.union([z.string(), nodeToolSchema]))
      .default([])
      .superRefine((tools, issues) => {
        const seen = new Set<string>();
        tools.forEach((tool, i) => {
          const name = typeof tool === 'string' ? tool : tool.name;
          if (typeof tool === 'string' && !builtins.has(tool)) {
            issues.addIssue({
              code: 'custom',
              path: [i],
              message: `unknown tool '${tool}'; built-in tools are ${[...builtins.keys()].join(', ')} (or expose a node: { name, description, node })`,
            });
          } else if (seen.has(name)) {
            issues.addIssue({ code: 'custom', path: [i], message: `tool name '${name}' is used twice; tool names must be unique` });
          }
          seen.add(name);
        });
      })
      .describe('Built-in tool names (http_fetch, calculator) or nodes exposed as tools.'),
  });
}

type AgentParams = z.output<ReturnType<typeof agentParams>>;

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
    params: agentParams(builtins),
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
            // A snapshot: the list grows after the call, and recorders (cassettes) keep the request.
            messages: [...messages],
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

function bindTools(specs: AgentParams['tools'], builtins: BuiltinTools): Map<string, AgentToolBinding> {
  const tools = new Map<string, AgentToolBinding>();
  for (const spec of specs) {
    if (typeof spec === 'string') {
      const tool = builtins.get(spec);
      if (!tool) throw new WeftError('INVALID_PARAMS', `unknown tool '${spec}'; built-in tools are ${[...builtins.keys()].join(', ')}`);
      tools.set(tool.name, tool);
      continue;
    }
    tools.set(spec.name, nodeTool(spec));
  }
  return tools;
}

/** A node exposed as a tool: arguments checked against its `input` schema, each call a durable child step. */
function nodeTool(spec: NodeToolSpec): AgentToolBinding {
  const inputSchema = (spec.input ?? { type: 'object', properties: {} }) as JsonObject;
  const validator = z.fromJSONSchema(inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  // The n-th call of this tool in an attempt, with its arguments, names its child step: after a
  // crash a replayed call returns the stored result instead of running again, while a repeated
  // call (polling a status) still runs anew.
  let calls = 0;
  return {
    name: spec.name,
    description: spec.description,
    inputSchema,
    async call(input, ctx) {
      const checked = validator.safeParse(input);
      if (!checked.success) {
        const problems = checked.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
        throw new WeftError('INVALID_INPUT', `Invalid arguments for tool "${spec.name}": ${problems.join('; ')}`);
      }
      const index = hashIndex(`${spec.name}#${calls++}:${JSON.stringify(input)}`);
      const [result] = await ctx.runChildren([{ node: spec.node, index, scope: { args: input } }], { concurrency: 1 });
      if (!result || !result.ok) throw new WeftError('NODE_FAILED', result && !result.ok ? result.error.message : 'tool failed');
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

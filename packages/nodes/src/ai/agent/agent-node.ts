import {
  defineNode,
  WeftError,
  type Json,
  type ModelMessage,
  type ModelTool,
  type NodeContext,
} from '@weft/engine';
import { z } from 'zod';
import { bindTools, lazySandbox, type AgentToolDeps, type BuiltinTools } from './tool-bindings/bind-tools.ts';
import { STDIO_DISABLED } from './tool-bindings/mcp-tools.ts';
import { mcpServerSchema, toolSpecSchema } from './tool-bindings/tool-specs.ts';
import type { AgentToolBinding } from './tool-bindings/types.ts';

export type { AgentToolBinding } from './tool-bindings/types.ts';
export type { AgentToolDeps, BuiltinTools } from './tool-bindings/bind-tools.ts';
export type { McpOptions } from './tool-bindings/mcp-tools.ts';

/** What the agent node needs besides its built-in tools. */
export type AgentNodeOptions = Omit<AgentToolDeps, 'builtins'>;

/** Agent params; tool names are checked against the built-ins so a typo is caught at validation. */
function agentParams(builtins: BuiltinTools, options: AgentNodeOptions) {
  return z.object({
    prompt: z.string().min(1),
    system: z.string().optional(),
    model: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    maxSteps: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(8)
      .describe('Most model turns before the agent must answer.'),
    tools: z
      .array(z.union([z.string(), toolSpecSchema]))
      .default([])
      .superRefine((tools, issues) => {
        const seen = new Set<string>();
        tools.forEach((tool, i) => {
          const name = typeof tool === 'string' ? tool : tool.name;
          if (typeof tool === 'string' && !builtins.has(tool)) {
            issues.addIssue({
              code: 'custom',
              path: [i],
              message: `unknown tool '${tool}'; built-in tools are ${[...builtins.keys()].join(', ')} (or define one: { name, description, input, node | workflow | code })`,
            });
          } else if (seen.has(name)) {
            issues.addIssue({
              code: 'custom',
              path: [i],
              message: `tool name '${name}' is used twice; tool names must be unique`,
            });
          }
          seen.add(name);
        });
      })
      .describe('Built-in tool names, or tools defined here: a node, an inline workflow or JavaScript code.'),
    mcp: z
      .array(mcpServerSchema)
      .default([])
      .superRefine((servers, issues) => {
        const seen = new Set<string>();
        servers.forEach((server, i) => {
          if (server.transport === 'stdio' && !options.mcp?.allowStdio) {
            issues.addIssue({ code: 'custom', path: [i, 'transport'], message: STDIO_DISABLED });
          }
          if (seen.has(server.name)) {
            issues.addIssue({
              code: 'custom',
              path: [i, 'name'],
              message: `MCP server name '${server.name}' is used twice`,
            });
          }
          seen.add(server.name);
        });
      })
      .describe('MCP servers whose tools the agent may call, as <server>__<tool>.'),
  });
}

/**
 * Creates the `agent` node: a tool-calling loop. A failing tool call goes back to the model as a
 * tool result (it does not fail the step); the whole trace is stored on the step. MCP connections
 * live as long as the step.
 */
export function createAgentNode(builtins: BuiltinTools, options: AgentNodeOptions = {}) {
  const sandbox = lazySandbox(options.sandbox);
  const deps: AgentToolDeps = { ...options, builtins, sandbox };
  return defineNode({
    type: 'agent',
    version: 1,
    category: 'ai',
    title: 'Agent',
    description: `Lets a model call tools in a loop until it answers (at most \`maxSteps\` turns). Tools: built-in (${[...builtins.keys()].join(', ')}); a node ({ name, description, input (JSON Schema), node: { type, params } }, params may use {{ args }}); an inline workflow ({ name, description, input, workflow }) run as a child run with the arguments as input; or JavaScript ({ name, description, input, code }) run in the sandbox with \`args\`. \`mcp\` lists MCP servers ({ name, transport: 'http', url, headers? } or { name, transport: 'stdio', command, args, env? } when enabled) whose tools appear as <server>__<tool>. A failing tool call is returned to the model as an error result. Output: the final text. Every tool call is recorded on the step and streamed as llm.tool_call / llm.tool_result events.`,
    params: agentParams(builtins, options),
    rawParams: ['tools', 'mcp'],
    example: {
      prompt: 'Research {{ input }} and list three facts with sources.',
      tools: ['http_fetch'],
      maxSteps: 6,
    },
    async run(ctx) {
      const { prompt, system, temperature, maxTokens, maxSteps } = ctx.params;
      const model = ctx.model.resolve(ctx.params.model);
      ctx.record.model(model);
      const bound = await bindTools({
        specs: ctx.params.tools,
        mcp: ctx.params.mcp,
        deps,
        sandbox,
        signal: ctx.signal,
      });
      try {
        const tools = bound.tools;
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
      } finally {
        await bound.close();
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
    if (!tool)
      throw new WeftError(
        'NODE_FAILED',
        `unknown tool '${call.name}'; available: ${[...tools.keys()].join(', ')}`,
      );
    const output = await tool.call(call.input, ctx, call.id);
    ctx.record.toolCall({
      id: call.id,
      name: call.name,
      input: call.input,
      output,
      startedAt,
      endedAt: ctx.clock.now(),
    });
    ctx.emit('llm.tool_result', { id: call.id, name: call.name, ok: true });
    return { role: 'tool', toolCallId: call.id, toolName: call.name, content: output };
  } catch (error) {
    // A cancelled step, or a workflow tool whose child run waits for a person: not the model's business.
    if (ctx.signal.aborted || (error instanceof WeftError && error.code === 'CHILD_WAITING')) throw error;
    const message = error instanceof Error ? error.message : String(error);
    ctx.record.toolCall({
      id: call.id,
      name: call.name,
      input: call.input,
      error: message,
      startedAt,
      endedAt: ctx.clock.now(),
    });
    ctx.emit('llm.tool_result', { id: call.id, name: call.name, ok: false, error: message });
    return {
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content: { error: message },
      isError: true,
    };
  }
}

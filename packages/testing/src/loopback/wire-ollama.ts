import type { LoopbackErrorSpec, LoopbackMessage, ResolvedReply, WireFormat } from './types.ts';
import { asArray, asString, isObj, parseJsonLoose, textOf } from './wire-util.ts';

// Ollama reports `stop` after tool calls too; clients infer tool-calls from the message.
const DONE: Record<ResolvedReply['finishReason'], string> = { stop: 'stop', length: 'length', 'tool-calls': 'stop' };

/** Ollama's native chat API (`POST /api/chat`), JSON or NDJSON streaming (the default on this wire). */
export const ollamaWire: WireFormat = {
  basePath: '/api',

  match(method, path) {
    return method === 'POST' && path.split('?')[0] === '/api/chat' ? {} : undefined;
  },

  parse(body) {
    if (!isObj(body)) throw new Error('invalid request body');
    const model = asString(body.model);
    if (!model) throw new Error('model is required');
    const messages: LoopbackMessage[] = [];
    let system: string | undefined;
    for (const raw of asArray(body.messages)) {
      if (!isObj(raw)) continue;
      if (raw.role === 'system') {
        system = system === undefined ? textOf(raw.content) : `${system}\n${textOf(raw.content)}`;
      } else if (raw.role === 'assistant') {
        const toolCalls = asArray(raw.tool_calls)
          .filter(isObj)
          .map((call) => {
            const fn = isObj(call.function) ? call.function : {};
            const args = typeof fn.arguments === 'string' ? parseJsonLoose(fn.arguments) : fn.arguments;
            return { id: asString(call.id), name: asString(fn.name) ?? '', input: args ?? {} };
          });
        messages.push({ role: 'assistant', content: textOf(raw.content), ...(toolCalls.length ? { toolCalls } : {}) });
      } else if (raw.role === 'tool') {
        const result = { toolCallId: asString(raw.tool_call_id), name: asString(raw.tool_name), content: textOf(raw.content) };
        const last = messages[messages.length - 1];
        if (last?.role === 'tool') last.toolResults?.push(result);
        else messages.push({ role: 'tool', content: '', toolResults: [result] });
      } else {
        messages.push({ role: 'user', content: textOf(raw.content) });
      }
    }
    const tools = asArray(body.tools)
      .filter(isObj)
      .map((tool) => (isObj(tool.function) ? tool.function : {}))
      .map((fn) => ({ name: asString(fn.name) ?? '', description: asString(fn.description), inputSchema: fn.parameters }));
    return { model, ...(system !== undefined ? { system } : {}), messages, tools, stream: body.stream !== false };
  },

  encode(reply, request) {
    const createdAt = new Date().toISOString();
    const toolCalls = reply.toolCalls.map((call) => ({ function: { name: call.name, arguments: call.input } }));
    const stats = {
      done_reason: DONE[reply.finishReason],
      done: true,
      total_duration: 1_000_000,
      load_duration: 100_000,
      prompt_eval_count: reply.usage.inputTokens,
      prompt_eval_duration: 200_000,
      eval_count: reply.usage.outputTokens,
      eval_duration: 700_000,
    };
    const line = (message: unknown, extra: Record<string, unknown> = { done: false }) =>
      `${JSON.stringify({ model: request.model, created_at: createdAt, message, ...extra })}\n`;
    if (!request.stream) {
      const message = { role: 'assistant', content: reply.text, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
      return { kind: 'json', body: { model: request.model, created_at: createdAt, message, ...stats } };
    }
    const chunks = reply.textChunks.map((content) => line({ role: 'assistant', content }));
    if (toolCalls.length) chunks.push(line({ role: 'assistant', content: '', tool_calls: toolCalls }));
    chunks.push(line({ role: 'assistant', content: '' }, stats));
    return { kind: 'stream', contentType: 'application/x-ndjson', chunks };
  },

  errorBody(error: LoopbackErrorSpec) {
    return { error: error.message };
  },
};

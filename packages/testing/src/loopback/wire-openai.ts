import type { LoopbackErrorSpec, LoopbackMessage, ResolvedReply, WireFormat } from './types.ts';
import { asArray, asString, fragments, isObj, nowSeconds, parseJsonLoose, randomId, sseEvent, textOf } from './wire-util.ts';

const FINISH: Record<ResolvedReply['finishReason'], string> = { stop: 'stop', length: 'length', 'tool-calls': 'tool_calls' };

/** OpenAI Chat Completions (`POST /v1/chat/completions`), also spoken by vLLM, LM Studio, OpenRouter and Ollama. */
export const openaiWire: WireFormat = {
  basePath: '/v1',

  match(method, path) {
    return method === 'POST' && path.split('?')[0] === '/v1/chat/completions' ? {} : undefined;
  },

  parse(body) {
    if (!isObj(body)) throw new Error('Request body must be a JSON object.');
    const model = asString(body.model);
    if (!model) throw new Error('you must provide a model parameter');
    const messages: LoopbackMessage[] = [];
    let system: string | undefined;
    for (const raw of asArray(body.messages)) {
      if (!isObj(raw)) continue;
      const role = asString(raw.role);
      if (role === 'system' || role === 'developer') {
        system = system === undefined ? textOf(raw.content) : `${system}\n${textOf(raw.content)}`;
      } else if (role === 'user') {
        messages.push({ role: 'user', content: textOf(raw.content) });
      } else if (role === 'assistant') {
        const toolCalls = asArray(raw.tool_calls).filter(isObj).map((call) => {
          const fn = isObj(call.function) ? call.function : {};
          return { id: asString(call.id), name: asString(fn.name) ?? '', input: parseJsonLoose(asString(fn.arguments) ?? '') };
        });
        messages.push({ role: 'assistant', content: textOf(raw.content), ...(toolCalls.length ? { toolCalls } : {}) });
      } else if (role === 'tool') {
        const result = { toolCallId: asString(raw.tool_call_id), content: textOf(raw.content) };
        const last = messages[messages.length - 1];
        // Consecutive tool messages answer one assistant turn: keep them together, as other wires do.
        if (last?.role === 'tool') last.toolResults?.push(result);
        else messages.push({ role: 'tool', content: '', toolResults: [result] });
      }
    }
    const tools = asArray(body.tools)
      .filter(isObj)
      .map((tool) => (isObj(tool.function) ? tool.function : {}))
      .map((fn) => ({ name: asString(fn.name) ?? '', description: asString(fn.description), inputSchema: fn.parameters }));
    return { model, ...(system !== undefined ? { system } : {}), messages, tools, stream: body.stream === true };
  },

  encode(reply, request) {
    const id = randomId('chatcmpl-');
    const created = nowSeconds();
    const usage = {
      prompt_tokens: reply.usage.inputTokens,
      completion_tokens: reply.usage.outputTokens,
      total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
    };
    const toolCalls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.input) },
    }));
    if (!request.stream) {
      return {
        kind: 'json',
        body: {
          id,
          object: 'chat.completion',
          created,
          model: request.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: reply.text.length > 0 || toolCalls.length === 0 ? reply.text : null,
                refusal: null,
                ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
              },
              logprobs: null,
              finish_reason: FINISH[reply.finishReason],
            },
          ],
          usage,
          system_fingerprint: 'fp_loopback',
        },
      };
    }
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      sseEvent({ id, object: 'chat.completion.chunk', created, model: request.model, system_fingerprint: 'fp_loopback', choices, ...extra });
    const delta = (d: unknown, finish: string | null = null) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
    const chunks = [delta({ role: 'assistant', content: '', refusal: null })];
    for (const text of reply.textChunks) chunks.push(delta({ content: text }));
    reply.toolCalls.forEach((call, index) => {
      chunks.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const part of fragments(JSON.stringify(call.input), 3)) {
        chunks.push(delta({ tool_calls: [{ index, function: { arguments: part } }] }));
      }
    });
    chunks.push(delta({}, FINISH[reply.finishReason]));
    const streamOptions = isObj(request.body) && isObj(request.body.stream_options) ? request.body.stream_options : {};
    if (streamOptions.include_usage === true) chunks.push(chunk([], { usage }));
    chunks.push(sseEvent('[DONE]'));
    return { kind: 'stream', contentType: 'text/event-stream', chunks };
  },

  errorBody(error: LoopbackErrorSpec) {
    return { error: { message: error.message, type: errorType(error.status), param: null, code: errorCode(error.status) } };
  },
};

function errorType(status: number): string {
  if (status === 401) return 'invalid_request_error';
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function errorCode(status: number): string | null {
  if (status === 401) return 'invalid_api_key';
  if (status === 404) return 'model_not_found';
  if (status === 429) return 'rate_limit_exceeded';
  return null;
}

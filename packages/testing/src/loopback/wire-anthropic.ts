import type { LoopbackErrorSpec, LoopbackMessage, LoopbackToolResult, ResolvedReply, WireFormat } from './types.ts';
import { asArray, asString, fragments, isObj, randomId, sseEvent, textOf } from './wire-util.ts';

const STOP: Record<ResolvedReply['finishReason'], string> = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' };

/** Anthropic Messages (`POST /v1/messages`), JSON or SSE with typed events. */
export const anthropicWire: WireFormat = {
  basePath: '/v1',

  match(method, path) {
    return method === 'POST' && path.split('?')[0] === '/v1/messages' ? {} : undefined;
  },

  parse(body) {
    if (!isObj(body)) throw new Error('Request body must be a JSON object.');
    const model = asString(body.model);
    if (!model) throw new Error('model: Field required');
    if (typeof body.max_tokens !== 'number') throw new Error('max_tokens: Field required');
    const messages: LoopbackMessage[] = [];
    for (const raw of asArray(body.messages)) {
      if (!isObj(raw)) continue;
      const blocks = typeof raw.content === 'string' ? [{ type: 'text', text: raw.content }] : asArray(raw.content).filter(isObj);
      const text = blocks.filter((b) => b.type === 'text').map((b) => asString(b.text) ?? '').join('');
      if (raw.role === 'assistant') {
        const toolCalls = blocks
          .filter((b) => b.type === 'tool_use')
          .map((b) => ({ id: asString(b.id), name: asString(b.name) ?? '', input: b.input }));
        messages.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        continue;
      }
      const toolResults: LoopbackToolResult[] = blocks
        .filter((b) => b.type === 'tool_result')
        .map((b) => ({ toolCallId: asString(b.tool_use_id), content: textOf(b.content), ...(b.is_error === true ? { isError: true } : {}) }));
      // Tool results travel inside a user message on this wire; split them out so every wire looks alike.
      if (toolResults.length) messages.push({ role: 'tool', content: '', toolResults });
      if (text.length || !toolResults.length) messages.push({ role: 'user', content: text });
    }
    const system = body.system === undefined ? undefined : textOf(body.system);
    const tools = asArray(body.tools)
      .filter(isObj)
      .map((tool) => ({ name: asString(tool.name) ?? '', description: asString(tool.description), inputSchema: tool.input_schema }));
    return { model, ...(system !== undefined ? { system } : {}), messages, tools, stream: body.stream === true };
  },

  encode(reply, request) {
    const id = randomId('msg_');
    const content = [
      ...(reply.text.length ? [{ type: 'text', text: reply.text }] : []),
      ...reply.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.input })),
    ];
    if (!request.stream) {
      return {
        kind: 'json',
        body: {
          id,
          type: 'message',
          role: 'assistant',
          model: request.model,
          content,
          stop_reason: STOP[reply.finishReason],
          stop_sequence: null,
          usage: { input_tokens: reply.usage.inputTokens, output_tokens: reply.usage.outputTokens },
        },
      };
    }
    const event = (type: string, data: Record<string, unknown>) => sseEvent({ type, ...data }, type);
    const chunks = [
      event('message_start', {
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model: request.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: reply.usage.inputTokens, output_tokens: 1 },
        },
      }),
      event('ping', {}),
    ];
    let index = 0;
    if (reply.textChunks.length) {
      chunks.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of reply.textChunks) chunks.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      chunks.push(event('content_block_stop', { index }));
      index++;
    }
    for (const call of reply.toolCalls) {
      chunks.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
      for (const part of ['', ...fragments(JSON.stringify(call.input), 3)]) {
        chunks.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } }));
      }
      chunks.push(event('content_block_stop', { index }));
      index++;
    }
    chunks.push(
      event('message_delta', {
        delta: { stop_reason: STOP[reply.finishReason], stop_sequence: null },
        usage: { output_tokens: reply.usage.outputTokens },
      }),
      event('message_stop', {}),
    );
    return { kind: 'stream', contentType: 'text/event-stream', chunks };
  },

  errorBody(error: LoopbackErrorSpec) {
    return { type: 'error', error: { type: errorType(error.status), message: error.message } };
  },
};

function errorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

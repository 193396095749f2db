import type { LoopbackErrorSpec, LoopbackMessage, LoopbackToolResult, ResolvedReply, WireFormat } from './types.ts';
import { asArray, asString, isObj, randomId, sseEvent, textOf } from './wire-util.ts';

const FINISH: Record<ResolvedReply['finishReason'], string> = { stop: 'STOP', length: 'MAX_TOKENS', 'tool-calls': 'STOP' };
const ROUTE = /^\/v1beta\/(.+):(generateContent|streamGenerateContent)$/;

/** Google Gemini (`POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`). */
export const geminiWire: WireFormat = {
  basePath: '/v1beta',

  match(method, path) {
    const [pathname = '', query = ''] = path.split('?');
    const match = method === 'POST' ? ROUTE.exec(pathname) : null;
    if (!match?.[1]) return undefined;
    const stream = match[2] === 'streamGenerateContent';
    // Without alt=sse Gemini streams one JSON array; the AI SDK always asks for SSE, so that is all we speak.
    if (stream && !new URLSearchParams(query).getAll('alt').includes('sse')) return undefined;
    return { stream, model: decodeURIComponent(match[1]).replace(/^models\//, '') };
  },

  parse(body, route) {
    if (!isObj(body)) throw new Error('Invalid JSON payload received.');
    const messages: LoopbackMessage[] = [];
    for (const raw of asArray(body.contents)) {
      if (!isObj(raw)) continue;
      const parts = asArray(raw.parts).filter(isObj);
      const text = parts.map((p) => asString(p.text) ?? '').join('');
      if (raw.role === 'model') {
        const toolCalls = parts
          .map((p) => p.functionCall)
          .filter(isObj)
          .map((call) => ({ id: asString(call.id), name: asString(call.name) ?? '', input: call.args ?? {} }));
        messages.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        continue;
      }
      const toolResults: LoopbackToolResult[] = parts
        .map((p) => p.functionResponse)
        .filter(isObj)
        .map((fr) => ({
          toolCallId: asString(fr.id),
          name: asString(fr.name),
          content: isObj(fr.response) && 'content' in fr.response ? textOf(fr.response.content) : textOf(fr.response),
        }));
      if (toolResults.length) messages.push({ role: 'tool', content: '', toolResults });
      if (text.length || !toolResults.length) messages.push({ role: 'user', content: text });
    }
    const system = isObj(body.systemInstruction) ? textOf(body.systemInstruction.parts) : undefined;
    const tools = asArray(body.tools)
      .filter(isObj)
      .flatMap((group) => asArray(group.functionDeclarations).filter(isObj))
      .map((fn) => ({ name: asString(fn.name) ?? '', description: asString(fn.description), inputSchema: fn.parameters }));
    return { model: route.model ?? '', ...(system !== undefined ? { system } : {}), messages, tools, stream: route.stream === true };
  },

  encode(reply, request) {
    const responseId = randomId('');
    const usageMetadata = {
      promptTokenCount: reply.usage.inputTokens,
      candidatesTokenCount: reply.usage.outputTokens,
      totalTokenCount: reply.usage.inputTokens + reply.usage.outputTokens,
    };
    const callParts = reply.toolCalls.map((call) => ({ functionCall: { name: call.name, args: call.input } }));
    const response = (parts: unknown[], last: boolean) => ({
      candidates: [{ content: { role: 'model', parts }, ...(last ? { finishReason: FINISH[reply.finishReason] } : {}), index: 0 }],
      ...(last ? { usageMetadata } : {}),
      modelVersion: request.model,
      responseId,
    });
    if (!request.stream) {
      const parts = [...(reply.text.length || !callParts.length ? [{ text: reply.text }] : []), ...callParts];
      return { kind: 'json', body: response(parts, true) };
    }
    const groups: unknown[][] = reply.textChunks.map((text) => [{ text }]);
    if (callParts.length) groups.push(callParts);
    if (!groups.length) groups.push([{ text: '' }]);
    const chunks = groups.map((parts, i) => sseEvent(response(parts, i === groups.length - 1)));
    return { kind: 'stream', contentType: 'text/event-stream', chunks };
  },

  errorBody(error: LoopbackErrorSpec) {
    return { error: { code: error.status, message: error.message, status: errorStatus(error.status) } };
  },
};

function errorStatus(status: number): string {
  switch (status) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION';
  }
}

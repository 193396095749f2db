import { jsonSchema, tool } from 'ai';
import type { JSONSchema7, ModelMessage as SdkMessage, OutputInterface, ToolResultPart, ToolSet } from 'ai';
import type { Json, ModelMessage, ModelRequest } from '@weft/engine';

/** Engine messages in the AI SDK's shape; consecutive tool results become one tool message. */
export function toSdkMessages(messages: ModelMessage[]): SdkMessage[] {
  const out: SdkMessage[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      out.push({ role: 'user', content: message.content });
    } else if (message.role === 'assistant') {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) {
        out.push({ role: 'assistant', content: message.content });
        continue;
      }
      out.push({
        role: 'assistant',
        content: [
          ...(message.content ? [{ type: 'text' as const, text: message.content }] : []),
          ...calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.name, input: call.input })),
        ],
      });
    } else {
      const part: ToolResultPart = {
        type: 'tool-result',
        toolCallId: message.toolCallId,
        toolName: message.toolName,
        output: toolOutput(message.content, message.isError === true),
      };
      const last = out[out.length - 1];
      if (last?.role === 'tool') last.content.push(part);
      else out.push({ role: 'tool', content: [part] });
    }
  }
  return out;
}

function toolOutput(content: Json, isError: boolean): ToolResultPart['output'] {
  if (typeof content === 'string') return isError ? { type: 'error-text', value: content } : { type: 'text', value: content };
  return isError ? { type: 'error-json', value: content } : { type: 'json', value: content };
}

/** Tool declarations without `execute`: the SDK reports calls and the agent node runs them. */
export function toSdkTools(request: ModelRequest): ToolSet | undefined {
  if (!request.tools?.length) return undefined;
  const tools: ToolSet = {};
  for (const t of request.tools) {
    tools[t.name] = tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema as JSONSchema7) });
  }
  return tools;
}

/**
 * JSON mode for the SDK: asks the provider for JSON (with the schema where it can enforce one) but
 * hands back the raw text, so parsing and validation stay with the caller and one bad answer does
 * not become an SDK exception.
 */
export function jsonOutput(format: NonNullable<ModelRequest['responseFormat']>): OutputInterface<string, string, never> {
  return {
    name: 'json',
    responseFormat: Promise.resolve({
      type: 'json' as const,
      ...(format.schema ? { schema: format.schema as JSONSchema7 } : {}),
      ...(format.name ? { name: format.name } : {}),
    }),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}

// Providers without a schema-less JSON mode (Anthropic) and OpenAI's json_object mode (which demands
// the word "JSON" in the prompt) both need to be told in words.
const JSON_INSTRUCTION = 'Respond with a single valid JSON value and nothing else.';

/** The system prompt, with the JSON instruction added when JSON is asked for without a schema. */
export function systemPrompt(request: ModelRequest): string | undefined {
  if (request.responseFormat?.type !== 'json' || request.responseFormat.schema) return request.system;
  return request.system ? `${request.system}\n\n${JSON_INSTRUCTION}` : JSON_INSTRUCTION;
}

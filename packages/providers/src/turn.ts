import { generateText, streamText } from 'ai';
import type { CallWarning, LanguageModel, LanguageModelUsage } from 'ai';
import type { FinishReason, Json, ModelRequest, ModelToolCall } from '@weft/engine';
import type { SdkProviderOptions } from './adapter.ts';
import { jsonOutput, systemPrompt, toSdkMessages, toSdkTools } from './prompt.ts';

/** Everything one model turn needs besides the request. */
export interface TurnOptions {
  model: LanguageModel;
  providerOptions?: SdkProviderOptions;
  signal?: AbortSignal;
  /** Streams when set. */
  onTextDelta?: (delta: string) => void;
}

/** One turn's result before the model name and cost are added. */
export interface TurnResult {
  text: string;
  toolCalls: ModelToolCall[];
  finishReason: FinishReason;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
  /** What the provider said it ignored or emulated (e.g. an unsupported setting). */
  warnings: string[];
}

/**
 * Runs exactly one model turn: tools are declared without `execute`, so the SDK stops at the first
 * tool call and the agent node runs the tools. Streams through `streamText` when a delta callback is
 * given, otherwise uses `generateText`. SDK retries are off: retry lives in one place (retry.ts).
 */
export async function runTurn(request: ModelRequest, options: TurnOptions): Promise<TurnResult> {
  const system = systemPrompt(request);
  const tools = toSdkTools(request);
  const settings = {
    model: options.model,
    ...(system !== undefined ? { system } : {}),
    messages: toSdkMessages(request.messages),
    ...(tools ? { tools } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    ...(request.responseFormat ? { output: jsonOutput(request.responseFormat) } : {}),
    ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
    ...(request.idempotencyKey ? { headers: { 'Idempotency-Key': request.idempotencyKey } } : {}),
    ...(options.signal ? { abortSignal: options.signal } : {}),
    maxRetries: 0,
  };

  if (!options.onTextDelta) {
    const result = await generateText(settings);
    return {
      text: result.text,
      toolCalls: result.toolCalls.map((call) => ({ id: call.toolCallId, name: call.toolName, input: call.input as Json })),
      finishReason: result.finishReason,
      usage: toUsage(result.usage),
      warnings: describeWarnings(result.warnings),
    };
  }

  const onTextDelta = options.onTextDelta;
  // Errors arrive as stream parts and are rethrown below; the default handler would also log them.
  const result = streamText({ ...settings, onError: () => {} });
  let text = '';
  const toolCalls: ModelToolCall[] = [];
  let finishReason: FinishReason = 'other';
  let usage: LanguageModelUsage | undefined;
  let warnings: string[] = [];
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        if (part.text) {
          text += part.text;
          onTextDelta(part.text);
        }
        break;
      case 'tool-call':
        toolCalls.push({ id: part.toolCallId, name: part.toolName, input: part.input as Json });
        break;
      case 'start-step':
        warnings = describeWarnings(part.warnings);
        break;
      case 'finish':
        finishReason = part.finishReason;
        usage = part.totalUsage;
        break;
      case 'error':
        throw part.error;
      case 'abort':
        throw options.signal?.reason ?? new DOMException('The model call was aborted.', 'AbortError');
      default:
        break;
    }
  }
  return { text, toolCalls, finishReason, usage: toUsage(usage), warnings };
}

function toUsage(usage: LanguageModelUsage | undefined): TurnResult['usage'] {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage?.totalTokens ?? inputTokens + outputTokens };
}

/** Provider warnings as one line each. */
export function describeWarnings(warnings: CallWarning[] | undefined): string[] {
  return (warnings ?? []).map((w) => {
    if (w.type === 'other') return w.message;
    const what = `${w.feature} is ${w.type === 'unsupported' ? 'not supported' : 'emulated'}`;
    return w.details ? `${what}: ${w.details}` : what;
  });
}

import { WeftError } from '../errors.ts';
import type {
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../ports/model-provider.ts';

/** One scripted answer: a partial response, or a function of the request. */
export type ScriptedReply =
  | Partial<ModelResponse>
  | ((request: ModelRequest) => Partial<ModelResponse> | Promise<Partial<ModelResponse>>);

/**
 * A model that answers from a script, in order, and fails loudly on a call the script did not
 * expect. Text streams word by word through `onTextDelta`.
 */
export class ScriptedModel implements ModelProvider {
  readonly requests: ModelRequest[] = [];
  readonly #replies: ScriptedReply[];

  constructor(replies: ScriptedReply[]) {
    this.#replies = [...replies];
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResponse> {
    this.requests.push(request);
    const next = this.#replies.shift();
    if (next === undefined) {
      throw new WeftError(
        'INTERNAL',
        `ScriptedModel: unexpected call #${this.requests.length} (script has no more replies)`,
      );
    }
    if (options.signal?.aborted) throw options.signal.reason;
    const reply = typeof next === 'function' ? await next(request) : next;
    const text = reply.text ?? '';
    for (const piece of text.match(/\S+\s*/g) ?? []) options.onTextDelta?.(piece);
    return {
      model: reply.model ?? request.model,
      text,
      toolCalls: reply.toolCalls ?? [],
      finishReason: reply.finishReason ?? ((reply.toolCalls?.length ?? 0) > 0 ? 'tool-calls' : 'stop'),
      usage: reply.usage ?? {
        inputTokens: 10,
        outputTokens: text.split(/\s+/).length,
        totalTokens: 10 + text.split(/\s+/).length,
      },
    };
  }

  /** Replies not used yet. */
  get remaining(): number {
    return this.#replies.length;
  }
}

import type { LoopbackReply, LoopbackReplyFn, LoopbackRequest } from './types.ts';

/** A reply function that answers from a fixed script, and can say whether the script was used up exactly. */
export interface ScriptedReplies extends LoopbackReplyFn {
  /** Requests received so far. */
  readonly calls: LoopbackRequest[];
  /** Scripted replies not used yet. */
  remaining(): number;
  /** Throws unless every scripted reply was used and no extra call came in. */
  assertDone(): void;
}

/**
 * Answers calls with the scripted replies in order (each a reply or a function of the request).
 * An unexpected extra call gets an HTTP 500 whose message says so, and fails `assertDone()`.
 *
 * @example
 * const reply = scriptedReplies([{ toolCalls: [{ name: 'search', input: { q: 'x' } }] }, { text: 'Done.' }]);
 */
export function scriptedReplies(script: (LoopbackReply | LoopbackReplyFn)[]): ScriptedReplies {
  const calls: LoopbackRequest[] = [];
  let extra = 0;
  const reply = async (request: LoopbackRequest): Promise<LoopbackReply> => {
    calls.push(request);
    const step = script[calls.length - 1];
    if (step === undefined) {
      extra++;
      return {
        error: {
          status: 500,
          message:
            `Loopback script exhausted: unexpected call #${calls.length} (only ${script.length} scripted). ` +
            `Last user message: ${JSON.stringify(lastUserText(request))}`,
        },
      };
    }
    return typeof step === 'function' ? step(request) : step;
  };
  return Object.assign(reply, {
    calls,
    remaining: () => Math.max(0, script.length - calls.length),
    assertDone: () => {
      if (extra > 0) throw new Error(`Loopback script got ${extra} unexpected extra call(s) beyond its ${script.length} replies.`);
      const left = script.length - calls.length;
      if (left > 0) throw new Error(`Loopback script has ${left} unused repl${left === 1 ? 'y' : 'ies'} of ${script.length}.`);
    },
  });
}

/** The text of the last user message of a request ('' when there is none). */
export function lastUserText(request: LoopbackRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

/** A reply function that always gives the same reply. */
export function constantReply(reply: LoopbackReply): LoopbackReplyFn {
  return () => reply;
}

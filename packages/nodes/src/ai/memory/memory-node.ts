import { defineNode, NonRetryableError, type JsonObject, type NodeResult } from '@weft/engine';
import { z } from 'zod';
import { presetModelParams, systemPrompt } from '../presets/shared/params.ts';
import { askStructured, quoted } from '../presets/shared/structured-ask.ts';

/** A summary over the word limit by more than this share is sent back (models overshoot a little). */
const WORD_LIMIT_SLACK = 0.1;

const messageSchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
});

type ChatMessage = z.output<typeof messageSchema>;

const SUMMARY_SCHEMA: JsonObject = {
  type: 'object',
  properties: { summary: { type: 'string' } },
  required: ['summary'],
  additionalProperties: false,
};

/** Conversation memory for a chat session: the last messages verbatim, optionally with a summary of the rest. */
export const memoryNode = defineNode({
  type: 'memory',
  version: 1,
  category: 'ai',
  title: 'Conversation memory',
  description:
    'Turns a chat history (`history`, default the chat trigger\'s `input.history`: `[{ role, content }]`, oldest first) into memory for the next prompt. `strategy: window` keeps the last `window` messages; `strategy: summary` also has the model summarise the older messages in at most `maxSummaryWords` words (only when there are older messages). Output: `{ messages, summary?, text }` where `text` is ready to drop into a prompt, e.g. `{{ steps.memory.output.text }}`.',
  params: z.object({
    history: z.array(messageSchema).optional().describe('Oldest first. Default: {{ input.history }}.'),
    strategy: z.enum(['window', 'summary']).default('window'),
    window: z.number().int().min(1).max(500).default(10).describe('Messages kept verbatim, counted from the newest.'),
    maxSummaryWords: z.number().int().min(10).max(2000).default(150),
    ...presetModelParams,
  }),
  example: { strategy: 'summary', window: 6, maxSummaryWords: 120, model: 'openai:gpt-4o-mini' },
  async run(ctx): Promise<NodeResult> {
    const { strategy, window, maxSummaryWords } = ctx.params;
    const history = ctx.params.history ?? historyFromInput(ctx.run.input);
    const recent = history.slice(-window);
    const older = history.slice(0, history.length - recent.length);
    if (strategy === 'window' || older.length === 0) {
      return { output: { messages: recent, text: transcript(recent) } };
    }
    const task = [
      'You condense the earlier part of a conversation so it can continue without it.',
      "Keep names, facts, numbers, decisions, open questions and the user's stated preferences; add nothing that was not said.",
      `Use at most ${maxSummaryWords} words. Write in the language of the conversation.`,
      'Answer with JSON only: {"summary": "…"}.',
    ].join(' ');
    const limit = Math.ceil(maxSummaryWords * (1 + WORD_LIMIT_SLACK));
    const answer = (await askStructured(ctx, {
      model: ctx.params.model,
      system: systemPrompt(task, ctx.params.instructions),
      prompt: `Summarise this conversation.\n\n${quoted('conversation', transcript(older))}`,
      schema: SUMMARY_SCHEMA,
      temperature: ctx.params.temperature,
      maxTokens: ctx.params.maxTokens,
      retries: ctx.params.schemaRetries,
      check: (value) => {
        const words = countWords((value as { summary: string }).summary);
        if (words === 0) return 'the summary is empty';
        return words > limit ? `the summary has ${words} words but may have at most ${maxSummaryWords}` : undefined;
      },
    })) as { summary: string };
    const summary = answer.summary.trim();
    const text = `Summary of the earlier conversation: ${summary}${recent.length ? `\n\n${transcript(recent)}` : ''}`;
    return { output: { messages: recent, summary, text } };
  },
});

/** The run input's `history` (what the chat trigger passes), or none. */
function historyFromInput(input: unknown): ChatMessage[] {
  const history = typeof input === 'object' && input !== null ? (input as { history?: unknown }).history : undefined;
  if (history === undefined || history === null) return [];
  const parsed = z.array(messageSchema).safeParse(history);
  if (!parsed.success) {
    throw new NonRetryableError(
      `input.history must be a list of { role: user|assistant|system, content } messages: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    );
  }
  return parsed.data;
}

const LABELS: Record<ChatMessage['role'], string> = { user: 'User', assistant: 'Assistant', system: 'System' };

/** One line (or paragraph) per message: `User: …`, `Assistant: …`. */
function transcript(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `${LABELS[m.role]}: ${m.content}`).join('\n');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

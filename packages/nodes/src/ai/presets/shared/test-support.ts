// Helpers for the preset node tests: an engine with the presets registered, and usage builders.
import type { ScriptedReply } from '@weft/engine/testing';
import type { Usage } from '@weft/engine';
import { createTestEngine, type TestEngine } from '../../../testing/index.ts';
import { aiPresetNodes } from '../index.ts';

/** A test engine with the AI preset nodes registered and the model answering `replies` in order. */
export function presetEngine(replies: ScriptedReply[]): TestEngine {
  return createTestEngine({ model: replies, nodes: aiPresetNodes });
}

/** A model reply whose text is the JSON of `value`. */
export function json(value: unknown, usage?: Usage): { text: string; usage?: Usage } {
  return { text: JSON.stringify(value), ...(usage ? { usage } : {}) };
}

export const usage = (inputTokens: number, outputTokens: number, costUsd?: number): Usage => ({
  inputTokens,
  outputTokens,
  totalTokens: inputTokens + outputTokens,
  ...(costUsd === undefined ? {} : { costUsd }),
});

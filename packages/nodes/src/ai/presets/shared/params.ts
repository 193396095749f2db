import { z } from 'zod';

/** Model settings every AI preset node takes, as in the `llm` node. */
export const presetModelParams = {
  model: z.string().optional().describe('provider:model, e.g. openai:gpt-4o-mini. Overridden by a per-run --model.'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  schemaRetries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe('How often an unusable answer is sent back to the model with the problem before the step fails.'),
  instructions: z.string().optional().describe('Extra guidance for the model, added to its instructions.'),
};

/** The text a preset works on (rendered from a template such as `{{ input.body }}`). */
export const presetText = z.string().min(1).describe('The text to work on, usually a template such as {{ input.body }}.');

/** The system prompt: the task, then the workflow author's own instructions when given. */
export function systemPrompt(task: string, instructions: string | undefined): string {
  return instructions ? `${task}\n\nAdditional instructions: ${instructions}` : task;
}

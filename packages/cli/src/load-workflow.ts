import { readFile } from 'node:fs/promises';
import {
  InvalidWorkflowError,
  parseWorkflowText,
  validateWorkflow,
  type NodeRegistry,
  type WorkflowDefinition,
} from '@weft/engine';

/** Reads, parses and validates a workflow file; every problem is reported at once. */
export async function loadWorkflowFile(path: string, registry: NodeRegistry): Promise<WorkflowDefinition> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidWorkflowError([{ path: '', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], path);
  }
  const raw = parseWorkflowText(text, path);
  const result = validateWorkflow(raw, registry);
  if (!result.ok) throw new InvalidWorkflowError(result.problems, path);
  return result.workflow;
}

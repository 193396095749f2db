import { z } from 'zod';

/** A ready workflow users can start from (the project's examples). */
export const workflowTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** Trigger kinds of the template (`webhook`, `schedule`, `chat`). */
  triggers: z.array(z.string()),
  /** The template as YAML, comments included: POST it to /api/workflows to create a workflow. */
  yaml: z.string(),
});

export const templateListSchema = z.object({ templates: z.array(workflowTemplateSchema) });

export type WorkflowTemplate = z.output<typeof workflowTemplateSchema>;

import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { WorkflowTemplate } from '@weft/api';
import { parseWorkflowText, workflowSchema } from '@weft/engine';

/** The examples shipped with Weft: what `GET /api/templates` offers to start from. */
export const EXAMPLES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'examples');

/** Reads every `*.yaml` workflow of a folder as a template (files that do not parse are skipped). */
export async function loadTemplates(dir: string = EXAMPLES_DIR): Promise<WorkflowTemplate[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch {
    return [];
  }
  const templates: WorkflowTemplate[] = [];
  for (const file of files) {
    const yaml = await readFile(join(dir, file), 'utf8');
    let parsed;
    try {
      parsed = workflowSchema.safeParse(parseWorkflowText(yaml, file));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    const definition = parsed.data;
    templates.push({
      id: definition.id ?? basename(file).replace(/\.ya?ml$/, ''),
      name: definition.name,
      ...(definition.description ? { description: definition.description } : {}),
      triggers: [...new Set((definition.triggers ?? []).map((t) => t.type))],
      yaml,
    });
  }
  return templates;
}

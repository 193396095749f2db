import { describe, expect, it } from 'vitest';
import { validateWorkflow, parseWorkflowText } from '@weft/engine';
import { nodeRegistry } from './compose.ts';
import { loadTemplates } from './templates.ts';

describe('templates offered by weft serve', () => {
  it('are the examples, each a valid workflow with its id, name and trigger kinds', async () => {
    const templates = await loadTemplates();
    expect(templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(['explain-concept', 'research-summarize-draft', 'outline-write-review', 'chat-assistant', 'webhook-triage', 'document-qa', 'project-bootstrap']),
    );
    const registry = nodeRegistry({});
    for (const template of templates) {
      const result = validateWorkflow(parseWorkflowText(template.yaml), registry);
      expect(result.ok, `${template.id}: ${JSON.stringify(result.ok ? [] : result.problems)}`).toBe(true);
    }
    expect(templates.find((t) => t.id === 'chat-assistant')?.triggers).toEqual(['chat']);
  });

  it('is empty for a folder that does not exist', async () => {
    expect(await loadTemplates('/nonexistent/weft-templates')).toEqual([]);
  });
});

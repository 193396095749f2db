import { WeftError } from '../errors.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';

// Helpers every WorkflowCatalog adapter shares, so listing, searching and paging behave the same on each.

/** Where a page of workflows ended (the listing order is `updatedAt DESC, id DESC`). */
export interface WorkflowCursor {
  updatedAt: number;
  id: string;
}

/** Default and largest page size of `listWorkflows`. */
export const WORKFLOW_PAGE_DEFAULT = 50;
export const WORKFLOW_PAGE_MAX = 1000;

/** The page size to use for a requested `limit`. */
export function workflowListLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return WORKFLOW_PAGE_DEFAULT;
  return Math.min(WORKFLOW_PAGE_MAX, Math.max(1, Math.floor(limit)));
}

/** Opaque cursor text for the page after `workflow`. */
export function encodeWorkflowCursor(workflow: WorkflowCursor): string {
  return Buffer.from(JSON.stringify(['w', workflow.updatedAt, workflow.id])).toString('base64url');
}

/** Reads a cursor made by `encodeWorkflowCursor`; throws INVALID_INPUT for anything else. */
export function decodeWorkflowCursor(cursor: string): WorkflowCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value[0] === 'w' &&
      typeof value[1] === 'number' &&
      typeof value[2] === 'string'
    ) {
      return { updatedAt: value[1], id: value[2] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new WeftError(
    'INVALID_INPUT',
    `Invalid workflow list cursor "${cursor}": pass the nextCursor of a previous page.`,
  );
}

/** Trigger kinds of a definition (`webhook`, `schedule`, `chat`), each once, in order of appearance. */
export function triggerKinds(definition: WorkflowDefinition): string[] {
  const kinds: string[] = [];
  for (const trigger of definition.triggers ?? []) {
    if (!kinds.includes(trigger.type)) kinds.push(trigger.type);
  }
  return kinds;
}

/**
 * The text `WorkflowQuery.search` is matched against: id, name and description, lower-cased with
 * JavaScript's (Unicode) rules. Adapters store it, so a search is a substring test with no case folding.
 */
export function workflowSearchText(id: string, name: string, description: string | undefined): string {
  return `${id}\n${name}\n${description ?? ''}`.toLowerCase();
}

/** The needle to look for in `workflowSearchText`, or undefined when the search is empty or blank. */
export function workflowSearchNeedle(search: string | undefined): string | undefined {
  const needle = search?.trim().toLowerCase();
  return needle ? needle : undefined;
}

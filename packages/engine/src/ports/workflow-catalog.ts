import type { RunStatus } from '../records.ts';
import type { WorkflowVersion } from './run-store.ts';

/** A workflow as listed: its latest version's name, and what last happened to it. */
export interface WorkflowSummary {
  id: string;
  name: string;
  description?: string;
  latestVersion: number;
  /** Trigger kinds of the latest version (`webhook`, `schedule`, `chat`). */
  triggers: string[];
  createdAt: number;
  /** When the latest version was saved, or the workflow restored by saving it again after a delete. */
  updatedAt: number;
  deletedAt?: number;
  /** The run created last (highest createdAt, then id), with its current status. */
  lastRun?: { id: string; status: RunStatus; createdAt: number };
}

/** Filters and cursor for listing workflows, most recently updated first (then by id, descending). */
export interface WorkflowQuery {
  /** Case-insensitive match on id, name or description. */
  search?: string;
  includeDeleted?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * Workflows as the API manages them. Versions are saved through `RunStore.saveWorkflowVersion`
 * (every save a new immutable version); this port lists, reads and soft-deletes. Saving a version of a
 * deleted workflow restores it.
 */
export interface WorkflowCatalog {
  listWorkflows(query: WorkflowQuery): Promise<{ workflows: WorkflowSummary[]; nextCursor?: string }>;
  getWorkflow(id: string): Promise<WorkflowSummary | undefined>;
  /** Every version, newest first. */
  listWorkflowVersions(id: string): Promise<WorkflowVersion[]>;
  /** Marks a workflow deleted (its versions and runs stay). Returns false when unknown or already deleted. */
  deleteWorkflow(id: string, now: number): Promise<boolean>;
}

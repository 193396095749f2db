import type { WorkflowVersion } from '../ports/run-store.ts';
import type { WorkflowCatalog, WorkflowQuery, WorkflowSummary } from '../ports/workflow-catalog.ts';
import type { RunRecord } from '../records.ts';
import {
  decodeWorkflowCursor,
  encodeWorkflowCursor,
  triggerKinds,
  workflowListLimit,
  workflowSearchNeedle,
  workflowSearchText,
} from '../store-support/workflow-list.ts';
import { copyJson } from './copy-json.ts';
import type { RunStoreObserver } from './memory-runs.ts';

/** Where the catalog reads versions and runs (the run part of the same store). */
export interface CatalogSource {
  versions(workflowId: string): readonly WorkflowVersion[];
  record(runId: string): RunRecord | undefined;
}

/** What the catalog keeps per workflow besides its versions, updated as versions and runs are written. */
interface CatalogEntry {
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  searchText: string;
  lastRun?: { id: string; createdAt: number };
}

/**
 * The `WorkflowCatalog` part of `MemoryRunStore`. Like the SQL stores it keeps what a listing needs per
 * workflow up to date on each save and run creation, and reads the last run's status from the run itself.
 */
export class MemoryCatalog implements WorkflowCatalog, RunStoreObserver {
  readonly #source: CatalogSource;
  readonly #entries = new Map<string, CatalogEntry>();

  constructor(source: CatalogSource) {
    this.#source = source;
  }

  versionSaved(workflowId: string, created: boolean, now: number): void {
    const entry = this.#entries.get(workflowId);
    const latest = this.#source.versions(workflowId).at(-1);
    if (!latest) return;
    const searchText = workflowSearchText(workflowId, latest.definition.name, latest.definition.description);
    if (!entry) {
      this.#entries.set(workflowId, { createdAt: now, updatedAt: now, searchText });
      return;
    }
    // An identical save changes nothing, unless it restores a deleted workflow.
    if (!created && entry.deletedAt === undefined) return;
    entry.updatedAt = now;
    entry.searchText = searchText;
    delete entry.deletedAt;
  }

  runCreated(run: RunRecord): void {
    const entry = this.#entries.get(run.workflowId);
    if (!entry) return;
    const last = entry.lastRun;
    if (!last || run.createdAt > last.createdAt || (run.createdAt === last.createdAt && run.id > last.id)) {
      entry.lastRun = { id: run.id, createdAt: run.createdAt };
    }
  }

  async listWorkflows(query: WorkflowQuery): Promise<{ workflows: WorkflowSummary[]; nextCursor?: string }> {
    const limit = workflowListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeWorkflowCursor(query.cursor);
    const needle = workflowSearchNeedle(query.search);
    const matches: Array<[string, CatalogEntry]> = [];
    for (const [id, entry] of this.#entries) {
      if (!query.includeDeleted && entry.deletedAt !== undefined) continue;
      if (needle !== undefined && !entry.searchText.includes(needle)) continue;
      if (
        after &&
        (entry.updatedAt > after.updatedAt || (entry.updatedAt === after.updatedAt && id >= after.id))
      )
        continue;
      matches.push([id, entry]);
    }
    matches.sort(([aId, a], [bId, b]) => b.updatedAt - a.updatedAt || (aId < bId ? 1 : aId > bId ? -1 : 0));
    const workflows = matches.slice(0, limit).map(([id, entry]) => this.#summary(id, entry));
    const last = workflows.at(-1);
    return matches.length > limit && last
      ? { workflows, nextCursor: encodeWorkflowCursor(last) }
      : { workflows };
  }

  async getWorkflow(id: string): Promise<WorkflowSummary | undefined> {
    const entry = this.#entries.get(id);
    return entry && this.#summary(id, entry);
  }

  async listWorkflowVersions(id: string): Promise<WorkflowVersion[]> {
    return this.#source
      .versions(id)
      .map((version) => copyJson(version))
      .reverse();
  }

  async deleteWorkflow(id: string, now: number): Promise<boolean> {
    const entry = this.#entries.get(id);
    if (!entry || entry.deletedAt !== undefined) return false;
    entry.deletedAt = now;
    return true;
  }

  #summary(id: string, entry: CatalogEntry): WorkflowSummary {
    const latest = this.#source.versions(id).at(-1);
    const definition = latest?.definition;
    const summary: WorkflowSummary = {
      id,
      name: definition?.name ?? id,
      latestVersion: latest?.version ?? 0,
      triggers: definition ? triggerKinds(definition) : [],
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
    };
    if (definition?.description !== undefined) summary.description = definition.description;
    if (entry.deletedAt !== undefined) summary.deletedAt = entry.deletedAt;
    const run = entry.lastRun && this.#source.record(entry.lastRun.id);
    if (run) summary.lastRun = { id: run.id, status: run.status, createdAt: run.createdAt };
    return summary;
  }
}

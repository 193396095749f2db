import { WeftError } from '../errors.ts';
import type { RunEvent } from '../events.ts';
import type { ChatMessage, ChatSession } from '../ports/chat-store.ts';
import type { StoredCredential } from '../ports/credential-store.ts';
import type { CommitBatch, NewRun, RunPage, RunQuery, WorkflowVersion } from '../ports/run-store.ts';
import type { ScheduleInput, ScheduleRecord } from '../ports/schedule-store.ts';
import type { ApiTokenRecord } from '../ports/token-store.ts';
import type { WeftStore } from '../ports/weft-store.ts';
import type { WorkflowQuery, WorkflowSummary } from '../ports/workflow-catalog.ts';
import type { RunRecord, StepRecord } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';
import { MemoryCatalog } from './memory-catalog.ts';
import { MemoryChat } from './memory-chat.ts';
import { MemoryCredentials } from './memory-credentials.ts';
import { MemoryRuns } from './memory-runs.ts';
import { MemorySchedules } from './memory-schedules.ts';
import { MemoryTokens } from './memory-tokens.ts';

interface Parts {
  runs: MemoryRuns;
  catalog: MemoryCatalog;
  credentials: MemoryCredentials;
  tokens: MemoryTokens;
  schedules: MemorySchedules;
  chat: MemoryChat;
}

/**
 * A `WeftStore` held in memory (runs, workflow catalog, credentials, tokens, schedules, chat), with
 * the same semantics as the SQL stores. Each port lives in its own part; this object checks the store
 * is open and hands each call to its part. Values are copied on the way in and out.
 *
 * @example const store = new MemoryRunStore();
 */
export class MemoryRunStore implements WeftStore {
  readonly #parts: Parts;
  #closed = false;

  constructor() {
    const catalog: MemoryCatalog = new MemoryCatalog({
      versions: (workflowId) => runs.versions(workflowId),
      record: (runId) => runs.record(runId),
    });
    const runs = new MemoryRuns(catalog);
    this.#parts = {
      runs,
      catalog,
      credentials: new MemoryCredentials(),
      tokens: new MemoryTokens(),
      schedules: new MemorySchedules(),
      chat: new MemoryChat(),
    };
  }

  // RunStore
  async saveWorkflowVersion(workflowId: string, definition: WorkflowDefinition): Promise<WorkflowVersion> {
    return this.#open().runs.saveWorkflowVersion(workflowId, definition);
  }
  async getWorkflowVersion(workflowId: string, version?: number): Promise<WorkflowVersion | undefined> {
    return this.#open().runs.getWorkflowVersion(workflowId, version);
  }
  async createRun(run: NewRun): Promise<RunRecord> {
    return this.#open().runs.createRun(run);
  }
  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.#open().runs.getRun(runId);
  }
  async listRuns(query: RunQuery): Promise<RunPage> {
    return this.#open().runs.listRuns(query);
  }
  async getSteps(runId: string): Promise<StepRecord[]> {
    return this.#open().runs.getSteps(runId);
  }
  async commit(runId: string, batch: CommitBatch): Promise<void> {
    return this.#open().runs.commit(runId, batch);
  }
  async listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    return this.#open().runs.listEvents(runId, afterSeq, limit);
  }
  async acquireLease(runId: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    return this.#open().runs.acquireLease(runId, owner, leaseUntil, now);
  }
  async releaseLease(runId: string, owner: string): Promise<void> {
    return this.#open().runs.releaseLease(runId, owner);
  }
  async findOrphanedRuns(now: number, limit: number): Promise<RunRecord[]> {
    return this.#open().runs.findOrphanedRuns(now, limit);
  }
  async close(): Promise<void> {
    this.#closed = true;
  }

  // WorkflowCatalog
  async listWorkflows(query: WorkflowQuery): Promise<{ workflows: WorkflowSummary[]; nextCursor?: string }> {
    return this.#open().catalog.listWorkflows(query);
  }
  async getWorkflow(id: string): Promise<WorkflowSummary | undefined> {
    return this.#open().catalog.getWorkflow(id);
  }
  async listWorkflowVersions(id: string): Promise<WorkflowVersion[]> {
    return this.#open().catalog.listWorkflowVersions(id);
  }
  async deleteWorkflow(id: string, now: number): Promise<boolean> {
    return this.#open().catalog.deleteWorkflow(id, now);
  }

  // CredentialStore
  async putCredential(credential: StoredCredential): Promise<{ created: boolean }> {
    return this.#open().credentials.putCredential(credential);
  }
  async getCredential(name: string): Promise<StoredCredential | undefined> {
    return this.#open().credentials.getCredential(name);
  }
  async listCredentials(): Promise<Omit<StoredCredential, 'ciphertext'>[]> {
    return this.#open().credentials.listCredentials();
  }
  async deleteCredential(name: string): Promise<boolean> {
    return this.#open().credentials.deleteCredential(name);
  }

  // TokenStore
  async createToken(token: ApiTokenRecord): Promise<void> {
    return this.#open().tokens.createToken(token);
  }
  async listTokens(): Promise<ApiTokenRecord[]> {
    return this.#open().tokens.listTokens();
  }
  async findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    return this.#open().tokens.findTokenByHash(hash);
  }
  async touchToken(id: string, at: number): Promise<void> {
    return this.#open().tokens.touchToken(id, at);
  }
  async deleteToken(id: string): Promise<boolean> {
    return this.#open().tokens.deleteToken(id);
  }
  async countTokens(): Promise<number> {
    return this.#open().tokens.countTokens();
  }

  // ScheduleStore
  async putSchedule(schedule: ScheduleInput): Promise<void> {
    return this.#open().schedules.putSchedule(schedule);
  }
  async listSchedules(workflowId?: string): Promise<ScheduleRecord[]> {
    return this.#open().schedules.listSchedules(workflowId);
  }
  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    return this.#open().schedules.getSchedule(id);
  }
  async setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean> {
    return this.#open().schedules.setScheduleEnabled(id, enabled, nextFireAt);
  }
  async dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]> {
    return this.#open().schedules.dueSchedules(now, limit);
  }
  async claimScheduleTick(
    id: string,
    expectedFireAt: number,
    nextFireAt: number | undefined,
    firedAt: number,
  ): Promise<boolean> {
    return this.#open().schedules.claimScheduleTick(id, expectedFireAt, nextFireAt, firedAt);
  }
  async pruneSchedules(workflowId: string, keepIds: string[]): Promise<void> {
    return this.#open().schedules.pruneSchedules(workflowId, keepIds);
  }

  // ChatStore
  async appendChatMessage(message: Omit<ChatMessage, 'seq'>): Promise<ChatMessage> {
    return this.#open().chat.appendChatMessage(message);
  }
  async listChatMessages(workflowId: string, sessionId: string, limit: number): Promise<ChatMessage[]> {
    return this.#open().chat.listChatMessages(workflowId, sessionId, limit);
  }
  async listChatSessions(workflowId: string): Promise<ChatSession[]> {
    return this.#open().chat.listChatSessions(workflowId);
  }

  /** The parts, once the store is known to be open. */
  #open(): Parts {
    if (this.#closed) throw new WeftError('STORE_ERROR', 'The store is closed.');
    return this.#parts;
  }
}

import type { RunEvent } from '../events.ts';
import type { ChatMessage, ChatSession, ChatStore } from '../ports/chat-store.ts';
import type { CredentialStore, StoredCredential } from '../ports/credential-store.ts';
import type { CommitBatch, NewRun, RunPage, RunQuery, RunStore, WorkflowVersion } from '../ports/run-store.ts';
import type { ScheduleInput, ScheduleRecord, ScheduleStore } from '../ports/schedule-store.ts';
import type { ApiTokenRecord, TokenStore } from '../ports/token-store.ts';
import type { WeftStore } from '../ports/weft-store.ts';
import type { WorkflowCatalog, WorkflowQuery, WorkflowSummary } from '../ports/workflow-catalog.ts';
import type { RunRecord, StepRecord } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';

/** The pieces a store adapter is made of: one per port. */
export interface WeftStoreParts {
  runs: Omit<RunStore, 'close'>;
  catalog: WorkflowCatalog;
  credentials: CredentialStore;
  tokens: TokenStore;
  schedules: ScheduleStore;
  chat: ChatStore;
}

/**
 * A `WeftStore` made of one part per port: every call is handed to its part once `parts()` says the
 * store is open. Adapters (in memory, SQLite) only build their parts and say how they open and close.
 */
export abstract class WeftStoreFacade implements WeftStore {
  /** The parts; throws when the store is closed. */
  protected abstract parts(): WeftStoreParts;
  abstract close(): Promise<void>;

  // RunStore
  async saveWorkflowVersion(workflowId: string, definition: WorkflowDefinition): Promise<WorkflowVersion> {
    return this.parts().runs.saveWorkflowVersion(workflowId, definition);
  }
  async getWorkflowVersion(workflowId: string, version?: number): Promise<WorkflowVersion | undefined> {
    return this.parts().runs.getWorkflowVersion(workflowId, version);
  }
  async createRun(run: NewRun): Promise<RunRecord> {
    return this.parts().runs.createRun(run);
  }
  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.parts().runs.getRun(runId);
  }
  async listRuns(query: RunQuery): Promise<RunPage> {
    return this.parts().runs.listRuns(query);
  }
  async getSteps(runId: string): Promise<StepRecord[]> {
    return this.parts().runs.getSteps(runId);
  }
  async commit(runId: string, batch: CommitBatch): Promise<void> {
    return this.parts().runs.commit(runId, batch);
  }
  async listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    return this.parts().runs.listEvents(runId, afterSeq, limit);
  }
  async acquireLease(runId: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    return this.parts().runs.acquireLease(runId, owner, leaseUntil, now);
  }
  async releaseLease(runId: string, owner: string): Promise<void> {
    return this.parts().runs.releaseLease(runId, owner);
  }
  async findOrphanedRuns(now: number, limit: number): Promise<RunRecord[]> {
    return this.parts().runs.findOrphanedRuns(now, limit);
  }

  // WorkflowCatalog
  async listWorkflows(query: WorkflowQuery): Promise<{ workflows: WorkflowSummary[]; nextCursor?: string }> {
    return this.parts().catalog.listWorkflows(query);
  }
  async getWorkflow(id: string): Promise<WorkflowSummary | undefined> {
    return this.parts().catalog.getWorkflow(id);
  }
  async listWorkflowVersions(id: string): Promise<WorkflowVersion[]> {
    return this.parts().catalog.listWorkflowVersions(id);
  }
  async deleteWorkflow(id: string, now: number): Promise<boolean> {
    return this.parts().catalog.deleteWorkflow(id, now);
  }

  // CredentialStore
  async putCredential(credential: StoredCredential): Promise<{ created: boolean }> {
    return this.parts().credentials.putCredential(credential);
  }
  async getCredential(name: string): Promise<StoredCredential | undefined> {
    return this.parts().credentials.getCredential(name);
  }
  async listCredentials(): Promise<Omit<StoredCredential, 'ciphertext'>[]> {
    return this.parts().credentials.listCredentials();
  }
  async deleteCredential(name: string): Promise<boolean> {
    return this.parts().credentials.deleteCredential(name);
  }

  // TokenStore
  async createToken(token: ApiTokenRecord): Promise<void> {
    return this.parts().tokens.createToken(token);
  }
  async listTokens(): Promise<ApiTokenRecord[]> {
    return this.parts().tokens.listTokens();
  }
  async findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    return this.parts().tokens.findTokenByHash(hash);
  }
  async touchToken(id: string, at: number): Promise<void> {
    return this.parts().tokens.touchToken(id, at);
  }
  async deleteToken(id: string): Promise<boolean> {
    return this.parts().tokens.deleteToken(id);
  }
  async countTokens(): Promise<number> {
    return this.parts().tokens.countTokens();
  }

  // ScheduleStore
  async putSchedule(schedule: ScheduleInput): Promise<void> {
    return this.parts().schedules.putSchedule(schedule);
  }
  async listSchedules(workflowId?: string): Promise<ScheduleRecord[]> {
    return this.parts().schedules.listSchedules(workflowId);
  }
  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    return this.parts().schedules.getSchedule(id);
  }
  async setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean> {
    return this.parts().schedules.setScheduleEnabled(id, enabled, nextFireAt);
  }
  async dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]> {
    return this.parts().schedules.dueSchedules(now, limit);
  }
  async claimScheduleTick(id: string, expectedFireAt: number, nextFireAt: number | undefined, firedAt: number): Promise<boolean> {
    return this.parts().schedules.claimScheduleTick(id, expectedFireAt, nextFireAt, firedAt);
  }
  async pruneSchedules(workflowId: string, keepIds: string[]): Promise<void> {
    return this.parts().schedules.pruneSchedules(workflowId, keepIds);
  }

  // ChatStore
  async appendChatMessage(message: Omit<ChatMessage, 'seq'>): Promise<ChatMessage> {
    return this.parts().chat.appendChatMessage(message);
  }
  async listChatMessages(workflowId: string, sessionId: string, limit: number): Promise<ChatMessage[]> {
    return this.parts().chat.listChatMessages(workflowId, sessionId, limit);
  }
  async listChatSessions(workflowId: string): Promise<ChatSession[]> {
    return this.parts().chat.listChatSessions(workflowId);
  }
}

import type {
  ApiTokenRecord,
  ChatMessage,
  ChatSession,
  CommitBatch,
  NewRun,
  RunEvent,
  RunPage,
  RunQuery,
  RunRecord,
  ScheduleInput,
  ScheduleRecord,
  StepRecord,
  StoredCredential,
  WeftStore,
  WorkflowDefinition,
  WorkflowQuery,
  WorkflowSummary,
  WorkflowVersion,
} from '@weft/engine';
import type { SqliteConnection } from './connection.ts';
import { SqliteChatStore } from './sqlite-chat-store.ts';
import { SqliteCredentialStore } from './sqlite-credential-store.ts';
import { SqliteRunStore } from './sqlite-run-store.ts';
import { SqliteScheduleStore } from './sqlite-schedule-store.ts';
import { SqliteTokenStore } from './sqlite-token-store.ts';
import { SqliteWorkflowCatalog } from './sqlite-workflow-catalog.ts';

interface Parts {
  runs: SqliteRunStore;
  catalog: SqliteWorkflowCatalog;
  credentials: SqliteCredentialStore;
  tokens: SqliteTokenStore;
  schedules: SqliteScheduleStore;
  chat: SqliteChatStore;
}

/**
 * The `WeftStore` on one `node:sqlite` connection; open it with `openSqliteStore`. Each port lives in
 * its own part (with its own prepared statements); this object checks the connection is open and hands
 * each call to its part.
 */
export class SqliteStore implements WeftStore {
  readonly #conn: SqliteConnection;
  readonly #parts: Parts;

  /** Takes a migrated connection; the store owns it from now on and closes it in `close()`. */
  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    this.#parts = {
      runs: new SqliteRunStore(conn),
      catalog: new SqliteWorkflowCatalog(conn),
      credentials: new SqliteCredentialStore(conn),
      tokens: new SqliteTokenStore(conn),
      schedules: new SqliteScheduleStore(conn),
      chat: new SqliteChatStore(conn),
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
    this.#conn.close();
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

  /** The parts, once the connection is known to be open. */
  #open(): Parts {
    this.#conn.assertOpen();
    return this.#parts;
  }
}

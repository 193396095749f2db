import type { StatementSync } from 'node:sqlite';
import type { ChatMessage, ChatSession, ChatStore } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';

interface MessageRow {
  seq: number;
  role: string;
  at: number;
  run_id: string | null;
  content: string;
}

interface SessionRow {
  session_id: string;
  messages: number;
  updated_at: number;
}

/**
 * The `ChatStore` part of the SQLite store. An append bumps the session row's message count and
 * inserts the message under that number, in one write transaction: concurrent appends (from any
 * connection) queue on the write lock, so each gets its own seq.
 */
export class SqliteChatStore implements ChatStore {
  readonly #conn: SqliteConnection;
  readonly #bumpSession: StatementSync;
  readonly #insert: StatementSync;
  readonly #lastMessages: StatementSync;
  readonly #sessions: StatementSync;

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    const p = (sql: string): StatementSync => conn.db.prepare(sql);
    this.#bumpSession = p(
      `INSERT INTO chat_sessions (workflow_id, session_id, messages, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (workflow_id, session_id) DO UPDATE SET messages = messages + 1,
         updated_at = max(updated_at, excluded.updated_at)
       RETURNING messages`,
    );
    this.#insert = p(
      'INSERT INTO chat_messages (workflow_id, session_id, seq, role, at, run_id, content) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#lastMessages = p(
      'SELECT seq, role, at, run_id, content FROM chat_messages WHERE workflow_id = ? AND session_id = ? ORDER BY seq DESC LIMIT ?',
    );
    this.#sessions = p(
      'SELECT session_id, messages, updated_at FROM chat_sessions WHERE workflow_id = ? ORDER BY updated_at DESC, session_id',
    );
  }

  async appendChatMessage(message: Omit<ChatMessage, 'seq'>): Promise<ChatMessage> {
    const { workflowId, sessionId } = message;
    const seq = this.#conn.transaction(() => {
      const session = this.#bumpSession.get(workflowId, sessionId, message.at) as { messages: number };
      this.#insert.run(
        workflowId,
        sessionId,
        session.messages,
        message.role,
        message.at,
        message.runId ?? null,
        message.content,
      );
      return session.messages;
    });
    const stored: ChatMessage = {
      workflowId,
      sessionId,
      seq,
      role: message.role,
      content: message.content,
      at: message.at,
    };
    if (message.runId !== undefined) stored.runId = message.runId;
    return stored;
  }

  async listChatMessages(workflowId: string, sessionId: string, limit: number): Promise<ChatMessage[]> {
    if (limit <= 0) return [];
    const rows = this.#conn.run(() =>
      this.#lastMessages.all(workflowId, sessionId, limit),
    ) as unknown as MessageRow[];
    return rows.reverse().map((row) => {
      const message: ChatMessage = {
        workflowId,
        sessionId,
        seq: row.seq,
        role: row.role as ChatMessage['role'],
        content: row.content,
        at: row.at,
      };
      if (row.run_id !== null) message.runId = row.run_id;
      return message;
    });
  }

  async listChatSessions(workflowId: string): Promise<ChatSession[]> {
    const rows = this.#conn.run(() => this.#sessions.all(workflowId)) as unknown as SessionRow[];
    return rows.map((row) => ({
      workflowId,
      sessionId: row.session_id,
      messages: row.messages,
      updatedAt: row.updated_at,
    }));
  }
}

import type { ChatMessage, ChatSession, ChatStore } from '../ports/chat-store.ts';

interface StoredSession {
  updatedAt: number;
  messages: ChatMessage[];
}

/** The `ChatStore` part of `MemoryRunStore`: messages per workflow and session, numbered 1, 2, 3… */
export class MemoryChat implements ChatStore {
  /** Sessions by workflow id, then session id. */
  readonly #sessions = new Map<string, Map<string, StoredSession>>();

  async appendChatMessage(message: Omit<ChatMessage, 'seq'>): Promise<ChatMessage> {
    let sessions = this.#sessions.get(message.workflowId);
    if (!sessions) this.#sessions.set(message.workflowId, (sessions = new Map()));
    let session = sessions.get(message.sessionId);
    if (!session) sessions.set(message.sessionId, (session = { updatedAt: message.at, messages: [] }));
    const stored: ChatMessage = {
      workflowId: message.workflowId,
      sessionId: message.sessionId,
      seq: session.messages.length + 1,
      role: message.role,
      content: message.content,
      at: message.at,
    };
    if (message.runId !== undefined) stored.runId = message.runId;
    session.messages.push(stored);
    session.updatedAt = Math.max(session.updatedAt, message.at);
    return { ...stored };
  }

  async listChatMessages(workflowId: string, sessionId: string, limit: number): Promise<ChatMessage[]> {
    const messages = this.#sessions.get(workflowId)?.get(sessionId)?.messages ?? [];
    if (limit <= 0) return [];
    return messages.slice(-limit).map((m) => ({ ...m }));
  }

  async listChatSessions(workflowId: string): Promise<ChatSession[]> {
    const sessions = this.#sessions.get(workflowId) ?? new Map<string, StoredSession>();
    return [...sessions]
      .map(([sessionId, s]) => ({
        workflowId,
        sessionId,
        messages: s.messages.length,
        updatedAt: s.updatedAt,
      }))
      .sort(
        (a, b) =>
          b.updatedAt - a.updatedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
      );
  }
}

/** One message of a chat session with a workflow. */
export interface ChatMessage {
  workflowId: string;
  sessionId: string;
  /** 1, 2, 3… within the session. */
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  runId?: string;
  at: number;
}

/** A chat session, as listed. */
export interface ChatSession {
  workflowId: string;
  sessionId: string;
  messages: number;
  /** The latest `at` of its messages. */
  updatedAt: number;
}

/** Chat history per workflow and session. */
export interface ChatStore {
  /** Appends a message with the next seq of its session. */
  appendChatMessage(message: Omit<ChatMessage, 'seq'>): Promise<ChatMessage>;
  /** The last `limit` messages, oldest first. */
  listChatMessages(workflowId: string, sessionId: string, limit: number): Promise<ChatMessage[]>;
  /** Sessions of a workflow, most recently updated first (then by session id). */
  listChatSessions(workflowId: string): Promise<ChatSession[]>;
}

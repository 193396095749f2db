import { defineRoute } from '../route.ts';
import {
  chatMessageListSchema,
  chatMessagesQuerySchema,
  chatParams,
  chatReplySchema,
  chatSessionListSchema,
  chatSessionParams,
  chatTurnBodySchema,
  chatTurnQuerySchema,
} from '../schemas/triggers.ts';

const tags = ['chat'] as const;

export const chatTurn = defineRoute({
  id: 'chatTurn',
  method: 'POST',
  path: '/api/chat/:workflowId',
  summary: 'Send a chat message to a workflow with a chat trigger',
  description:
    'Stores the message, starts a run with `{ message, sessionId, history }` as input (`history`: the session’s earlier messages, up to the trigger’s `historyLimit`) and answers with the reply: the first `respond` step’s body, else the run’s output, stored as the assistant’s message. With `Accept: text/event-stream` or `?stream=true` the answer is Server-Sent Events: `run` (`{ runId, sessionId }`), `token` (`{ text }`, as the model writes), then `reply` (`{ text, runId }`) or `error` (`{ message }`). 409 when the workflow has no chat trigger.',
  tags,
  params: chatParams,
  query: chatTurnQuerySchema,
  body: chatTurnBodySchema,
  response: chatReplySchema,
  errors: [404, 409],
});

export const listChatSessions = defineRoute({
  id: 'listChatSessions',
  method: 'GET',
  path: '/api/chat/:workflowId/sessions',
  summary: 'List a workflow’s chat sessions, most recent first',
  tags,
  params: chatParams,
  response: chatSessionListSchema,
  errors: [404],
});

export const listChatMessages = defineRoute({
  id: 'listChatMessages',
  method: 'GET',
  path: '/api/chat/:workflowId/sessions/:sessionId/messages',
  summary: 'List a chat session’s messages, oldest first',
  tags,
  params: chatSessionParams,
  query: chatMessagesQuerySchema,
  response: chatMessageListSchema,
  errors: [404],
});

import { apiRoutes } from '@weft/api';
import { route } from '../router/server-route.ts';
import { handleChatTurn } from '../triggers/chat-handler.ts';
import { anyWorkflow, liveWorkflow } from './workflow-definition.ts';

export const chatTurn = route(apiRoutes.chatTurn, async ({ params, query, body, request, services }) => {
  await liveWorkflow(services, params.workflowId);
  const stream = query.stream ?? /\btext\/event-stream\b/i.test(request.headers.get('accept') ?? '');
  return handleChatTurn(
    { workflowId: params.workflowId, sessionId: body.sessionId, message: body.message, stream },
    {
      store: services.store,
      engine: services.engine,
      enqueue: (runId) => services.queue.enqueue(runId),
      timeoutMs: services.config.chatTimeoutMs,
      now: () => services.clock.now(),
    },
  );
});

export const listChatSessions = route(apiRoutes.listChatSessions, async ({ params, services }) => {
  await anyWorkflow(services, params.workflowId);
  return { sessions: await services.store.listChatSessions(params.workflowId) };
});

export const listChatMessages = route(apiRoutes.listChatMessages, async ({ params, query, services }) => {
  await anyWorkflow(services, params.workflowId);
  return { messages: await services.store.listChatMessages(params.workflowId, params.sessionId, query.limit ?? 100) };
});

export const chatRoutes = [chatTurn, listChatSessions, listChatMessages];

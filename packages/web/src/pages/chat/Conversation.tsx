import { apiRoutes } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { errorText } from '../../ui/toasts.tsx';
import { ChatMessage } from './ChatMessage.tsx';
import { Composer } from './Composer.tsx';
import { useChatTurn } from './useChatTurn.ts';

/** One session: its stored messages, the turn being answered, and the message box. */
export function Conversation({ workflowId, sessionId }: { workflowId: string; sessionId: string }) {
  const history = useQuery({
    queryKey: keys.chatMessages(workflowId, sessionId),
    queryFn: ({ signal }) => call(apiRoutes.listChatMessages, { params: { workflowId, sessionId }, signal }),
    select: (data) => data.messages,
  });
  const { pending, send, clear } = useChatTurn(workflowId, sessionId);
  const messages = history.data ?? [];
  // Once the stored history holds the reply, the pending turn is shown from there.
  const stored = pending?.replied === true && messages.some((m) => m.role === 'assistant' && m.runId === pending.runId);
  useEffect(() => {
    if (stored) clear();
  }, [stored, clear]);

  const log = useRef<HTMLDivElement>(null);
  const streamed = pending?.text.length ?? 0;
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, streamed, pending?.error]);

  const busy = pending !== undefined && !pending.replied && !pending.error;
  return (
    <section className="chat-conversation" aria-label="Conversation">
      <div className="chat-log" ref={log} role="log" aria-live="polite" aria-busy={busy}>
        {history.isPending ? (
          <Loading label="Loading the conversation…" />
        ) : history.isError ? (
          <ErrorState error={history.error} retry={() => void history.refetch()} />
        ) : messages.length === 0 && !pending ? (
          <div className="chat-empty muted">
            <h2>New conversation</h2>
            <p>Each message starts a run of the workflow, which sees this conversation so far.</p>
          </div>
        ) : null}
        {messages.map((m) => (
          <ChatMessage key={m.seq} role={m.role} content={m.content} runId={m.runId} at={m.at} />
        ))}
        {pending && !stored && (
          <>
            <ChatMessage role="user" content={pending.message} />
            {!(pending.error && !pending.text) && (
              <ChatMessage role="assistant" content={pending.text} runId={pending.runId} streaming={!pending.replied && !pending.error} />
            )}
            {pending.error && (
              <div className="chat-error" role="alert">
                <p>
                  <strong>No reply:</strong> {errorText(pending.error)}
                  {pending.runId && (
                    <>
                      {' '}
                      <Link href={`/runs/${encodeURIComponent(pending.runId)}`}>See the run</Link>
                    </>
                  )}
                </p>
                <button type="button" onClick={() => send(pending.message)}>
                  Retry
                </button>
              </div>
            )}
          </>
        )}
      </div>
      <Composer onSend={send} busy={busy} />
    </section>
  );
}

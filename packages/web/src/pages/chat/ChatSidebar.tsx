import { apiRoutes } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { dateTime, timeAgo } from '../../ui/format.ts';
import type { WorkflowSummary } from '../workflows/useWorkflowList.ts';

/** The chat workflows, and the sessions of the chosen one with a "New chat" button. */
export function ChatSidebar({
  workflows,
  workflowId,
  sessionId,
  onNewChat,
}: {
  workflows: WorkflowSummary[];
  workflowId: string | undefined;
  sessionId: string | undefined;
  onNewChat: () => void;
}) {
  return (
    <>
      <nav aria-label="Chat workflows" className="chat-nav-section">
        <h2>Workflows</h2>
        <ul className="chat-nav-list">
          {workflows.map((w) => (
            <li key={w.id}>
              <Link href={`/chat/${encodeURIComponent(w.id)}`} aria-current={w.id === workflowId ? 'page' : undefined}>
                {w.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {workflowId && <Sessions workflowId={workflowId} sessionId={sessionId} onNewChat={onNewChat} />}
    </>
  );
}

function Sessions({ workflowId, sessionId, onNewChat }: { workflowId: string; sessionId: string | undefined; onNewChat: () => void }) {
  const sessions = useQuery({
    queryKey: keys.chatSessions(workflowId),
    queryFn: ({ signal }) => call(apiRoutes.listChatSessions, { params: { workflowId }, signal }),
    select: (data) => data.sessions,
  });
  return (
    <nav aria-label="Chat sessions" className="chat-nav-section">
      <div className="chat-nav-heading">
        <h2>Sessions</h2>
        <button type="button" className="small" onClick={onNewChat}>
          New chat
        </button>
      </div>
      {sessions.isPending ? (
        <Loading label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} retry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <p className="muted">No conversations yet: write the first message.</p>
      ) : (
        <ul className="chat-nav-list">
          {sessions.data.map((s) => (
            <li key={s.sessionId}>
              <Link
                href={`/chat/${encodeURIComponent(workflowId)}?session=${encodeURIComponent(s.sessionId)}`}
                aria-current={s.sessionId === sessionId ? 'page' : undefined}
                title={`${s.sessionId} · ${dateTime(s.updatedAt)}`}
              >
                <span>{timeAgo(s.updatedAt)}</span>
                <span className="muted fine-print">
                  {s.messages} message{s.messages === 1 ? '' : 's'} · <span className="mono">{s.sessionId.slice(-6)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { useTemplates } from '../../api/queries.ts';
import { EmptyState, ErrorState, Loading, ProblemList } from '../../ui/states.tsx';
import { errorText } from '../../ui/toasts.tsx';
import { problemsOf } from '../workflows/problems.ts';
import { useCreateFromTemplate } from '../workflows/useCreateFromTemplate.ts';
import { useWorkflowList } from '../workflows/useWorkflowList.ts';
import { ChatSidebar } from './ChatSidebar.tsx';
import { Conversation } from './Conversation.tsx';
import { newSessionId } from './sessionId.ts';
import './chat.css';
import '../workflows/forms.css';

/**
 * Chat with workflows that have a chat trigger. The session is in the URL (`?session=`), so a reload
 * or a shared link shows the same conversation.
 */
export function ChatPage({ workflowId }: { workflowId?: string }) {
  const list = useWorkflowList('');
  const [params, setParams] = useSearchParams();
  const sessionId = params.get('session') ?? undefined;
  const [, navigate] = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const chatWorkflows = list.data?.filter((w) => w.triggers.includes('chat')) ?? [];
  const current = list.data?.find((w) => w.id === workflowId);
  const chattable = current?.triggers.includes('chat') === true;
  const first = chatWorkflows[0];

  // Open the first chat workflow when none is chosen, and a fresh session when none is named.
  useEffect(() => {
    if (!workflowId && first) navigate(`/chat/${encodeURIComponent(first.id)}`, { replace: true });
  }, [workflowId, first, navigate]);
  useEffect(() => {
    if (chattable && !sessionId) setParams({ session: newSessionId() }, { replace: true });
  }, [chattable, sessionId, setParams]);

  if (list.isPending) return <Loading label="Loading workflows…" />;
  if (list.isError) {
    return (
      <div className="page">
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      </div>
    );
  }
  if (chatWorkflows.length === 0 && !current) return <NoChatWorkflows />;

  return (
    <div className="chat-page">
      <button type="button" className="chat-nav-toggle" aria-expanded={navOpen} aria-controls="chat-sidebar" onClick={() => setNavOpen(!navOpen)}>
        {navOpen ? 'Hide' : 'Show'} workflows and sessions
      </button>
      <aside id="chat-sidebar" className="chat-sidebar" data-open={navOpen}>
        <ChatSidebar
          workflows={chatWorkflows}
          workflowId={workflowId}
          sessionId={sessionId}
          onNewChat={() => {
            setParams({ session: newSessionId() });
            setNavOpen(false);
          }}
        />
      </aside>
      <div className="chat-main">
        {!current ? (
          <EmptyState title={workflowId ? `No workflow “${workflowId}”` : 'Choose a workflow'} action={<Link href="/chat">Back to chat</Link>}>
            {workflowId && <p>It may have been deleted or renamed.</p>}
          </EmptyState>
        ) : !chattable ? (
          <EmptyState title={`${current.name} has no chat trigger`} action={<Link href={`/workflows/${encodeURIComponent(current.id)}`}>Open it in the editor</Link>}>
            <p>
              Add <code>triggers: [{'{ type: chat }'}]</code> to it to chat with it.
            </p>
          </EmptyState>
        ) : sessionId ? (
          <>
            <header className="chat-header">
              <h1>{current.name}</h1>
              {current.description && <p className="muted">{current.description}</p>}
            </header>
            <Conversation key={`${current.id}/${sessionId}`} workflowId={current.id} sessionId={sessionId} />
          </>
        ) : null}
      </div>
    </div>
  );
}

/** No workflow has a chat trigger: how to add one, and the chat assistant example to start from. */
function NoChatWorkflows() {
  const templates = useTemplates();
  const [, navigate] = useLocation();
  const create = useCreateFromTemplate((created) => navigate(`/chat/${encodeURIComponent(created.workflow.id)}`));
  const template = templates.data?.templates.find((t) => t.id === 'chat-assistant') ?? templates.data?.templates.find((t) => t.triggers.includes('chat'));
  return (
    <div className="page">
      <EmptyState
        title="No workflow has a chat trigger"
        action={
          template && (
            <button type="button" className="primary" disabled={create.isPending} onClick={() => create.mutate(template)}>
              {create.isPending ? 'Creating…' : `Create “${template.name}” from its template`}
            </button>
          )
        }
      >
        <p>
          A workflow answers chat messages when its triggers include <code>{'{ type: chat }'}</code>:
        </p>
        <pre className="chat-yaml-hint">{'triggers:\n  - type: chat'}</pre>
        <p>
          Each message starts a run with <code>message</code>, <code>sessionId</code> and <code>history</code> as input; a{' '}
          <code>respond</code> step (or the run’s output) is the reply.
        </p>
      </EmptyState>
      {create.isError && (
        <div className="form-error" role="alert">
          <p>Could not create the workflow: {errorText(create.error)}</p>
          <ProblemList problems={problemsOf(create.error)} />
        </div>
      )}
    </div>
  );
}

import { Link } from 'wouter';
import { Markdown } from '../../ui/Markdown.tsx';
import { dateTime } from '../../ui/format.ts';

/** One message: the user's as typed, the assistant's as Markdown, with a link to the run that answered. */
export function ChatMessage({
  role,
  content,
  runId,
  at,
  streaming = false,
}: {
  role: 'user' | 'assistant';
  content: string;
  runId?: string | undefined;
  at?: number | undefined;
  streaming?: boolean;
}) {
  return (
    <article className={`chat-message ${role}`} data-testid="chat-message" data-role={role} aria-busy={streaming || undefined}>
      <header className="chat-message-meta">
        <span className="chat-author">{role === 'user' ? 'You' : 'Assistant'}</span>
        {at !== undefined && <time dateTime={new Date(at).toISOString()}>{dateTime(at)}</time>}
        {streaming && <span className="muted">writing…</span>}
        {runId && (
          <Link href={`/runs/${encodeURIComponent(runId)}`} className="chat-run-link">
            View run<span className="visually-hidden"> that wrote this reply</span>
          </Link>
        )}
      </header>
      {role === 'user' ? (
        <p className="chat-user-text">{content}</p>
      ) : content ? (
        <Markdown text={content} />
      ) : (
        <p className="muted chat-thinking">
          <span className="spinner" aria-hidden="true" /> Thinking…
        </p>
      )}
    </article>
  );
}

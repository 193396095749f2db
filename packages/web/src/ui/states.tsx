import type { ReactNode } from 'react';
import { ApiError, NetworkError } from '../api/errors.ts';
import { TokenForm } from './TokenForm.tsx';

/** What a page shows when it has nothing yet, with the action that fixes that. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="state" aria-label={title}>
      <h2>{title}</h2>
      {children && <div>{children}</div>}
      {action}
    </section>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/**
 * What a page shows when loading failed: server down, missing or wrong token (with a way to enter one),
 * not found, a validation error with every problem, or anything else with its code.
 */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const again = retry && (
    <button type="button" onClick={retry}>
      Try again
    </button>
  );
  if (error instanceof NetworkError) {
    return (
      <section className="state error" role="alert">
        <h2>The Weft server is not reachable</h2>
        <p>
          Is <code>weft serve</code> running? Start it again, then try again.
        </p>
        {again}
      </section>
    );
  }
  if (error instanceof ApiError && error.status === 401) {
    return (
      <section className="state error" role="alert">
        <h2>This server needs an API token</h2>
        <p>Create one with <code>weft token create --name me</code> and paste it here. It stays in this browser.</p>
        <TokenForm />
      </section>
    );
  }
  if (error instanceof ApiError) {
    return (
      <section className="state error" role="alert">
        <h2>{error.status === 404 ? 'Not found' : 'The server refused this'}</h2>
        <p>
          {error.message} <span className="muted mono">({error.code}{error.path ? ` at ${error.path}` : ''})</span>
        </p>
        <ProblemList problems={error.problems} />
        {again}
      </section>
    );
  }
  return (
    <section className="state error" role="alert">
      <h2>Something went wrong</h2>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      {again}
    </section>
  );
}

export function ProblemList({ problems }: { problems: Array<{ path: string; message: string }> }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.path && <code>{p.path}</code>} {p.message}
        </li>
      ))}
    </ul>
  );
}

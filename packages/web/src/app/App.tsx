import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { ApiError } from '../api/errors.ts';
import { EditorPage } from '../pages/editor/EditorPage.tsx';
import { ChatPage } from '../pages/chat/ChatPage.tsx';
import { RunPage } from '../pages/runs/RunPage.tsx';
import { RunsPage } from '../pages/runs/RunsPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { WorkflowsPage } from '../pages/workflows/WorkflowsPage.tsx';
import { EmptyState } from '../ui/states.tsx';
import { useTheme } from '../ui/theme.ts';
import { ToastProvider } from '../ui/toasts.tsx';
import { useRunStatusFeed } from './useRunStatusFeed.ts';

/** A query client that does not retry what retrying cannot fix (4xx). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [active] = useRoute(`${href}/*?`);
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const [theme, setTheme] = useTheme();
  useRunStatusFeed();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/workflows" className="brand" aria-label="Weft home">
          <span aria-hidden="true">▦</span> Weft
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink href="/workflows">Workflows</NavLink>
          <NavLink href="/runs">Runs</NavLink>
          <NavLink href="/chat">Chat</NavLink>
          <NavLink href="/settings">Settings</NavLink>
        </nav>
        <button
          type="button"
          className="ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          title="Theme"
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}

/** The routes of the app. */
export function AppRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Redirect to="/workflows" />
      </Route>
      <Route path="/workflows" component={WorkflowsPage} />
      <Route path="/workflows/new">{() => <EditorPage />}</Route>
      <Route path="/workflows/:id">{(params) => <EditorPage workflowId={params.id} />}</Route>
      <Route path="/runs" component={RunsPage} />
      <Route path="/runs/:id">{(params) => <RunPage runId={params.id} />}</Route>
      <Route path="/chat">{() => <ChatPage />}</Route>
      <Route path="/chat/:workflowId">{(params) => <ChatPage workflowId={params.workflowId} />}</Route>
      <Route path="/settings" component={SettingsPage} />
      <Route>
        <EmptyState title="Page not found" action={<Link href="/workflows">Go to workflows</Link>} />
      </Route>
    </Switch>
  );
}

export function App({ client = createQueryClient() }: { client?: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <Router>
          <Shell>
            <AppRoutes />
          </Shell>
        </Router>
      </ToastProvider>
    </QueryClientProvider>
  );
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { ApiError } from '../api/errors.ts';
import { EmptyState, Loading } from '../ui/states.tsx';
import { useTheme } from '../ui/theme.ts';
import { ToastProvider } from '../ui/toasts.tsx';
import { useRunStatusFeed } from './useRunStatusFeed.ts';

// Each page is its own chunk: the list pages load without the graph editor's code.
const WorkflowsPage = lazy(() => import('../pages/workflows/WorkflowsPage.tsx').then((m) => ({ default: m.WorkflowsPage })));
const EditorPage = lazy(() => import('../pages/editor/EditorPage.tsx').then((m) => ({ default: m.EditorPage })));
const RunsPage = lazy(() => import('../pages/runs/RunsPage.tsx').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('../pages/runs/RunPage.tsx').then((m) => ({ default: m.RunPage })));
const ChatPage = lazy(() => import('../pages/chat/ChatPage.tsx').then((m) => ({ default: m.ChatPage })));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));

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
          <span aria-hidden="true">▦</span> <span className="brand-name">Weft</span>
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
        <Suspense fallback={<Loading />}>{children}</Suspense>
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
      <Route path="/workflows">{() => <WorkflowsPage />}</Route>
      <Route path="/workflows/new">{() => <EditorPage />}</Route>
      <Route path="/workflows/:id">{(params) => <EditorPage workflowId={params.id} />}</Route>
      <Route path="/runs">{() => <RunsPage />}</Route>
      <Route path="/runs/:id">{(params) => <RunPage runId={params.id} />}</Route>
      <Route path="/chat">{() => <ChatPage />}</Route>
      <Route path="/chat/:workflowId">{(params) => <ChatPage workflowId={params.workflowId} />}</Route>
      <Route path="/settings">{() => <SettingsPage />}</Route>
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

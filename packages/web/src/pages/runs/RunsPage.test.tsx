import type { Run } from '@weft/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunsPage } from './RunsPage.tsx';

function run(id: string, status: Run['status']): Run {
  return {
    id,
    workflowId: 'wf1',
    workflowVersion: 3,
    status,
    input: null,
    state: {},
    options: {},
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 1234, costUsd: 0.0021 },
    createdAt: Date.now() - 60_000,
    startedAt: Date.now() - 60_000,
    endedAt: Date.now() - 57_500,
    lastSeq: 4,
  };
}

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RunsPage />
    </QueryClientProvider>,
  );
}

beforeEach(() => window.history.replaceState(null, '', '/runs'));
afterEach(() => vi.unstubAllGlobals());

describe('RunsPage', () => {
  it('lists runs with their workflow, status, duration, tokens and cost, and pages with Load more', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/workflows')) return json({ workflows: [{ id: 'wf1', name: 'Newsletter', latestVersion: 3, triggers: [], createdAt: 1, updatedAt: 1 }] });
      if (url.includes('cursor=c2')) return json({ runs: [run('run-old-0002', 'failed')] });
      return json({ runs: [run('run-new-0001', 'succeeded')], nextCursor: 'c2' });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderPage();
    const link = await screen.findByRole('link', { name: 'Run run-new-0001' });
    expect(link.getAttribute('href')).toBe('/runs/run-new-0001');
    await screen.findByRole('link', { name: 'Newsletter' });
    const row = link.closest('tr') as HTMLElement;
    expect(row.textContent).toContain('succeeded');
    expect(row.textContent).toContain('2.50 s');
    expect(row.textContent).toContain('1,234');
    expect(row.textContent).toContain('$0.0021');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Run run-old-0002' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('keeps the filters in the URL and sends them to the API', async () => {
    const fetchMock = vi.fn(async (url: string) => (url.startsWith('/api/workflows') ? json({ workflows: [] }) : json({ runs: [] })));
    vi.stubGlobal('fetch', fetchMock);
    renderPage();
    await screen.findByText('No runs yet — start one from a workflow');
    fireEvent.click(screen.getByRole('checkbox', { name: /failed/ }));
    fireEvent.change(screen.getByLabelText('Created'), { target: { value: '24h' } });
    await waitFor(() => expect(window.location.search).toBe('?status=failed&time=24h'));
    await screen.findByText('No runs match these filters');
    const runCalls = fetchMock.mock.calls.map(([url]) => url).filter((url) => url.startsWith('/api/runs'));
    const last = new URL(runCalls.at(-1) as string, 'http://x');
    expect(last.searchParams.get('status')).toBe('failed');
    expect(Number(last.searchParams.get('createdAfter'))).toBeGreaterThan(Date.now() - 86_400_000 - 60_000);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(window.location.search).toBe(''));
  });
});

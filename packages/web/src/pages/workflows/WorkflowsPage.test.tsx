import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, json, renderPage } from './testing.tsx';
import { WorkflowsPage } from './WorkflowsPage.tsx';

const now = Date.now();
const workflows = [
  {
    id: 'chat-assistant',
    name: 'Chat assistant',
    description: 'Answers chat messages',
    latestVersion: 2,
    triggers: ['chat'],
    createdAt: now - 60_000,
    updatedAt: now - 30_000,
    lastRun: { id: 'run-1', status: 'succeeded', createdAt: now - 10_000 },
  },
  {
    id: 'webhook-triage',
    name: 'Webhook triage',
    latestVersion: 1,
    triggers: ['webhook', 'schedule'],
    createdAt: now - 120_000,
    updatedAt: now - 100_000,
    lastRun: { id: 'run-2', status: 'failed', createdAt: now - 20_000 },
  },
];

function listing({ url }: { url: URL }) {
  const search = (url.searchParams.get('search') ?? '').toLowerCase();
  return json({ workflows: workflows.filter((w) => !search || `${w.id} ${w.name}`.toLowerCase().includes(search)) });
}

afterEach(() => vi.unstubAllGlobals());

describe('WorkflowsPage', () => {
  it('lists workflows with trigger chips and last-run status, and filters by a search kept in the URL', async () => {
    const api = fakeApi({ 'GET /api/workflows': listing });
    const { location } = renderPage(<WorkflowsPage />, { path: '/workflows' });

    const rows = await screen.findAllByTestId('workflow-row');
    expect(rows).toHaveLength(2);
    const chat = rows[0]!;
    expect(within(chat).getByRole('link', { name: 'Chat assistant' }).getAttribute('href')).toBe('/workflows/chat-assistant');
    expect(within(chat).getByText('chat', { selector: '[data-trigger]' })).toBeTruthy();
    expect(within(chat).getByText('succeeded').closest('a')?.getAttribute('href')).toBe('/runs/run-1');
    expect(within(chat).getByRole('link', { name: 'Chat with Chat assistant' })).toBeTruthy();
    const triage = rows[1]!;
    expect(within(triage).getByText('webhook', { selector: '[data-trigger]' })).toBeTruthy();
    expect(within(triage).getByText('schedule', { selector: '[data-trigger]' })).toBeTruthy();
    expect(within(triage).getByText('failed')).toBeTruthy();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search workflows' }), 'triage');
    await waitFor(() => expect(screen.getAllByTestId('workflow-row')).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'Webhook triage' })).toBeTruthy();
    expect(location.history.at(-1)).toBe('/workflows?q=triage');
    expect(api.requests.some((r) => r.url.searchParams.get('search') === 'triage')).toBe(true);
  });

  it('starts from the search in the URL and says when nothing matches', async () => {
    fakeApi({ 'GET /api/workflows': listing });
    renderPage(<WorkflowsPage />, { path: '/workflows?q=nothing' });
    expect(await screen.findByText('No workflow matches “nothing”')).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search workflows' }) as HTMLInputElement).value).toBe('nothing');
  });

  it('offers New workflow and From template when there are no workflows', async () => {
    fakeApi({ 'GET /api/workflows': () => json({ workflows: [] }) });
    renderPage(<WorkflowsPage />, { path: '/workflows' });
    expect(await screen.findByText('No workflows yet')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'New workflow' }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('button', { name: 'From template' }).length).toBeGreaterThan(0);
  });

  it('shows every validation problem the server finds in an import', async () => {
    const api = fakeApi({
      'GET /api/workflows': listing,
      'POST /api/workflows': () =>
        apiError(400, {
          code: 'INVALID_WORKFLOW',
          message: 'Workflow is invalid',
          path: 'nodes[0].type',
          details: {
            problems: [
              { path: 'nodes[0].type', message: "unknown node type 'nope'" },
              { path: 'edges[0].to', message: "no node with id 'b'" },
            ],
          },
        }),
    });
    renderPage(<WorkflowsPage />, { path: '/workflows' });
    await screen.findAllByTestId('workflow-row');
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import a workflow' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Definition' }), 'name: bad');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('nodes[0].type')).toBeTruthy();
    expect(within(alert).getByText(/unknown node type 'nope'/)).toBeTruthy();
    expect(within(alert).getByText('edges[0].to')).toBeTruthy();
    expect(within(alert).getByText(/no node with id 'b'/)).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.headers['content-type']).toBe('application/yaml');
    expect(post?.body).toBe('name: bad');
  });

  it('explains an import whose id exists and imports it as a copy', async () => {
    const posted: string[] = [];
    fakeApi({
      'GET /api/workflows': listing,
      'POST /api/workflows': ({ body }) => {
        posted.push(body ?? '');
        if (posted.length === 1) return apiError(409, { code: 'CONFLICT', message: "A workflow with id 'chat-assistant' exists", details: { workflowId: 'chat-assistant' } });
        const definition = JSON.parse(body ?? '{}') as { id: string; name: string };
        return json({ workflow: { ...workflows[0], id: definition.id, name: definition.name }, version: {} }, 201);
      },
    });
    const { location } = renderPage(<WorkflowsPage />, { path: '/workflows' });
    await screen.findAllByTestId('workflow-row');
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import a workflow' });
    const text = within(dialog).getByRole('textbox', { name: 'Definition' });
    await userEvent.click(text);
    await userEvent.paste('{"id": "chat-assistant", "name": "Chat assistant", "triggers": [{"type": "webhook", "path": "hook"}], "nodes": []}');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByText('A workflow with the id “chat-assistant” already exists.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import as a copy' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/workflows/chat-assistant-copy'));
    expect(JSON.parse(posted[1]!)).toMatchObject({ id: 'chat-assistant-copy', name: 'Chat assistant (copy)', triggers: [{ type: 'webhook', path: 'hook-copy' }] });
  });

  it('creates a workflow from a template, with a new id when the template’s is taken', async () => {
    const posted: string[] = [];
    fakeApi({
      'GET /api/workflows': listing,
      'GET /api/templates': () =>
        json({ templates: [{ id: 'chat-assistant', name: 'Chat assistant', description: 'Chats', triggers: ['chat'], yaml: '# comment\nname: Chat assistant\nid: chat-assistant\ntriggers:\n  - type: webhook # the hook\n    path: talk\nnodes: []\n' }] }),
      'POST /api/workflows': ({ body }) => {
        posted.push(body ?? '');
        if (posted.length === 1) return apiError(409, { code: 'CONFLICT', message: 'exists' });
        return json({ workflow: { ...workflows[0], id: 'chat-assistant-2', name: 'Chat assistant 2' }, version: {} }, 201);
      },
    });
    const { location } = renderPage(<WorkflowsPage />, { path: '/workflows' });
    await screen.findAllByTestId('workflow-row');
    await userEvent.click(screen.getByRole('button', { name: 'From template' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Use template Chat assistant' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/workflows/chat-assistant-2'));
    expect(posted[1]).toContain('# comment');
    expect(posted[1]).toContain('id: chat-assistant-2');
    expect(posted[1]).toContain('name: Chat assistant 2');
    expect(posted[1]).toContain('path: talk-2');
    expect(posted[1]).toContain('# the hook');
  });

  it('deletes a workflow after a confirmation naming it', async () => {
    const api = fakeApi({ 'GET /api/workflows': listing, 'DELETE /api/workflows/*': () => json({ deleted: true }) });
    renderPage(<WorkflowsPage />, { path: '/workflows' });
    await screen.findAllByTestId('workflow-row');
    await userEvent.click(screen.getByLabelText('Actions for Webhook triage'));
    await userEvent.click(within(screen.getAllByTestId('workflow-row')[1]!).getByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Webhook triage”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete workflow' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'DELETE' && r.url.pathname === '/api/workflows/webhook-triage')).toBe(true));
  });
});

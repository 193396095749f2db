import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Switch } from 'wouter';
import { fakeApi, json, renderPage } from '../workflows/testing.tsx';
import { ChatPage } from './ChatPage.tsx';

const now = Date.now();
const workflows = [
  { id: 'bot', name: 'Helpful bot', latestVersion: 1, triggers: ['chat'], createdAt: now, updatedAt: now },
  { id: 'hook', name: 'Hook only', latestVersion: 1, triggers: ['webhook'], createdAt: now, updatedAt: now },
];

/** An SSE body the test writes to event by event. */
function sseBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: () => new Response(stream, { headers: { 'content-type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => controller.close(),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('ChatPage', () => {
  it('streams the reply token by token, then shows the final reply with a link to its run', async () => {
    const sse = sseBody();
    let stored: unknown[] = [];
    const api = fakeApi({
      'GET /api/workflows': () => json({ workflows }),
      'GET /api/chat/bot/sessions': () => json({ sessions: [] }),
      'GET /api/chat/bot/sessions/*/messages': () => json({ messages: stored }),
      'POST /api/chat/bot': () => sse.response(),
    });
    renderPage(<ChatPage workflowId="bot" />, { path: '/chat/bot?session=s1' });

    expect(await screen.findByText('New conversation')).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Hello{Shift>}{Enter}{/Shift}there');
    expect((box as HTMLTextAreaElement).value).toBe('Hello\nthere');
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/chat/bot');
    expect(post.url.searchParams.get('stream')).toBe('true');
    expect(JSON.parse(post.body!)).toEqual({ sessionId: 's1', message: 'Hello\nthere' });
    expect((box as HTMLTextAreaElement).value).toBe('');

    sse.send('run', { runId: 'run-9', sessionId: 's1' });
    sse.send('token', { text: 'Hi ' });
    sse.send('token', { text: '**there**' });
    await waitFor(() => {
      const assistant = screen.getAllByTestId('chat-message').filter((m) => m.dataset['role'] === 'assistant');
      expect(assistant).toHaveLength(1);
      expect(assistant[0]!.textContent).toContain('Hi there');
    });
    const user = screen.getAllByTestId('chat-message').find((m) => m.dataset['role'] === 'user')!;
    expect(user.textContent).toContain('Hello\nthere');
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);

    stored = [
      { workflowId: 'bot', sessionId: 's1', seq: 1, role: 'user', content: 'Hello\nthere', at: now },
      { workflowId: 'bot', sessionId: 's1', seq: 2, role: 'assistant', content: 'Hi **there**, all done.', runId: 'run-9', at: now },
    ];
    sse.send('reply', { text: 'Hi **there**, all done.', runId: 'run-9' });
    sse.close();

    await waitFor(() => expect(screen.getByText('there', { selector: 'strong' }).closest('[data-testid="chat-message"]')?.textContent).toContain('all done.'));
    await waitFor(() => expect(screen.getAllByTestId('chat-message')).toHaveLength(2));
    const reply = screen.getAllByTestId('chat-message')[1]!;
    expect(reply.dataset['role']).toBe('assistant');
    expect(within(reply).getByRole('link', { name: /View run/ }).getAttribute('href')).toBe('/runs/run-9');
  });

  it('shows a failed turn inline and retries it', async () => {
    let attempts = 0;
    fakeApi({
      'GET /api/workflows': () => json({ workflows }),
      'GET /api/chat/bot/sessions': () => json({ sessions: [] }),
      'GET /api/chat/bot/sessions/*/messages': () => json({ messages: [] }),
      'POST /api/chat/bot': () => {
        attempts++;
        const sse = sseBody();
        if (attempts === 1) {
          sse.send('run', { runId: 'run-1', sessionId: 's1' });
          sse.send('error', { message: 'The run failed: model refused' });
        } else {
          sse.send('reply', { text: 'Second time lucky', runId: 'run-2' });
        }
        sse.close();
        return sse.response();
      },
    });
    renderPage(<ChatPage workflowId="bot" />, { path: '/chat/bot?session=s1' });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The run failed: model refused');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Second time lucky')).toBeTruthy();
    expect(attempts).toBe(2);
  });

  it('lists the sessions of the chosen workflow and only workflows with a chat trigger', async () => {
    fakeApi({
      'GET /api/workflows': () => json({ workflows }),
      'GET /api/chat/bot/sessions': () => json({ sessions: [{ workflowId: 'bot', sessionId: 'old-session-abc123', messages: 4, updatedAt: now - 60_000 }] }),
      'GET /api/chat/bot/sessions/*/messages': ({ url }) =>
        json({
          messages: url.pathname.includes('old-session')
            ? [{ workflowId: 'bot', sessionId: 'old-session-abc123', seq: 1, role: 'user', content: 'Earlier question', at: now }]
            : [],
        }),
    });
    const { location } = renderPage(
      <Switch>
        <Route path="/chat">{() => <ChatPage />}</Route>
        <Route path="/chat/:workflowId">{(params) => <ChatPage workflowId={params.workflowId} />}</Route>
      </Switch>,
      { path: '/chat' },
    );
    // The first chat workflow opens, with a fresh session in the URL.
    await waitFor(() => expect(location.history.at(-1)).toMatch(/^\/chat\/bot\?session=chat-[a-z0-9]+-[0-9a-f]{12}$/));
    const nav = await screen.findByRole('navigation', { name: 'Chat workflows' });
    expect(within(nav).getByRole('link', { name: 'Helpful bot' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Hook only' })).toBeNull();

    const sessions = screen.getByRole('navigation', { name: 'Chat sessions' });
    await userEvent.click(await within(sessions).findByRole('link', { name: /4 messages/ }));
    expect(location.history.at(-1)).toBe('/chat/bot?session=old-session-abc123');
    expect(await screen.findByText('Earlier question')).toBeTruthy();

    await userEvent.click(within(sessions).getByRole('button', { name: 'New chat' }));
    await waitFor(() => expect(location.history.at(-1)).toMatch(/^\/chat\/bot\?session=chat-/));
    expect(await screen.findByText('New conversation')).toBeTruthy();
  });

  it('explains how to add a chat trigger when no workflow has one', async () => {
    fakeApi({
      'GET /api/workflows': () => json({ workflows: [workflows[1]] }),
      'GET /api/templates': () => json({ templates: [{ id: 'chat-assistant', name: 'Chat assistant', triggers: ['chat'], yaml: 'name: Chat assistant\n' }] }),
    });
    renderPage(<ChatPage />, { path: '/chat' });
    expect(await screen.findByText('No workflow has a chat trigger')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Create “Chat assistant” from its template' })).toBeTruthy();
  });
});

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from './types.ts';
import { VersionsMenu } from './VersionsMenu.tsx';

const MINUTE = 60_000;

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function definition(version: number): Draft {
  return {
    name: `Digest v${version}`,
    nodes: [{ id: 'say', type: 'transform', params: { value: `v${version}` } }],
    edges: [],
  };
}

/** The API of a workflow `digest` with versions 1 to 3. */
function stubApi() {
  const fetchMock = vi.fn(async (url: string) => {
    if (url === '/api/workflows/digest/versions') {
      return json({
        versions: [3, 2, 1].map((version) => ({
          workflowId: 'digest',
          version,
          hash: `h${version}`,
          createdAt: Date.now() - (4 - version) * 5 * MINUTE,
        })),
      });
    }
    const match = /^\/api\/workflows\/digest\?version=(\d+)$/.exec(url);
    if (match) {
      const version = Number(match[1]);
      return json({
        workflow: {
          id: 'digest',
          name: 'Digest',
          latestVersion: 3,
          triggers: [],
          createdAt: 1,
          updatedAt: 1,
        },
        version: {
          workflowId: 'digest',
          version,
          hash: `h${version}`,
          definition: definition(version),
          createdAt: 1,
        },
      });
    }
    return new Response('{"error":{"code":"NOT_FOUND","message":"no such route"}}', {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderMenu(props: { dirty: boolean; viewing?: number }) {
  const onOpen = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <VersionsMenu workflowId="digest" viewing={props.viewing} dirty={props.dirty} onOpen={onOpen} />
    </QueryClientProvider>,
  );
  return onOpen;
}

const urls = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.map(([url]) => url);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('VersionsMenu', () => {
  it('lists the versions newest first, with the latest and the one being viewed marked, and Escape closes it', async () => {
    stubApi();
    renderMenu({ dirty: false, viewing: 2 });
    const toggle = screen.getByRole('button', { name: 'Versions' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await screen.findByRole('button', { name: 'Open version 3' });
    const options = within(screen.getByRole('group', { name: 'Saved versions' })).getAllByRole('button');
    expect(options.map((o) => o.getAttribute('aria-label'))).toEqual([
      'Open version 3',
      'Open version 2',
      'Open version 1',
    ]);
    expect(options[0]?.textContent).toBe('v3 · 5 min ago' + 'latest');
    expect(options[1]?.textContent).toBe('v2 · 10 min ago' + 'viewing');
    expect(options[1]?.getAttribute('aria-current')).toBe('true');
    expect(options[2]?.textContent).toBe('v1 · 15 min ago');

    fireEvent.keyDown(options[0] as HTMLElement, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Saved versions' })).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('fetches the chosen version and hands its definition to the editor', async () => {
    const fetchMock = stubApi();
    const confirm = vi.spyOn(window, 'confirm');
    const onOpen = renderMenu({ dirty: false, viewing: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Versions' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Open version 1' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(definition(1), 1));
    expect(urls(fetchMock)).toContain('/api/workflows/digest?version=1');
    expect(confirm).not.toHaveBeenCalled();
    // The panel closes once the version is open.
    expect(screen.queryByRole('group', { name: 'Saved versions' })).toBeNull();
  });

  it('asks before replacing unsaved changes, and does nothing when the answer is no', async () => {
    const fetchMock = stubApi();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const onOpen = renderMenu({ dirty: true, viewing: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Versions' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Open version 2' }));
    expect(confirm).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onOpen).not.toHaveBeenCalled();
    expect(urls(fetchMock)).not.toContain('/api/workflows/digest?version=2');
    expect(screen.getByRole('group', { name: 'Saved versions' })).toBeTruthy();

    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole('button', { name: 'Open version 2' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(definition(2), 2));
  });
});

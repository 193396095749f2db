import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getToken, setToken } from '../../api/token.ts';
import { fakeApi, json, renderPage } from '../workflows/testing.tsx';
import { SettingsPage } from './SettingsPage.tsx';

const SECRET = 'wft_abcdef0123456789secret';

beforeEach(() => setToken(undefined));
afterEach(() => {
  vi.unstubAllGlobals();
  setToken(undefined);
});

describe('API tokens', () => {
  it('shows a new token once, stores it for this browser, and sends it from then on', async () => {
    let tokens: unknown[] = [];
    const api = fakeApi({
      'GET /api/tokens': () => json({ tokens }),
      'POST /api/tokens': ({ body }) => {
        const apiToken = { id: 't1', name: (JSON.parse(body!) as { name: string }).name, prefix: 'wft_abcd', createdAt: Date.now() };
        tokens = [apiToken];
        return json({ token: SECRET, apiToken }, 201);
      },
    });
    renderPage(<SettingsPage />, { path: '/settings?tab=tokens' });
    expect(await screen.findByText('No API tokens')).toBeTruthy();

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'laptop');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByTestId('new-token');
    expect(within(shown).getByTestId('new-token-value').textContent).toBe(SECRET);
    expect(within(shown).getByText(/shown only this once/)).toBeTruthy();
    expect(within(shown).getByText(/This browser now uses this token/)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(getToken()).toBe(SECRET);

    const row = await screen.findByTestId('token-row');
    expect(row.textContent).toContain('laptop');
    expect(row.textContent).toContain('this browser');
    await waitFor(() => expect(api.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${SECRET}`));

    await userEvent.click(within(shown).getByRole('button', { name: 'Done, hide it' }));
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('keeps the token this browser already has when making another', async () => {
    setToken('wft_mine');
    fakeApi({
      'GET /api/tokens': () => json({ tokens: [] }),
      'POST /api/tokens': () => json({ token: SECRET, apiToken: { id: 't2', name: 'ci', prefix: 'wft_abcd', createdAt: Date.now() } }, 201),
    });
    renderPage(<SettingsPage />, { path: '/settings?tab=tokens' });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'ci');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText(/keeps using the token it already has/)).toBeTruthy();
    expect(getToken()).toBe('wft_mine');
  });
});

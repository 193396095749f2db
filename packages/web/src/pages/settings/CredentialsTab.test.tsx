import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, json, renderPage } from '../workflows/testing.tsx';
import { SettingsPage } from './SettingsPage.tsx';

const VALUE = 'sk-very-secret-value-42';

afterEach(() => vi.unstubAllGlobals());

describe('Credentials', () => {
  it('saves a credential and never renders its value again', async () => {
    let credentials: unknown[] = [];
    const api = fakeApi({
      'GET /api/credentials': () => json({ credentials }),
      'POST /api/credentials': ({ body }) => {
        const { name, type } = JSON.parse(body!) as { name: string; type: string };
        const credential = { name, type, createdAt: Date.now(), updatedAt: Date.now() };
        credentials = [credential];
        return json({ credential }, 201);
      },
      'PUT /api/credentials/*': () => json({ credential: credentials[0] }),
    });
    renderPage(<SettingsPage />, { path: '/settings' });
    expect(await screen.findByText('No credentials yet')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Add credential' });
    expect(within(form).getByText(/never returned, logged or shown again/)).toBeTruthy();

    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'openai-key');
    const value = within(form).getByLabelText('Value') as HTMLInputElement;
    expect(value.type).toBe('password');
    await userEvent.type(value, VALUE);
    await userEvent.click(within(form).getByRole('button', { name: 'Add credential' }));

    const row = await screen.findByTestId('credential-row');
    expect(row.textContent).toContain('openai-key');
    expect(JSON.parse(api.requests.find((r) => r.method === 'POST')!.body!)).toEqual({ name: 'openai-key', type: 'secret', value: VALUE });
    expect(value.value).toBe('');
    expect(screen.queryByDisplayValue(VALUE)).toBeNull();
    expect(document.body.innerHTML).not.toContain(VALUE);

    // Replacing asks for a new value and shows nothing of the old one.
    await userEvent.click(within(row).getByRole('button', { name: 'Replace the value of openai-key' }));
    const dialog = screen.getByRole('dialog', { name: 'Replace the value of “openai-key”' });
    expect((within(dialog).getByLabelText('New value') as HTMLInputElement).value).toBe('');
    await userEvent.type(within(dialog).getByLabelText('New value'), 'another');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace value' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PUT' && r.url.pathname === '/api/credentials/openai-key')).toBe(true));
    expect(document.body.innerHTML).not.toContain('another');
  });

  it('shows each field problem the server reports', async () => {
    fakeApi({
      'GET /api/credentials': () => json({ credentials: [] }),
      'POST /api/credentials': () =>
        apiError(400, {
          code: 'INVALID_REQUEST',
          message: 'body.name: letters, digits…',
          path: 'body.name',
          details: { issues: [{ path: 'body.name', message: 'letters, digits, _, . and - only' }] },
        }),
    });
    renderPage(<SettingsPage />, { path: '/settings?tab=credentials' });
    const form = await screen.findByRole('form', { name: 'Add credential' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'bad name');
    await userEvent.type(within(form).getByLabelText('Value'), 'x');
    await userEvent.click(within(form).getByRole('button', { name: 'Add credential' }));
    const alert = await within(form).findByRole('alert');
    expect(within(alert).getByText('body.name')).toBeTruthy();
    expect(alert.textContent).toContain('letters, digits, _, . and - only');
  });
});

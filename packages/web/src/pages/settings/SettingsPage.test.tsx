import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, renderPage } from '../workflows/testing.tsx';
import { SettingsPage } from './SettingsPage.tsx';

const now = Date.now();

afterEach(() => vi.unstubAllGlobals());

describe('SettingsPage', () => {
  it('moves between tabs with the arrow keys and keeps the tab in the URL', async () => {
    fakeApi({ 'GET /api/credentials': () => json({ credentials: [] }), 'GET /api/tokens': () => json({ tokens: [] }) });
    const { location } = renderPage(<SettingsPage />, { path: '/settings' });
    const tab = screen.getByRole('tab', { name: 'Credentials' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    tab.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'API tokens' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'API tokens' }));
    expect(location.history.at(-1)).toBe('/settings?tab=tokens');
    expect(await screen.findByRole('form', { name: 'Create token' })).toBeTruthy();
  });

  it('lists schedules with next fire times and turns one off', async () => {
    const schedule = { id: 'daily:morning', workflowId: 'daily', cron: '0 9 * * *', timezone: 'Europe/Paris', input: null, enabled: true, nextFireAt: now + 3_600_000, nextFireTimes: [now + 3_600_000] };
    const api = fakeApi({
      'GET /api/schedules': () => json({ schedules: [schedule] }),
      'GET /api/workflows': () => json({ workflows: [{ id: 'daily', name: 'Daily digest', latestVersion: 1, triggers: ['schedule'], createdAt: now, updatedAt: now }] }),
      'POST /api/schedules/*/disable': () => json({ schedule: { ...schedule, enabled: false, nextFireTimes: [] } }),
    });
    renderPage(<SettingsPage />, { path: '/settings?tab=schedules' });
    const row = await screen.findByTestId('schedule-row');
    await waitFor(() => expect(within(row).getByRole('link', { name: 'Daily digest' }).getAttribute('href')).toBe('/workflows/daily'));
    expect(row.textContent).toContain('morning');
    expect(row.textContent).toContain('0 9 * * *');
    expect(row.textContent).toContain('Europe/Paris');
    expect(row.textContent).toContain('in 1 h');
    await userEvent.click(within(row).getByRole('switch'));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/schedules/daily%3Amorning/disable')).toBe(true));
  });

  it('shows each webhook’s full URL, mode and what a caller must send, never a secret', async () => {
    fakeApi({
      'GET /api/workflows': () => json({ workflows: [{ id: 'triage', name: 'Triage', latestVersion: 1, triggers: ['webhook'], createdAt: now, updatedAt: now }] }),
      'GET /api/workflows/triage/webhooks': () =>
        json({ webhooks: [{ path: 'triage', url: 'http://weft.test/hooks/triage', methods: ['POST', 'PUT'], response: 'sync', timeoutMs: 30000, auth: 'hmac', active: true }] }),
    });
    renderPage(<SettingsPage />, { path: '/settings?tab=webhooks' });
    const card = await screen.findByTestId('workflow-webhooks');
    expect(await within(card).findByText('http://weft.test/hooks/triage')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Copy URL URL of the triage webhook' })).toBeTruthy();
    expect(card.textContent).toContain('PUT');
    expect(card.textContent).toContain('sync');
    expect(card.textContent).toContain('HMAC-SHA256');
  });
});

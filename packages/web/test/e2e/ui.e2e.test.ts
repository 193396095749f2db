import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotter } from '../support/browser.ts';
import { startUiStack, type UiStack } from '../support/stack.ts';

// A real `weft serve` (SQLite, loopback model) driven through Debian's Chromium.
describe('the web UI in a real browser', () => {
  let stack: UiStack;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stack = await startUiStack();
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function openPage(path: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
    context = await stack.browser.newContext({ viewport });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = collectPageErrors(page);
    await page.goto(`${stack.weft.url}${path}`);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('retries a failed step from the run view and the run then succeeds', { timeout: 120_000 }, async () => {
    const workflowId = await stack.createWorkflow({
      id: 'flaky-chain',
      name: 'Flaky chain',
      nodes: [
        { id: 'outline', type: 'llm', params: { prompt: 'Outline {{ input }}' } },
        { id: 'expand', type: 'llm', params: { prompt: 'Expand (flaky): {{ steps.outline.output }}' } },
      ],
      edges: [{ from: 'outline', to: 'expand' }],
    });
    const shot = screenshotter(await openPage(`/workflows/${workflowId}`), 'retry-failed-step');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByLabel('Run input').fill('"durable workflows"');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);

    await page.locator('[data-testid="run-node-expand"][data-status="failed"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="run-node-outline"]').getAttribute('data-status')).toBe('succeeded');
    await page.locator('[data-testid="run-node-expand"]').click();
    const inspector = page.getByTestId('step-inspector');
    await inspector.getByText('flaky on purpose').first().waitFor();
    await shot('step-failed');

    await inspector.getByRole('button', { name: 'Retry step' }).click();
    await page.locator('[data-testid="run-node-expand"][data-status="succeeded"]').waitFor();
    await inspector.getByTestId('step-output-text').getByText('You said:').waitFor();
    await expect.poll(() => page.getByText('succeeded', { exact: true }).first().isVisible()).toBe(true);
    await shot('retried-and-succeeded');
    const expandCalls = stack.model.requests.filter((r) => JSON.stringify(r.body).includes('Expand (flaky)'));
    expect(expandCalls).toHaveLength(2);
  });

  it('chats with a workflow that has a chat trigger: two turns, the second sees the first', { timeout: 120_000 }, async () => {
    const workflowId = await stack.createWorkflow({
      id: 'helper-chat',
      name: 'Helper chat',
      triggers: [{ type: 'chat' }],
      nodes: [
        {
          id: 'answer',
          type: 'llm',
          params: {
            prompt: "{{ input.history.map((m) => m.role + ': ' + m.content).join('\\n') }}\nuser: {{ input.message }}",
          },
        },
        { id: 'reply', type: 'respond', params: { body: '{{ steps.answer.output }}' } },
      ],
      edges: [{ from: 'answer', to: 'reply' }],
    });
    const shot = screenshotter(await openPage(`/chat/${workflowId}`), 'chat-two-turns');
    const message = page.getByLabel('Message');
    await message.fill('What is a durable workflow?');
    await page.getByRole('button', { name: 'Send' }).click();
    const assistant = page.locator('[data-testid="chat-message"][data-role="assistant"]');
    await assistant.nth(0).getByText('What is a durable workflow?').waitFor();
    await shot('first-reply');

    await message.fill('And why SQLite?');
    await message.press('Enter');
    await assistant.nth(1).getByText('And why SQLite?').waitFor();
    await expect.poll(() => page.locator('[data-testid="chat-message"][data-role="user"]').count()).toBe(2);
    await shot('second-reply');
    const second = stack.model.requests.filter((r) => JSON.stringify(r.body).includes('And why SQLite?'));
    expect(JSON.stringify(second.at(-1)?.body)).toContain('user: What is a durable workflow?');

    await page.reload();
    await expect.poll(() => page.locator('[data-testid="chat-message"]').count()).toBe(4);
    await shot('history-after-reload');
  });
});

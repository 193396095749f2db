import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { collectPageErrors, SCREENSHOT_ROOT, screenshotter } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
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

  async function openPage(path: string, viewport = { width: 1400, height: 900 }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    context = await stack.browser.newContext({ viewport, ...options });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = collectPageErrors(page);
    const current = page;
    onTestFailed(async ({ task }) => {
      await current.screenshot({ path: `${SCREENSHOT_ROOT}/FAILED-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png` }).catch(() => {});
    });
    await page.goto(`${stack.weft.url}${path}`);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('builds a three-node workflow by dragging and connecting, saves it, runs it and watches it live', { timeout: 180_000 }, async () => {
    const shot = screenshotter(await openPage('/workflows'), 'build-and-run');
    await page.getByRole('heading', { name: /no workflows/i }).waitFor();
    await shot('empty-workflows');
    await page.getByRole('link', { name: 'New workflow' }).first().click();
    await page.waitForURL(/\/workflows\/new$/);
    await page.getByLabel('Workflow name').fill('Note and review');

    // Two LLM nodes dragged from the palette onto the canvas.
    const pane = page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('the canvas has no size');
    await page.getByTestId('palette-llm').dragTo(pane, { targetPosition: { x: box.width * 0.2, y: box.height * 0.35 } });
    await page.getByTestId('node-llm').waitFor();
    await page.getByTestId('palette-llm').dragTo(pane, { targetPosition: { x: box.width * 0.55, y: box.height * 0.35 } });
    await page.getByTestId('node-llm_2').waitFor();

    // Connect llm → llm_2 by dragging from the output handle to the input handle.
    await dragBetween(page.getByTestId('handle-out-llm-out'), page.getByTestId('handle-in-llm_2'));
    await page.locator('.react-flow__edge').first().waitFor();

    // Prompts, one typed with the completion of a step reference.
    await page.getByTestId('node-llm').click();
    await field(page, 'Prompt').fill('Write a short note about {{ input }}.');
    await page.getByTestId('node-llm_2').click();
    const prompt = field(page, 'Prompt');
    await prompt.fill('Review this note: ');
    await prompt.press('End');
    await prompt.pressSequentially('{{ steps.ll');
    await page.getByRole('option', { name: 'steps.llm' }).first().click();
    await expect.poll(() => prompt.inputValue()).toMatch(/^Review this note: \{\{ steps\.llm/);
    await prompt.fill('Review this note: {{ steps.llm.output }}');

    // The third node by clicking its palette button: it is added after the selected node and connected.
    await page.getByRole('button', { name: 'Add Transform' }).click();
    await page.getByTestId('node-transform').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await field(page, 'Value').fill('{ "note": "{{ steps.llm.output }}", "review": "{{ steps.llm_2.output }}" }');
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(() => page.getByText(/problem/).count()).toBe(0);
    await shot('editor-built');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/workflows\/note-and-review$/);
    await page.getByText('Saved version 1').waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('node-llm').click();
    await shot('editor-saved');

    // Test one node with a sample input: its output shows in place, nothing is stored as a run.
    await page.getByLabel('Sample input (JSON)').fill('"a sample topic"');
    await page.getByRole('button', { name: 'Test node' }).click();
    const result = page.getByRole('region', { name: 'Test result' });
    await result.getByText('Write a short note about a sample topic.').waitFor();
    await result.locator('.badge[data-status="succeeded"]').waitFor();
    await shot('node-tested');
    const listed = (await (await fetch(`${stack.weft.url}/api/runs?workflowId=note-and-review`)).json()) as { runs: unknown[] };
    expect(listed.runs).toHaveLength(0);

    // The YAML view shows the same workflow.
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = await page.getByLabel('Workflow YAML').inputValue();
    expect(yaml).toContain('type: transform');
    expect(yaml).toMatch(/from: llm\s+to: llm_2/);
    await page.getByRole('tab', { name: 'Canvas' }).click();

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByLabel('Run input').fill('durable execution');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);

    // Live: the first step runs and its text streams into the inspector before it finishes.
    await page.locator('[data-testid="run-node-llm"][data-status="running"]').waitFor();
    await page.getByTestId('step-stream-text').getByText('You said').waitFor();
    await shot('run-streaming');
    for (const id of ['llm', 'llm_2', 'transform']) {
      await page.locator(`[data-testid="run-node-${id}"][data-status="succeeded"]`).waitFor({ timeout: 30_000 });
    }
    await page.locator('.run-header .badge[data-status="succeeded"]').waitFor();
    await page.getByTestId('run-node-llm_2').click();
    const output = page.getByTestId('step-inspector').getByTestId('step-output-text');
    await output.getByText('Review this note:').first().waitFor();
    await output.getByRole('heading', { name: 'Answer' }).waitFor();
    await shot('run-succeeded');
    const prompts = stack.model.requests.map((r) => JSON.stringify(r.body));
    expect(prompts.some((p) => p.includes('Write a short note about durable execution.'))).toBe(true);
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
    await inspector.getByTestId('step-output-text').getByText('You said:').first().waitFor();
    await page.locator('.run-header .badge[data-status="succeeded"]').waitFor();
    await shot('retried-and-succeeded');
    const expandCalls = stack.model.requests.filter((r) => JSON.stringify(r.body).includes('Expand (flaky)'));
    expect(expandCalls).toHaveLength(2);
  });

  it('approves a waiting step, re-runs from a step with edited input, and cancels a run', { timeout: 120_000 }, async () => {
    const workflowId = await stack.createWorkflow({
      id: 'approve-then-say',
      name: 'Approve then say',
      nodes: [
        { id: 'gate', type: 'approval', params: { message: 'Publish the note about {{ input }}?' } },
        { id: 'publish', type: 'transform', params: { value: 'published {{ input }}' } },
        { id: 'drop', type: 'transform', params: { value: 'dropped {{ input }}' } },
      ],
      edges: [
        { from: 'gate', to: 'publish', port: 'approve' },
        { from: 'gate', to: 'drop', port: 'reject' },
      ],
    });
    const start = async (input: string) => {
      const response = await fetch(`${stack.weft.url}/api/workflows/${workflowId}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      return ((await response.json()) as { run: { id: string } }).run.id;
    };
    const shot = screenshotter(await openPage(`/runs/${await start('tides')}`), 'approve-rerun-cancel');

    // The waiting approval is picked for the inspector, with its question and the two decisions.
    await page.locator('[data-testid="run-node-gate"][data-status="waiting"]').waitFor();
    const inspector = page.getByTestId('step-inspector');
    await inspector.getByText('Publish the note about tides?').first().waitFor();
    await shot('waiting-for-approval');
    await inspector.getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-testid="run-node-publish"][data-status="succeeded"]').waitFor();
    await expect.poll(() => page.getByTestId('run-node-drop').getAttribute('data-status')).toBe('skipped');
    await page.locator('.run-header .badge[data-status="succeeded"]').waitFor();
    await shot('approved');

    // Re-run from the publish step with another input: a new run, the approval kept, publish done again.
    const firstRun = page.url();
    await page.getByTestId('run-node-publish').click();
    await inspector.getByRole('button', { name: 'Re-run from here' }).click();
    await page.getByLabel('Run input (JSON)').fill('"currents"');
    await page.getByRole('button', { name: 'Start new run' }).click();
    await expect.poll(() => page.url()).not.toBe(firstRun);
    await page.locator('[data-testid="run-node-publish"][data-status="succeeded"]').waitFor();
    await page.getByTestId('run-node-publish').click();
    await inspector.getByText('published currents').first().waitFor();
    await shot('rerun-with-edited-input');

    // A run waiting for a decision can be cancelled from its header.
    await page.goto(`${stack.weft.url}/runs/${await start('storms')}`);
    await page.locator('[data-testid="run-node-gate"][data-status="waiting"]').waitFor();
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.locator('.run-header .badge[data-status="cancelled"]').waitFor();
    await shot('cancelled');
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
    // The reply streams in word by word; the turn is over when the last word is in and writing stops.
    await assistant.nth(0).getByText('What is a durable workflow?').waitFor();
    await shot('first-reply-streaming');
    await assistant.nth(0).getByText('three').waitFor();
    await assistant.nth(0).getByText('writing…').waitFor({ state: 'detached' });
    await shot('first-reply');

    await message.fill('And why SQLite?');
    await message.press('Enter');
    await assistant.nth(1).getByText('And why SQLite?').waitFor();
    await assistant.nth(1).getByText('three').waitFor();
    await expect.poll(() => page.locator('[data-testid="chat-message"][data-role="user"]').count()).toBe(2);
    await shot('second-reply');
    const second = stack.model.requests.filter((r) => JSON.stringify(r.body).includes('And why SQLite?'));
    expect(JSON.stringify(second.at(-1)?.body)).toContain('user: What is a durable workflow?');

    await page.reload();
    await expect.poll(() => page.locator('[data-testid="chat-message"]').count()).toBe(4);
    await shot('history-after-reload');
  });
  it('passes the WCAG A/AA checks of axe-core on every page, in light and dark', { timeout: 120_000 }, async () => {
    const workflowId = await stack.createWorkflow({
      id: 'a11y-check',
      name: 'Accessibility check',
      triggers: [{ type: 'chat' }],
      nodes: [
        { id: 'answer', type: 'llm', params: { prompt: 'user: {{ input.message ?? input }}' } },
        { id: 'reply', type: 'respond', params: { body: '{{ steps.answer.output }}' } },
      ],
      edges: [{ from: 'answer', to: 'reply' }],
    });
    const started = await fetch(`${stack.weft.url}/api/workflows/${workflowId}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'contrast' }),
    });
    const runId = ((await started.json()) as { run: { id: string } }).run.id;
    await openPage('/workflows', { width: 1400, height: 900 }, { bypassCSP: true });
    const pages: Array<[string, string]> = [
      ['/workflows', '[data-testid="workflow-row"]'],
      [`/workflows/${workflowId}`, '[data-testid="node-answer"]'],
      [`/runs/${runId}`, '[data-testid="run-node-reply"][data-status="succeeded"]'],
      ['/runs', 'main table'],
      [`/chat/${workflowId}`, 'main textarea'],
      ['/settings', 'main [role="tablist"]'],
    ];
    const found: Record<string, unknown> = {};
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('weft.theme', t), theme);
      for (const [path, ready] of pages) {
        await page.goto(`${stack.weft.url}${path}`);
        await page.locator(ready).first().waitFor();
        await page.waitForTimeout(300);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[`${path} (${theme})`] = violations;
      }
    }
    expect(found).toEqual({});
  });

  it('goes back to an older version from the editor and saves it as the latest', { timeout: 120_000 }, async () => {
    const workflowId = await stack.createWorkflow({
      id: 'versioned-note',
      name: 'Versioned note',
      nodes: [{ id: 'say', type: 'transform', params: { value: 'note about {{ input }}' } }],
    });
    const shot = screenshotter(await openPage(`/workflows/${workflowId}`), 'versions');
    await page.getByTestId('node-say').waitFor();
    const name = page.getByLabel('Workflow name');
    await name.fill('Versioned note, renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved version 2').waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();

    // The list, newest first; version 1 becomes the draft as one undoable edit.
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    await page.getByRole('button', { name: 'Open version 2' }).waitFor();
    await shot('versions-listed');
    await page.getByRole('button', { name: 'Open version 1' }).click();
    await expect.poll(() => name.inputValue()).toBe('Versioned note');
    await page.getByText('Viewing v1 — Save to make it the latest version').waitFor();
    await shot('viewing-v1');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => name.inputValue()).toBe('Versioned note, renamed');
    await page.getByText('Viewing v1').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => name.inputValue()).toBe('Versioned note');
    await page.getByText('Viewing v1').waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved version 3').waitFor();
    await page.getByText('Viewing v1').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    await page.getByRole('button', { name: 'Open version 3' }).waitFor();
    await shot('saved-as-v3');
    const latest = (await (await fetch(`${stack.weft.url}/api/workflows/${workflowId}`)).json()) as {
      workflow: { name: string };
      version: { version: number; definition: { name: string } };
    };
    expect(latest.version.version).toBe(3);
    expect(latest.version.definition.name).toBe('Versioned note');
    expect(latest.workflow.name).toBe('Versioned note');
  });

  it('starts from a template, keeps a credential secret, works narrow and dark, and explains errors', { timeout: 180_000 }, async () => {
    const shot = screenshotter(await openPage('/workflows'), 'pages');
    await page.getByRole('button', { name: 'From template' }).first().click();
    await page.getByRole('button', { name: 'Use template Webhook triage' }).click();
    await page.waitForURL(/\/workflows\/webhook-triage$/);
    await page.getByTestId('node-classify').waitFor();
    // Branch ports come from the node library through the server: classify labels and switch cases.
    for (const handle of ['handle-out-classify-billing', 'handle-out-route-ticket', 'handle-out-route-default']) {
      await page.getByTestId(handle).waitFor();
    }
    await shot('template-in-editor');

    await page.getByRole('link', { name: 'Workflows' }).click();
    const row = page.locator('[data-testid="workflow-row"][data-workflow-id="webhook-triage"]');
    await row.locator('[data-trigger="webhook"]').waitFor();
    await page.getByLabel('Search workflows').fill('triage');
    await expect.poll(() => page.getByTestId('workflow-row').count()).toBe(1);
    await shot('workflows-searched');

    // A credential's value goes to the server once and is never shown again.
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Add credential' });
    await form.getByLabel('Name').fill('triage-key');
    await form.getByLabel('Value').fill('s3cr3t-value-123');
    await form.getByRole('button', { name: 'Add credential' }).click();
    await page.getByTestId('credential-row').filter({ hasText: 'triage-key' }).waitFor();
    expect(await page.content()).not.toContain('s3cr3t-value-123');
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByTestId('workflow-webhooks').getByText(`${stack.weft.url}/hooks/`).first().waitFor();
    await shot('settings-webhooks');

    // Dark theme, and a phone-wide window with nothing wider than the screen.
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.goto(`${stack.weft.url}/workflows/webhook-triage`);
    await page.getByTestId('node-classify').waitFor();
    await shot('editor-dark');
    await page.setViewportSize({ width: 400, height: 800 });
    for (const path of ['/workflows', '/runs', '/chat', '/settings', '/workflows/webhook-triage']) {
      await page.goto(`${stack.weft.url}${path}`);
      await page.locator('main h1:visible, main h2:visible').first().waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path }).toBeLessThanOrEqual(400);
    }
    await page.goto(`${stack.weft.url}/workflows`);
    await row.waitFor();
    await shot('workflows-narrow-dark');
    await page.setViewportSize({ width: 1400, height: 900 });

    // The server going away, then a token becoming required: each page says what happened and how to go on.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${stack.weft.url}/runs`);
    await page.getByRole('heading', { name: 'The Weft server is not reachable' }).waitFor();
    await shot('server-down');
    await page.unroute('**/api/**');
    errors.length = 0;

    const created = await fetch(`${stack.weft.url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e' }),
    });
    const { token } = (await created.json()) as { token: string };
    await page.goto(`${stack.weft.url}/workflows`);
    await page.getByRole('heading', { name: 'This server needs an API token' }).waitFor();
    await shot('needs-token');
    errors.length = 0;
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await row.waitFor();
    await shot('signed-in');
  });
});

/** A generated form field by its label (required ones say so to screen readers). */
function field(page: Page, label: string): Locator {
  return page.getByLabel(new RegExp(`^${label}( \\*)?( \\(required\\))?$`));
}

/** Presses the mouse on one element's centre and releases it on another's, in small moves (as a hand would). */
async function dragBetween(from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: an element is not visible');
  const page = from.page();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

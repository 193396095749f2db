import type { Run, Step } from '@weft/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldEvents, initialLiveState, type LiveState } from './liveState.ts';
import { useRunActions } from './runActions.ts';
import { nodeRuns, stepViews, type DefinitionNode } from './runModel.ts';
import { StepInspector } from './StepInspector.tsx';

const run: Run = {
  id: 'r1',
  workflowId: 'w1',
  workflowVersion: 1,
  status: 'failed',
  input: { topic: 'cats' },
  state: {},
  options: {},
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  createdAt: 1_000,
  lastSeq: 10,
};

function step(stepId: string, attempts: Step['attempts'], status: Step['status'] = attempts.at(-1)?.status ?? 'pending'): Step {
  return { runId: 'r1', stepId, nodeId: stepId, iteration: 1, status, attempt: attempts.length, attempts };
}

function Harness({ steps, live = initialLiveState, node, runOverride }: { steps: Step[]; live?: LiveState; node: DefinitionNode; runOverride?: Partial<Run> }) {
  const actions = useRunActions('r1');
  const views = stepViews(steps, live, live.lastSeq > 0 ? live.lastSeq : 0);
  const runs = nodeRuns([node.id], views);
  return (
    <StepInspector
      run={{ ...run, ...runOverride }}
      node={node}
      nodeRun={runs.get(node.id)}
      selectedStepId={undefined}
      onSelectStep={() => {}}
      live={live}
      actions={actions}
    />
  );
}

function renderWithClient(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const llmNode: DefinitionNode = { id: 'draft', type: 'llm', params: { prompt: '{{ input.topic }}' } };

afterEach(() => vi.unstubAllGlobals());

describe('StepInspector', () => {
  it('renders LLM text as Markdown and never renders raw HTML from the model', () => {
    const text = '## Heading\n\n- first point\n- second point\n\n<script>window.pwned = true</script><b>bold?</b>';
    const { container } = renderWithClient(
      <Harness node={llmNode} steps={[step('draft', [{ attempt: 1, status: 'succeeded', output: text, startedAt: 1_000, endedAt: 2_500 }])]} />,
    );
    const output = screen.getByTestId('step-output-text');
    expect(within(output).getByRole('heading', { level: 2, name: 'Heading' })).toBeTruthy();
    expect(within(output).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['first point', 'second point']);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('renders the text of an object output with a `text` field, with a switch to the raw JSON', () => {
    renderWithClient(
      <Harness node={llmNode} steps={[step('draft', [{ attempt: 1, status: 'succeeded', output: { text: '**bold** answer', finishReason: 'stop' } }])]} />,
    );
    expect(within(screen.getByTestId('step-output-text')).getByText('bold').tagName).toBe('STRONG');
    fireEvent.click(screen.getByRole('button', { name: 'Raw JSON' }));
    expect(screen.queryByTestId('step-output-text')).toBeNull();
    expect(screen.getByRole('group', { name: 'Output' }).textContent).toContain('"stop"');
  });

  it('shows a JSON output as a tree that folds and unfolds', () => {
    const output = { items: [{ name: 'alpha' }, { name: 'beta' }], count: 2 };
    renderWithClient(<Harness node={{ id: 'shape', type: 'transform', params: {} }} steps={[step('shape', [{ attempt: 1, status: 'succeeded', output }])]} />);
    const tree = screen.getByRole('group', { name: 'Output' });
    expect(screen.queryByTestId('step-output-text')).toBeNull();
    expect(tree.textContent).toContain('count: 2');
    // Deep levels start folded: the items show as summaries until unfolded.
    expect(tree.textContent).not.toContain('"alpha"');
    fireEvent.click(within(tree).getByRole('button', { name: 'Unfold 0' }));
    expect(tree.textContent).toContain('name: "alpha"');
    fireEvent.click(within(tree).getByRole('button', { name: 'Fold items' }));
    expect(tree.textContent).not.toContain('"alpha"');
    expect(tree.textContent).toContain('2 items');
    fireEvent.click(within(tree).getByRole('button', { name: 'Unfold items' }));
    expect(tree.textContent).toContain('count: 2');
    expect(within(tree).getByRole('button', { name: 'Unfold 1' })).toBeTruthy();
  });

  it('shows every attempt as a tab, each with its own error, model, tokens, cost and duration', () => {
    const attempts: Step['attempts'] = [
      {
        attempt: 1,
        status: 'failed',
        input: { prompt: 'cats' },
        error: {
          code: 'PROVIDER_ERROR',
          message: 'OpenAI returned HTTP 429',
          retryable: true,
          details: { status: 429 },
          cause: { code: 'RATE_LIMITED', message: 'slow down', retryable: true },
        },
        model: 'openai:gpt-4o-mini',
        startedAt: 1_000,
        endedAt: 1_400,
      },
      {
        attempt: 2,
        status: 'succeeded',
        input: { prompt: 'cats' },
        output: 'Cats are great.',
        model: 'openai:gpt-4o-mini',
        usage: { inputTokens: 1200, outputTokens: 34, totalTokens: 1234, costUsd: 0.0042 },
        startedAt: 2_000,
        endedAt: 4_500,
      },
    ];
    renderWithClient(<Harness node={llmNode} steps={[step('draft', attempts)]} />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Attempt 1 ✕', 'Attempt 2 ✓']);
    // The latest attempt is shown first.
    expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel');
    expect(panel.textContent).toContain('1,200 in · 34 out · 1,234 total');
    expect(panel.textContent).toContain('$0.0042');
    expect(panel.textContent).toContain('2.50 s');
    expect(panel.textContent).toContain('openai:gpt-4o-mini');
    expect(screen.getByTestId('step-output-text').textContent).toContain('Cats are great.');
    expect(panel.textContent).not.toContain('PROVIDER_ERROR');

    fireEvent.click(screen.getByRole('tab', { name: 'Attempt 1 ✕' }));
    const first = screen.getByRole('tabpanel');
    const error = within(first).getByRole('group', { name: 'Error' });
    expect(error.textContent).toContain('PROVIDER_ERROR');
    expect(error.textContent).toContain('OpenAI returned HTTP 429');
    expect(within(error).getByRole('list', { name: 'Caused by' }).textContent).toContain('RATE_LIMITED slow down');
    expect(within(error).getByRole('group', { name: 'Error details' }).textContent).toContain('429');
    expect(first.textContent).toContain('400 ms');
    expect(screen.queryByTestId('step-output-text')).toBeNull();
  });

  it('shows the tool-call trace with inputs, outputs, errors and durations', () => {
    const toolCalls: NonNullable<Step['attempts'][number]['toolCalls']> = [
      { id: 'c1', name: 'calculator', input: { expression: '6*7' }, output: { result: 42 }, startedAt: 1_000, endedAt: 1_015 },
      { id: 'c2', name: 'http_fetch', input: { url: 'https://example.test' }, error: 'connection refused', startedAt: 1_020, endedAt: 2_020 },
    ];
    renderWithClient(
      <Harness node={{ id: 'agent', type: 'agent', params: {} }} steps={[step('agent', [{ attempt: 1, status: 'succeeded', output: 'The answer is 42', toolCalls }])]} />,
    );
    const trace = screen.getByRole('list', { name: 'Tool calls' });
    const calls = within(trace).getAllByRole('listitem', { hidden: false }).filter((li) => li.classList.contains('tool-call'));
    expect(calls).toHaveLength(2);
    expect(calls[0]?.textContent).toContain('calculator');
    expect(calls[0]?.textContent).toContain('15 ms');
    expect(within(calls[0] as HTMLElement).getByRole('group', { name: 'calculator input' }).textContent).toContain('"6*7"');
    expect(within(calls[0] as HTMLElement).getByRole('group', { name: 'calculator output' }).textContent).toContain('result: 42');
    expect(calls[1]?.textContent).toContain('connection refused');
    expect(calls[1]?.textContent).toContain('1.00 s');
  });

  it('streams the model’s text with a cursor while the step runs, from the live events', () => {
    const live = foldEvents(initialLiveState, [
      { runId: 'r1', seq: 1, type: 'step.started', at: 1_000, stepId: 'draft', data: { nodeId: 'draft', attempt: 1 } },
      { runId: 'r1', seq: 2, type: 'llm.token', at: 1_100, stepId: 'draft', data: { text: '## Stream' } },
      { runId: 'r1', seq: 3, type: 'llm.token', at: 1_200, stepId: 'draft', data: { text: 'ing\n\n- so far' } },
    ]);
    // The stored step has not caught up yet: only the stream knows it runs.
    const { container } = renderWithClient(<Harness node={llmNode} steps={[]} live={live} runOverride={{ status: 'running', lastSeq: 3 }} />);
    const stream = screen.getByTestId('step-stream-text');
    expect(within(stream).getByRole('heading', { level: 2, name: 'Streaming' })).toBeTruthy();
    expect(within(stream).getByRole('listitem').textContent).toBe('so far');
    expect(container.querySelector('.typing-cursor')).not.toBeNull();
    expect(screen.getByRole('tab', { name: 'Attempt 1 ●' })).toBeTruthy();
    expect(screen.queryByTestId('step-output-text')).toBeNull();
  });

  it('retries a failed step with POST /api/runs/:id/steps/:stepId/retry', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ run: { ...run, status: 'running' } }), { status: 202, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const failed = step('each[2]', [{ attempt: 1, status: 'failed', error: { code: 'BOOM', message: 'no', retryable: false } }]);
    renderWithClient(<Harness node={{ id: 'each[2]', type: 'llm', params: {} }} steps={[failed]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retry step' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/runs/r1/steps/each%5B2%5D/retry');
    expect(init.method).toBe('POST');
  });

  it('offers Retry step only once the run has ended', () => {
    const failed = step('draft', [{ attempt: 1, status: 'failed', error: { code: 'BOOM', message: 'no', retryable: false } }]);
    renderWithClient(<Harness node={llmNode} steps={[failed]} runOverride={{ status: 'running' }} />);
    expect((screen.getByRole('button', { name: 'Retry step' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('approves a waiting approval step with its port and the form fields', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ run }), { status: 202, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const waiting: Step = {
      ...step('ok', [{ attempt: 1, status: 'waiting' }], 'waiting'),
      waitingFor: { reason: { kind: 'approval', message: 'Publish it?', fields: [{ name: 'comment', type: 'text', label: 'Comment' }], ports: ['approve', 'reject'] } },
    };
    renderWithClient(<Harness node={{ id: 'ok', type: 'approval', params: {} }} steps={[waiting]} runOverride={{ status: 'waiting' }} />);
    expect(screen.getByText('Publish it?')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'ship it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/runs/r1/resume');
    expect(JSON.parse(String(init.body))).toEqual({ stepId: 'ok', port: 'approve', output: { comment: 'ship it', approved: true, decision: 'approve' } });
    expect(screen.getByRole('button', { name: 'Reject' })).toBeTruthy();
  });
});

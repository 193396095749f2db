import { describe, expect, it } from 'vitest';
import { workflow, type Json, type ModelToolCall } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

const call = (id: string, name: string, input: Json): ModelToolCall => ({ id, name, input });

function agent(params: Record<string, unknown> = {}) {
  return workflow('agent')
    .node('agent', 'agent', { prompt: 'What is {{ input }}?', tools: ['calculator'], ...params })
    .build();
}

describe('agent: the tool loop', () => {
  it('calls a tool, feeds the result back and returns the final answer, with the whole trace stored', async () => {
    const t = createTestEngine({
      model: [
        { text: 'Let me compute.', toolCalls: [call('c1', 'calculator', { expression: '6*7' })] },
        { text: 'The answer is 42.' },
      ],
    });
    const view = await t.run(
      agent({ system: 'Be exact.', temperature: 0.1, maxTokens: 100 }),
      'six times seven',
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('The answer is 42.');

    const [first, second] = t.model?.requests ?? [];
    expect(first).toMatchObject({
      system: 'Be exact.',
      temperature: 0.1,
      maxOutputTokens: 100,
      idempotencyKey: `${view.run.id}:agent:1`,
    });
    expect(first?.messages).toEqual([{ role: 'user', content: 'What is six times seven?' }]);
    expect(first?.tools?.map((tool) => tool.name)).toEqual(['calculator']);
    expect(first?.tools?.[0]?.inputSchema).toMatchObject({
      type: 'object',
      properties: { expression: { type: 'string' } },
      required: ['expression'],
    });
    expect(second?.idempotencyKey).toBe(`${view.run.id}:agent:2`);
    expect(second?.messages).toEqual([
      { role: 'user', content: 'What is six times seven?' },
      {
        role: 'assistant',
        content: 'Let me compute.',
        toolCalls: [call('c1', 'calculator', { expression: '6*7' })],
      },
      { role: 'tool', toolCallId: 'c1', toolName: 'calculator', content: { expression: '6*7', result: 42 } },
    ]);

    const attempt = view.attempt('agent');
    expect(attempt.toolCalls).toEqual([
      {
        id: 'c1',
        name: 'calculator',
        input: { expression: '6*7' },
        output: { expression: '6*7', result: 42 },
        startedAt: expect.any(Number),
        endedAt: expect.any(Number),
      },
    ]);
    // Usage of every turn is on the attempt (the scripted model charges 10 input tokens a turn).
    expect(attempt.usage?.inputTokens).toBe(20);
    expect(view.run.usage.inputTokens).toBe(20);

    expect(view.eventsOf('llm.tool_call').map((e) => e.data)).toEqual([
      { id: 'c1', name: 'calculator', input: { expression: '6*7' } },
    ]);
    expect(view.eventsOf('llm.tool_result').map((e) => e.data)).toEqual([
      { id: 'c1', name: 'calculator', ok: true },
    ]);
    const seq = (type: 'llm.tool_call' | 'llm.tool_result' | 'step.succeeded') =>
      view.eventsOf(type, 'agent')[0]?.seq ?? 0;
    expect(seq('llm.tool_call')).toBeLessThan(seq('llm.tool_result'));
    expect(seq('llm.tool_result')).toBeLessThan(seq('step.succeeded'));
  });

  it('runs two tool calls of one turn in order and returns both results', async () => {
    const t = createTestEngine({
      model: [
        {
          toolCalls: [
            call('a', 'calculator', { expression: '2^10' }),
            call('b', 'calculator', { expression: 'sqrt(81)' }),
          ],
        },
        { text: '1024 and 9' },
      ],
    });
    const view = await t.run(agent(), 'two sums');
    expect(view.run.output).toBe('1024 and 9');
    expect(t.model?.requests[1]?.messages.slice(2)).toEqual([
      {
        role: 'tool',
        toolCallId: 'a',
        toolName: 'calculator',
        content: { expression: '2^10', result: 1024 },
      },
      {
        role: 'tool',
        toolCallId: 'b',
        toolName: 'calculator',
        content: { expression: 'sqrt(81)', result: 9 },
      },
    ]);
    expect(view.attempt('agent').toolCalls?.map((c) => [c.id, c.output])).toEqual([
      ['a', { expression: '2^10', result: 1024 }],
      ['b', { expression: 'sqrt(81)', result: 9 }],
    ]);
    expect(view.eventsOf('llm.tool_call').map((e) => (e.data as { id: string }).id)).toEqual(['a', 'b']);
  });

  it.each<{ name: string; toolCall: ModelToolCall; error: RegExp }>([
    {
      name: 'an unknown tool',
      toolCall: call('x', 'weather', { city: 'Oslo' }),
      error: /^unknown tool 'weather'; available: calculator, http_fetch$/,
    },
    {
      name: 'bad arguments',
      toolCall: call('x', 'calculator', { expr: '1+1' }),
      error: /^Invalid arguments for tool "calculator":\n[\s\S]*expression/,
    },
    {
      name: 'a calculator error',
      toolCall: call('x', 'calculator', { expression: '1/0' }),
      error: /^Division by zero at position 2\.$/,
    },
    {
      name: 'http_fetch to a blocked address',
      toolCall: call('x', 'http_fetch', { url: 'http://127.0.0.1:9/admin' }),
      error: /^Egress blocked: http:\/\/127\.0\.0\.1:9\/admin .*loopback.*allowlist/,
    },
  ])(
    'feeds $name back to the model as an error result, and the step still succeeds',
    async ({ toolCall, error }) => {
      const t = createTestEngine({
        model: [{ toolCalls: [toolCall] }, { text: 'Sorry, that did not work.' }],
      });
      const view = await t.run(agent({ tools: ['calculator', 'http_fetch'] }), 'x');
      expect(view.run.status).toBe('succeeded');
      expect(view.run.output).toBe('Sorry, that did not work.');
      const result = t.model?.requests[1]?.messages[2];
      expect(result).toEqual({
        role: 'tool',
        toolCallId: 'x',
        toolName: toolCall.name,
        content: { error: expect.stringMatching(error) },
        isError: true,
      });
      expect(view.attempt('agent').toolCalls).toEqual([
        {
          id: 'x',
          name: toolCall.name,
          input: toolCall.input,
          error: expect.stringMatching(error),
          startedAt: expect.any(Number),
          endedAt: expect.any(Number),
        },
      ]);
      expect(view.eventsOf('llm.tool_result').map((e) => e.data)).toEqual([
        { id: 'x', name: toolCall.name, ok: false, error: expect.stringMatching(error) },
      ]);
    },
  );
});

describe('agent: maxSteps', () => {
  it('offers no tools on the last allowed turn and returns its text', async () => {
    const t = createTestEngine({
      model: [{ toolCalls: [call('c1', 'calculator', { expression: '1+1' })] }, { text: 'It is 2.' }],
    });
    const view = await t.run(agent({ maxSteps: 2 }), 'one plus one');
    expect(view.run.output).toBe('It is 2.');
    expect(t.model?.requests.map((r) => r.tools?.map((tool) => tool.name))).toEqual([
      ['calculator'],
      undefined,
    ]);
  });

  it('does not run tool calls the model still makes on the last turn', async () => {
    const t = createTestEngine({
      model: [
        { toolCalls: [call('c1', 'calculator', { expression: '1+1' })] },
        { text: 'Best effort: 2.', toolCalls: [call('c2', 'calculator', { expression: '2+2' })] },
      ],
    });
    const view = await t.run(agent({ maxSteps: 2 }), 'x');
    expect(view.run.output).toBe('Best effort: 2.');
    expect(view.attempt('agent').toolCalls?.map((c) => c.id)).toEqual(['c1']);
    expect(t.model?.remaining).toBe(0);
  });

  it('with maxSteps 1 makes a single call without tools', async () => {
    const t = createTestEngine({ model: [{ text: 'Straight answer.' }] });
    const view = await t.run(agent({ maxSteps: 1 }), 'x');
    expect(view.run.output).toBe('Straight answer.');
    expect(t.model?.requests).toHaveLength(1);
    expect(t.model?.requests[0]?.tools).toBeUndefined();
  });

  it('with no tools offers none and answers in one turn', async () => {
    const t = createTestEngine({ model: [{ text: 'Hello.' }] });
    const view = await t.run(agent({ tools: [] }), 'x');
    expect(view.run.output).toBe('Hello.');
    expect(t.model?.requests[0]?.tools).toBeUndefined();
    expect(view.attempt('agent').toolCalls).toBeUndefined();
  });
});

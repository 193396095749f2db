import type { RunEventMessage } from '@weft/api';
import { describe, expect, it } from 'vitest';
import { toArray } from './chunkedList.ts';
import { foldEvents, initialLiveState, nodeIdOfStep, summarizeEvent } from './liveState.ts';

let at = 1_000;
function ev(seq: number, type: RunEventMessage['type'], stepId?: string, data: RunEventMessage['data'] = {}): RunEventMessage {
  at += 10;
  return { runId: 'r1', seq, type, at, data, ...(stepId === undefined ? {} : { stepId }) };
}

const story: RunEventMessage[] = [
  ev(1, 'run.created', undefined, { workflowId: 'w', version: 1 }),
  ev(2, 'run.started'),
  ev(3, 'step.started', 'draft', { nodeId: 'draft', type: 'llm', attempt: 1, iteration: 1 }),
  ev(4, 'llm.token', 'draft', { text: '## Hi' }),
  ev(5, 'llm.token', 'draft', { text: ' there' }),
  ev(6, 'step.succeeded', 'draft', { nodeId: 'draft', ports: ['out'], durationMs: 20 }),
  ev(7, 'step.started', 'each[0]', { nodeId: 'each', attempt: 1, index: 0 }),
  ev(8, 'step.failed', 'each[0]', { nodeId: 'each', error: { code: 'BOOM', message: 'no', retryable: false } }),
  ev(9, 'run.failed', undefined, { error: { code: 'NODE_FAILED', message: 'x', retryable: false } }),
];

describe('foldEvents', () => {
  it('folds events into run and step statuses', () => {
    const state = foldEvents(initialLiveState, story);
    expect(state.lastSeq).toBe(9);
    expect(state.runStatus).toBe('failed');
    expect(state.steps['draft']).toMatchObject({ status: 'succeeded', nodeId: 'draft', attempt: 1 });
    expect(state.steps['each[0]']).toMatchObject({ status: 'failed', nodeId: 'each' });
  });

  it('shows a running step while it streams, with the text so far', () => {
    const state = foldEvents(initialLiveState, story.slice(0, 5));
    expect(state.runStatus).toBe('running');
    expect(state.steps['draft']?.status).toBe('running');
    expect(state.streams['draft']).toBe('## Hi there');
  });

  it('collapses a step’s tokens into one timeline line counting the characters', () => {
    const state = foldEvents(initialLiveState, story);
    const lines = toArray(state.timeline).map((e) => (e.kind === 'tokens' ? `tokens:${e.stepId}:${e.chars}` : e.event.type));
    expect(lines).toEqual([
      'run.created',
      'run.started',
      'step.started',
      'tokens:draft:11',
      'step.succeeded',
      'step.started',
      'step.failed',
      'run.failed',
    ]);
  });

  it('ignores events it has already seen, so a replay after a reconnect changes nothing', () => {
    const once = foldEvents(initialLiveState, story.slice(0, 6));
    const again = foldEvents(once, story.slice(2, 6));
    expect(again).toBe(once);
    const twice = foldEvents(foldEvents(initialLiveState, story), story);
    expect(twice.streams['draft']).toBe('## Hi there');
    expect(twice.timeline.length).toBe(8);
    // Duplicates inside one batch and out-of-order seqs are folded once, in seq order.
    const shuffled = foldEvents(initialLiveState, [story[4], story[3], story[3], story[2], story[0], story[1]] as RunEventMessage[]);
    expect(shuffled.streams['draft']).toBe('## Hi there');
    expect(shuffled.timeline.length).toBe(4);
  });

  it('starts a new attempt’s stream afresh and puts a reset step back to pending', () => {
    let state = foldEvents(initialLiveState, story.slice(0, 5));
    state = foldEvents(state, [
      ev(6, 'step.retrying', 'draft', { nodeId: 'draft', attempt: 1, delayMs: 5 }),
      ev(7, 'step.started', 'draft', { nodeId: 'draft', attempt: 2, iteration: 1 }),
      ev(8, 'llm.token', 'draft', { text: 'second' }),
    ]);
    expect(state.steps['draft']).toMatchObject({ status: 'running', attempt: 2 });
    expect(state.streams['draft']).toBe('second');
    expect(toArray(state.timeline).filter((e) => e.kind === 'tokens')).toHaveLength(2);
    state = foldEvents(state, [ev(9, 'step.reset', 'draft', { nodeId: 'draft', retriedStep: 'draft' })]);
    expect(state.steps['draft']?.status).toBe('pending');
    expect(state.streams['draft']).toBeUndefined();
  });

  it('follows tool calls and their results', () => {
    const state = foldEvents(initialLiveState, [
      ev(1, 'step.started', 'agent', { nodeId: 'agent', attempt: 1 }),
      ev(2, 'llm.tool_call', 'agent', { id: 'c1', name: 'calculator', input: { expression: '2+2' } }),
      ev(3, 'llm.tool_call', 'agent', { id: 'c2', name: 'http_fetch', input: { url: 'x' } }),
      ev(4, 'llm.tool_result', 'agent', { id: 'c1', name: 'calculator', ok: true }),
      ev(5, 'llm.tool_result', 'agent', { id: 'c2', name: 'http_fetch', ok: false, error: 'refused' }),
    ]);
    expect(state.toolCalls['agent']).toMatchObject([
      { id: 'c1', name: 'calculator', input: { expression: '2+2' }, ok: true },
      { id: 'c2', name: 'http_fetch', ok: false, error: 'refused' },
    ]);
    expect(state.toolCalls['agent']?.[0]?.endedAt).toBeTypeOf('number');
  });

  it('marks waiting, skipped and cancelled steps and a waiting run', () => {
    const state = foldEvents(initialLiveState, [
      ev(1, 'step.waiting', 'ok', { nodeId: 'ok', reason: { kind: 'approval', message: 'Publish?' } }),
      ev(2, 'run.waiting'),
      ev(3, 'step.skipped', 'drop', { nodeId: 'drop' }),
      ev(4, 'step.cancelled', 'loop#2', {}),
    ]);
    expect(state.runStatus).toBe('waiting');
    expect(state.steps['ok']?.status).toBe('waiting');
    expect(state.steps['drop']?.status).toBe('skipped');
    expect(state.steps['loop#2']).toMatchObject({ status: 'cancelled', nodeId: 'loop' });
  });

  it('marks steps still going when the run ends as cancelled, as the engine stores them', () => {
    const state = foldEvents(initialLiveState, [
      ev(1, 'step.waiting', 'ok', { nodeId: 'ok', reason: { kind: 'approval' } }),
      ev(2, 'step.started', 'other', { nodeId: 'other' }),
      ev(3, 'step.succeeded', 'other', { nodeId: 'other' }),
      ev(4, 'run.cancelled', undefined, { error: { code: 'CANCELLED', message: 'Cancelled', retryable: false } }),
    ]);
    expect(state.steps['ok']?.status).toBe('cancelled');
    expect(state.steps['other']?.status).toBe('succeeded');
  });
});

describe('helpers', () => {
  it('finds the node of a step id', () => {
    expect(nodeIdOfStep('each[2]')).toBe('each');
    expect(nodeIdOfStep('loop#3')).toBe('loop');
    expect(nodeIdOfStep('draft')).toBe('draft');
  });

  it('summarizes events in one line', () => {
    expect(summarizeEvent(ev(1, 'step.failed', 'a', { error: { code: 'BOOM', message: 'it broke', retryable: false } }))).toBe('BOOM: it broke');
    expect(summarizeEvent(ev(2, 'step.succeeded', 'a', { ports: ['out'], durationMs: 12, usage: { totalTokens: 64 } }))).toBe('→ out · 12 ms · 64 tokens');
    expect(summarizeEvent(ev(3, 'step.waiting', 'a', { reason: { message: 'Publish?' } }))).toBe('Publish?');
  });
});

import { describe, expect, it } from 'vitest';
import { parsePinnedSteps, parseRunInput } from './json-input.ts';

describe('run input', () => {
  it('sends JSON as JSON, other text as a string, blank as nothing', () => {
    expect(parseRunInput('{"a": 1}')).toEqual({ input: { a: 1 }, asText: false });
    expect(parseRunInput('42')).toEqual({ input: 42, asText: false });
    expect(parseRunInput('hello there')).toEqual({ input: 'hello there', asText: true });
    expect(parseRunInput('  ')).toEqual({ asText: false });
  });

  it('takes pinned outputs as an object by node id', () => {
    expect(parsePinnedSteps('')).toEqual({ ok: true, value: undefined });
    expect(parsePinnedSteps('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parsePinnedSteps('[1]')).toMatchObject({ ok: false });
    expect(parsePinnedSteps('{')).toMatchObject({ ok: false });
  });
});

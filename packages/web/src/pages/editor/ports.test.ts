import { describe, expect, it } from 'vitest';
import { edgePortFor, edgeSourcePort, outputPorts } from './ports.ts';
import type { NodeTypeInfo } from './types.ts';

const info = (type: string, outputs: string[], dynamicOutputs = false): NodeTypeInfo => ({
  type,
  version: 1,
  category: 'flow',
  title: type,
  description: '',
  paramsSchema: {},
  outputs,
  dynamicOutputs,
  errorPort: 'error',
  rawParams: [],
});

describe('output ports', () => {
  it('lists static ports, and ports from params for switch and classify', () => {
    expect(outputPorts(info('llm', ['out']))).toEqual(['out']);
    expect(outputPorts(info('if', ['true', 'false']))).toEqual(['true', 'false']);
    expect(outputPorts(undefined)).toEqual(['out']);
    const sw = info('switch', ['bug', 'default'], true);
    expect(outputPorts(sw, { cases: [{ port: 'a' }, { port: 'b' }, { port: 'a' }, null, { port: '' }] })).toEqual(['a', 'b', 'default']);
    expect(outputPorts(sw, { cases: '{{ x }}' })).toEqual(['default']);
    const classify = info('classify', ['out'], true);
    expect(outputPorts(classify, { labels: ['bug', { name: 'feature' }, 'out', 'error'] })).toEqual(['out', 'bug', 'feature']);
    expect(outputPorts(classify, { labels: ['x'], multiLabel: true })).toEqual(['out', 'x', 'none']);
  });

  it('leaves the port out for a single output, names it otherwise', () => {
    expect(edgePortFor('out', ['out'])).toBeUndefined();
    expect(edgePortFor(null, ['out'])).toBeUndefined();
    expect(edgePortFor('error', ['out'])).toBe('error');
    expect(edgePortFor('false', ['true', 'false'])).toBe('false');
    expect(edgePortFor(null, ['true', 'false'])).toBe('true');
  });

  it('draws an edge without port from the first port', () => {
    expect(edgeSourcePort({ from: 'a', to: 'b' }, ['true', 'false'])).toBe('true');
    expect(edgeSourcePort({ from: 'a', to: 'b', port: 'error' }, ['out'])).toBe('error');
  });
});

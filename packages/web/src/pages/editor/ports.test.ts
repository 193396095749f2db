import { describe, expect, it } from 'vitest';
import { edgePortFor, edgeSourcePort, outputPorts, portsResolver } from './ports.ts';
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
  it('lists static ports, and the ports the server computed for nodes whose ports depend on params', () => {
    expect(outputPorts(info('llm', ['out']))).toEqual(['out']);
    expect(outputPorts(info('if', ['true', 'false']), ['ignored'])).toEqual(['true', 'false']);
    expect(outputPorts(undefined)).toEqual(['out']);
    const sw = info('switch', ['bug', 'default'], true);
    expect(outputPorts(sw)).toEqual(['bug', 'default']);
    expect(outputPorts(sw, ['a', 'b', 'default'])).toEqual(['a', 'b', 'default']);
    expect(outputPorts(sw, [])).toEqual(['out']);
    const portsOf = portsResolver(new Map([['switch', sw]]), { route: ['x', 'default'] });
    expect(portsOf({ id: 'route', type: 'switch', params: {} })).toEqual(['x', 'default']);
    expect(portsOf({ id: 'fresh', type: 'switch', params: {} })).toEqual(['bug', 'default']);
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

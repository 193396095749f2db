import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_WIDTH } from './layout.ts';

describe('auto-layout', () => {
  it('places nodes left to right along the edges, branches apart', () => {
    const positions = autoLayout(
      [{ id: 'start' }, { id: 'yes' }, { id: 'no' }, { id: 'end' }, { id: 'alone' }],
      [
        { from: 'start', to: 'yes' },
        { from: 'start', to: 'no' },
        { from: 'yes', to: 'end' },
        { from: 'no', to: 'end' },
        { from: 'end', to: 'missing' },
      ],
    );
    const p = (id: string) => positions[id] ?? { x: NaN, y: NaN };
    expect(p('yes').x).toBeGreaterThanOrEqual(p('start').x + NODE_WIDTH);
    expect(p('end').x).toBeGreaterThan(p('yes').x);
    expect(p('yes').x).toBe(p('no').x);
    expect(p('yes').y).not.toBe(p('no').y);
    expect(Object.keys(positions).sort()).toEqual(['alone', 'end', 'no', 'start', 'yes']);
    for (const { x, y } of Object.values(positions)) expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
  });
});

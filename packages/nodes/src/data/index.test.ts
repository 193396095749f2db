import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateWorkflow, type JsonObject } from '@weft/engine';
import { createTestEngine } from '../testing/index.ts';
import { dataNodes } from './index.ts';

describe('dataNodes', () => {
  it('has unique types, each documented in the data category', () => {
    expect(new Set(dataNodes.map((n) => n.type)).size).toBe(dataNodes.length);
    for (const node of dataNodes) {
      expect(node.category).toBe('data');
      expect(node.description.length, node.type).toBeGreaterThan(80);
      expect(node.example, node.type).toBeDefined();
    }
  });

  it.each(dataNodes.map((n) => [n.type, n] as const))('%s: its example validates and its params export as JSON Schema', (type, node) => {
    const t = createTestEngine({ nodes: dataNodes });
    const result = validateWorkflow({ name: 'example', nodes: [{ id: 'n', type, params: node.example as JsonObject }] }, t.registry);
    expect(result).toMatchObject({ ok: true });
    expect(() => z.toJSONSchema(node.params, { io: 'input', unrepresentable: 'any' })).not.toThrow();
  });
});

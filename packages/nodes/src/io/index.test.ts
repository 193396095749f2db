import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEgressClient } from '../egress/index.ts';
import { createIoNodes } from './index.ts';

describe('createIoNodes', () => {
  const nodes = createIoNodes({ egress: createEgressClient() });

  it('builds http, code, shell, files and approval', () => {
    expect(nodes.map((n) => n.type)).toEqual(['http', 'code', 'shell', 'files', 'approval']);
  });

  it.each(nodes.map((n) => ({ type: n.type, node: n })))(
    '$type has a description, a valid example and a JSON Schema for its params',
    ({ node }) => {
      expect(node.description.length).toBeGreaterThan(40);
      expect(node.params.safeParse(node.example).success).toBe(true);
      expect(() => z.toJSONSchema(node.params, { io: 'input', unrepresentable: 'any' })).not.toThrow();
    },
  );
});

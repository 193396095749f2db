import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../workflow/schema.ts';
import { definition, type ConformanceContext } from './fixtures.ts';

/** Workflow versions: content-addressed, numbered per workflow, latest or by number. */
export function describeWorkflowVersions(ctx: ConformanceContext): void {
  describe('workflow versions', () => {
    it('saves the first version as 1 and reads it back', async () => {
      const saved = await ctx.store().saveWorkflowVersion('wf', definition());
      expect(saved).toMatchObject({ workflowId: 'wf', version: 1, definition: definition() });
      expect(saved.hash).toMatch(/\S/);
      expect(typeof saved.createdAt).toBe('number');
      expect(await ctx.store().getWorkflowVersion('wf')).toStrictEqual(saved);
      expect(await ctx.store().getWorkflowVersion('wf', 1)).toStrictEqual(saved);
    });

    it('returns the existing version for identical content, whatever the key order', async () => {
      const store = ctx.store();
      const first = await store.saveWorkflowVersion('wf', definition());
      expect(await store.saveWorkflowVersion('wf', definition())).toStrictEqual(first);
      expect(
        await store.saveWorkflowVersion('wf', reverseKeys(definition()) as WorkflowDefinition),
      ).toStrictEqual(first);
    });

    it('numbers changed content as the next version and keeps every version', async () => {
      const store = ctx.store();
      const v1 = await store.saveWorkflowVersion('wf', definition('one'));
      const v2 = await store.saveWorkflowVersion('wf', definition('two'));
      expect(v2.version).toBe(2);
      expect(v2.hash).not.toBe(v1.hash);
      expect(await store.getWorkflowVersion('wf')).toStrictEqual(v2);
      expect(await store.getWorkflowVersion('wf', 1)).toStrictEqual(v1);
      expect((await store.getWorkflowVersion('wf', 2))?.definition.name).toBe('two');
    });

    it('saving older content again makes it the newest version', async () => {
      const store = ctx.store();
      const v1 = await store.saveWorkflowVersion('wf', definition('one'));
      await store.saveWorkflowVersion('wf', definition('two'));
      const v3 = await store.saveWorkflowVersion('wf', definition('one'));
      expect(v3).toMatchObject({ version: 3, hash: v1.hash });
      expect((await store.getWorkflowVersion('wf'))?.version).toBe(3);
    });

    it('numbers each workflow on its own', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('a', definition('one'));
      await store.saveWorkflowVersion('a', definition('two'));
      expect((await store.saveWorkflowVersion('b', definition('one'))).version).toBe(1);
    });

    it.each([
      ['unknown workflow', 'nope', undefined],
      ['unknown workflow and version', 'nope', 1],
      ['unknown version', 'wf', 7],
    ])('returns undefined for an %s', async (_case, workflowId, version) => {
      await ctx.store().saveWorkflowVersion('wf', definition());
      expect(await ctx.store().getWorkflowVersion(workflowId, version)).toBeUndefined();
    });

    it('keeps stored definitions apart from the objects callers hold', async () => {
      const store = ctx.store();
      const input = definition();
      const saved = await store.saveWorkflowVersion('wf', input);
      input.name = 'mutated input';
      saved.definition.name = 'mutated result';
      expect((await store.getWorkflowVersion('wf'))?.definition).toStrictEqual(definition());
    });
  });
}

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ArtifactRecord, ArtifactStore } from '../ports/artifact-store.ts';
import { defineNode, type NodeType } from '../nodes/define-node.ts';
import { FakeClock, MemoryRunStore, testRegistry } from '../testing/index.ts';
import { workflowSchema } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';

class ListArtifacts implements ArtifactStore {
  readonly files: { record: ArtifactRecord; data: Uint8Array }[] = [];
  async put(artifact: Omit<ArtifactRecord, 'id' | 'size'>, data: Uint8Array): Promise<ArtifactRecord> {
    const record = { ...artifact, id: `a${this.files.length}`, size: data.byteLength };
    this.files.push({ record, data });
    return record;
  }
  async list(runId: string) {
    return this.files.filter((f) => f.record.runId === runId).map((f) => f.record);
  }
  async get(runId: string, id: string) {
    return this.files.find((f) => f.record.runId === runId && f.record.id === id);
  }
}

const writer = defineNode({
  type: 'writer',
  version: 1,
  category: 'test',
  title: 'writer',
  description: 'stores an artifact and reports its workspace',
  params: z.object({}),
  async run(ctx) {
    const record = await ctx.artifacts.put('notes.txt', 'hello', 'text/plain');
    return { output: { id: record.id, workspace: ctx.workspace } };
  },
});

describe('artifacts and workspaces', () => {
  it('stores a node’s file, announces it, and gives each run (or named project) its workspace', async () => {
    const store = new MemoryRunStore();
    const artifacts = new ListArtifacts();
    const engine = createEngine({ store, registry: testRegistry([writer as NodeType]), clock: new FakeClock(), artifacts, workspaceRoot: '/tmp/ws' });
    const plain = await (await engine.startRun({ workflow: workflowSchema.parse({ name: 'w', nodes: [{ id: 'a', type: 'writer' }] }) })).done;
    expect(plain.output).toEqual({ id: 'a0', workspace: `/tmp/ws/runs/${plain.id}` });
    expect(new TextDecoder().decode(artifacts.files[0]?.data)).toBe('hello');
    expect(artifacts.files[0]?.record).toMatchObject({ runId: plain.id, stepId: 'a', name: 'notes.txt', contentType: 'text/plain', size: 5 });
    const events = await store.listEvents(plain.id, 0, 100);
    expect(events.find((e) => e.type === 'artifact.created')?.data).toMatchObject({ id: 'a0', name: 'notes.txt', size: 5 });
    const project = await (
      await engine.startRun({ workflow: workflowSchema.parse({ name: 'p', workspace: 'site', nodes: [{ id: 'a', type: 'writer' }] }) })
    ).done;
    expect((project.output as { workspace: string }).workspace).toBe('/tmp/ws/projects/site');
    await engine.close();
  });
});

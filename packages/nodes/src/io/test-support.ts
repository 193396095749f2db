// Doubles for io node tests: an in-memory artifact store, a secret resolver over a map, and a
// temporary folder removed when the test ends. Not exported from the package index.
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactRecord, ArtifactStore, SecretResolver } from '@weft/engine';
import { onTestFinished } from 'vitest';

/** Artifacts kept in memory, readable back by tests. */
export class MemoryArtifacts implements ArtifactStore {
  readonly files: { record: ArtifactRecord; data: Uint8Array }[] = [];

  async put(artifact: Omit<ArtifactRecord, 'id' | 'size'>, data: Uint8Array): Promise<ArtifactRecord> {
    const record = { ...artifact, id: `a${this.files.length + 1}`, size: data.byteLength };
    this.files.push({ record, data: new Uint8Array(data) });
    return record;
  }

  async list(runId: string): Promise<ArtifactRecord[]> {
    return this.files.filter((f) => f.record.runId === runId).map((f) => f.record);
  }

  async get(runId: string, id: string): Promise<{ record: ArtifactRecord; data: Uint8Array } | undefined> {
    return this.files.find((f) => f.record.runId === runId && f.record.id === id);
  }

  /** The text of the artifact named `name` (the latest one), or undefined. */
  text(name: string): string | undefined {
    const found = this.files.findLast((f) => f.record.name === name);
    return found && new TextDecoder().decode(found.data);
  }
}

/** A secret resolver over fixed values. */
export function secretsOf(values: Record<string, string | Record<string, string>>): SecretResolver {
  return { resolve: async (name) => values[name] };
}

/** A fresh temporary folder (real path, symlinks resolved), removed when the test ends. */
export async function tempDir(prefix = 'weft-io-'): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

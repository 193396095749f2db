import { randomBytes } from 'node:crypto';
import type { ArtifactRecord, ArtifactStore } from '@weft/engine';

/** An artifact store in memory, for in-process tests. */
export function memoryArtifactStore(): ArtifactStore {
  const files = new Map<string, { record: ArtifactRecord; data: Uint8Array }>();
  return {
    async put(artifact, data) {
      const record: ArtifactRecord = { ...artifact, id: randomBytes(16).toString('hex'), size: data.byteLength };
      files.set(`${record.runId}/${record.id}`, { record, data: data.slice() });
      return record;
    },
    async list(runId) {
      return [...files.values()].filter((f) => f.record.runId === runId).map((f) => f.record);
    },
    async get(runId, id) {
      return files.get(`${runId}/${id}`);
    },
  };
}

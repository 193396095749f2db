/** A file a run produced. */
export interface ArtifactRecord {
  id: string;
  runId: string;
  stepId: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: number;
}

/** Files runs produce (written files, shell output, binary responses). A folder by default. */
export interface ArtifactStore {
  put(artifact: Omit<ArtifactRecord, 'id' | 'size'>, data: Uint8Array): Promise<ArtifactRecord>;
  list(runId: string): Promise<ArtifactRecord[]>;
  get(runId: string, id: string): Promise<{ record: ArtifactRecord; data: Uint8Array } | undefined>;
}

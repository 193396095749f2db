import { apiRoutes, routeUrl } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import { errorText, useToast } from '../../ui/toasts.tsx';

/** "1.2 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The files the run produced, each with a download button; refreshed when `artifact.created` arrives. */
export function ArtifactList({ runId }: { runId: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string>();
  const query = useQuery({
    queryKey: keys.artifacts(runId),
    queryFn: ({ signal }) => call(apiRoutes.listRunArtifacts, { params: { id: runId }, signal }),
    select: (data) => data.artifacts,
  });
  const artifacts = query.data ?? [];
  if (query.isPending || (artifacts.length === 0 && !query.isError)) return null;
  return (
    <section className="card artifacts" aria-label="Artifacts">
      <h2>Artifacts</h2>
      {query.isError ? (
        <p className="field-error">Could not list the artifacts: {errorText(query.error)}</p>
      ) : (
        <ul className="artifact-list">
          {artifacts.map((a) => (
            <li key={a.id}>
              <span className="artifact-name mono">{a.name}</span>
              <span className="muted">
                {a.contentType} · {fileSize(a.size)} · step <code>{a.stepId}</code>
              </span>
              <button
                type="button"
                className="small"
                disabled={busy === a.id}
                aria-label={`Download ${a.name}`}
                onClick={() => {
                  setBusy(a.id);
                  downloadFile(routeUrl(apiRoutes.downloadRunArtifact, { id: runId, artifactId: a.id }), { name: a.name })
                    .catch((error: unknown) => toast(`Download failed: ${errorText(error)}`, 'error'))
                    .finally(() => setBusy(undefined));
                }}
              >
                ⭳ Download
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { apiRoutes, routeUrl } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call, request } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { errorText, useToast } from '../../ui/toasts.tsx';

/** "1.2 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Downloads a file with the API token (a plain link could not send it): fetch it, then save the blob
 * through a temporary object URL.
 */
async function download(runId: string, artifactId: string, name: string): Promise<void> {
  const response = await request(routeUrl(apiRoutes.downloadRunArtifact, { id: runId, artifactId }));
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
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
                  download(runId, a.id, a.name)
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

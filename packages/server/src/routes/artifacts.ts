import { apiRoutes } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/;

async function assertRun(services: ServerServices, runId: string): Promise<void> {
  if (!(await services.store.getRun(runId))) throw new NotFoundError(`Run '${runId}' not found`);
}

export const listRunArtifacts = route(apiRoutes.listRunArtifacts, async ({ params, services }) => {
  await assertRun(services, params.id);
  return { artifacts: await services.artifacts.list(params.id) };
});

export const downloadRunArtifact = route(apiRoutes.downloadRunArtifact, async ({ params, services }) => {
  await assertRun(services, params.id);
  const found = await services.artifacts.get(params.id, params.artifactId);
  if (!found) throw new NotFoundError(`Run '${params.id}' has no artifact '${params.artifactId}'`);
  const { record, data } = found;
  const bytes = data.buffer instanceof ArrayBuffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.slice();
  return new Response(bytes, {
    headers: {
      'content-type': MEDIA_TYPE.test(record.contentType) ? record.contentType : 'application/octet-stream',
      'content-length': String(data.byteLength),
      'content-disposition': attachment(record.name),
      // A file a run wrote is not a page of this origin: never rendered, never sniffed.
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
    },
  });
});

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(name.toWellFormed()).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

export const artifactRoutes = [listRunArtifacts, downloadRunArtifact];

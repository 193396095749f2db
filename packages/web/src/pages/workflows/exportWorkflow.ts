import { apiRoutes, routeUrl } from '@weft/api';
import { request } from '../../api/client.ts';

/** Downloads a workflow's definition as a file (the browser's save dialog or Downloads folder). */
export async function downloadWorkflow(id: string, format: 'yaml' | 'json'): Promise<void> {
  const response = await request(routeUrl(apiRoutes.exportWorkflow, { id }, { format }));
  const blob = await response.blob();
  const fileName = fileNameOf(response.headers.get('content-disposition')) ?? `${id}.${format}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; give the browser a moment before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}

import { request } from './client.ts';

/**
 * Downloads a file with the API token (a plain link could not send it): fetches it, then saves the
 * blob through a temporary object URL. The file is called `name`, else what the server's
 * Content-Disposition says, else `fallbackName`.
 */
export async function downloadFile(url: string, names: { name?: string; fallbackName?: string }): Promise<void> {
  const response = await request(url);
  const fileName = names.name ?? fileNameOf(response.headers.get('content-disposition')) ?? names.fallbackName ?? 'download';
  const objectUrl = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has started from the click; give the browser a moment before freeing the blob.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  }
}

function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}

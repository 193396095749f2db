import { apiRoutes, routeUrl } from '@weft/api';
import { downloadFile } from '../../api/download.ts';

/** Downloads a workflow's definition as a file (the browser's save dialog or Downloads folder). */
export async function downloadWorkflow(id: string, format: 'yaml' | 'json'): Promise<void> {
  await downloadFile(routeUrl(apiRoutes.exportWorkflow, { id }, { format }), { fallbackName: `${id}.${format}` });
}

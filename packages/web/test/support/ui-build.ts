import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds packages/web/dist when it is missing or older than its sources (what `npm start` does). */
export function buildUiIfStale(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/build-if-stale.ts')], { stdio: 'inherit' });
}

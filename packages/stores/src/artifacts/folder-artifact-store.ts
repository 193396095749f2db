import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WeftError } from '@weft/engine';
import type { ArtifactRecord, ArtifactStore } from '@weft/engine';

/** Where the folder artifact store keeps its files. */
export interface FolderArtifactStoreOptions {
  /** The folder (created on first write). */
  root: string;
}

const INDEX = 'index.jsonl';
const ID = /^[0-9a-f]{32}$/;
const RUN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const MAX_NAME_BYTES = 150;

/**
 * An `ArtifactStore` on a folder: `<root>/<runId>/<id>-<name>` per file, plus `<root>/<runId>/index.jsonl`
 * with one line per artifact. The data file is written first and its index line appended after, so a
 * crash leaves at most an unlisted file; `get` serves only ids the index lists. Ids are random; names
 * are made safe for a file name (see `safeArtifactName`) and stored as made.
 *
 * @example const artifacts = createFolderArtifactStore({ root: '.weft/artifacts' });
 */
export function createFolderArtifactStore(options: FolderArtifactStoreOptions): ArtifactStore {
  const runFolder = (runId: string): string => join(options.root, checkRunId(runId));

  async function readIndex(runId: string): Promise<ArtifactRecord[]> {
    let text: string;
    try {
      text = await readFile(join(runFolder(runId), INDEX), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: ArtifactRecord[] = [];
    for (const line of text.split('\n')) {
      const record = parseRecord(line, runId);
      if (record) records.push(record);
    }
    return records;
  }

  return {
    async put(artifact, data) {
      const folder = runFolder(artifact.runId);
      const record: ArtifactRecord = {
        id: randomBytes(16).toString('hex'),
        runId: artifact.runId,
        stepId: artifact.stepId,
        name: safeArtifactName(artifact.name),
        contentType: artifact.contentType,
        size: data.byteLength,
        createdAt: artifact.createdAt,
      };
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, fileName(record)), data, { flag: 'wx' });
      // One short append per artifact (O_APPEND keeps concurrent writers' lines whole), starting with a
      // newline so a line torn by a crash never swallows the next one.
      await appendFile(join(folder, INDEX), `\n${JSON.stringify(record)}`);
      return record;
    },

    async list(runId) {
      return readIndex(runId);
    },

    async get(runId, id) {
      if (!ID.test(id)) return undefined;
      const record = (await readIndex(runId)).find((r) => r.id === id);
      if (!record) return undefined;
      try {
        const data = await readFile(join(runFolder(runId), fileName(record)));
        return { record, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/**
 * A name that is safe as (the end of) a file name: no path separators, no `..`, no control or
 * reserved characters, no leading dot, at most 150 bytes of UTF-8 (the extension kept), never empty.
 *
 * @example safeArtifactName('../../etc/passwd') // '_._etc_passwd'
 */
export function safeArtifactName(name: string): string {
  let safe = name
    .normalize('NFC')
    .replace(/[/\\]/g, '_')
    // Control characters and characters Windows reserves.
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (Buffer.byteLength(safe) > MAX_NAME_BYTES) safe = shorten(safe);
  return safe === '' ? 'artifact' : safe;
}

/** Cuts a name to MAX_NAME_BYTES, keeping a short extension and whole characters. */
function shorten(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = MAX_NAME_BYTES - Buffer.byteLength(extension);
  let stem = '';
  let bytes = 0;
  for (const char of name.slice(0, name.length - extension.length)) {
    bytes += Buffer.byteLength(char);
    if (bytes > budget) break;
    stem += char;
  }
  return stem + extension;
}

function fileName(record: ArtifactRecord): string {
  return `${record.id}-${record.name}`;
}

function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId) || runId === '..' || runId === '.') {
    throw new WeftError(
      'INVALID_INPUT',
      `Run id "${runId}" cannot name an artifact folder: use letters, digits, '.', '_' and '-' (up to 200).`,
    );
  }
  return runId;
}

/** One index line as a record, or undefined for a torn or foreign line (a crash mid-append). */
function parseRecord(line: string, runId: string): ArtifactRecord | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = value as Partial<ArtifactRecord> | null;
  const valid =
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    ID.test(r.id) &&
    r.runId === runId &&
    typeof r.stepId === 'string' &&
    typeof r.name === 'string' &&
    safeArtifactName(r.name) === r.name &&
    typeof r.contentType === 'string' &&
    typeof r.size === 'number' &&
    typeof r.createdAt === 'number';
  if (!valid) return undefined;
  return {
    id: r.id as string,
    runId,
    stepId: r.stepId as string,
    name: r.name as string,
    contentType: r.contentType as string,
    size: r.size as number,
    createdAt: r.createdAt as number,
  };
}

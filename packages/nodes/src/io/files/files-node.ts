import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { defineNode, NonRetryableError, type Json, type NodeContext, type NodeType } from '@weft/engine';
import { z } from 'zod';
import { isInside, resolveInWorkspace, UnsafePathError, type WorkspacePath } from './safe-path.ts';

/** Largest file a read returns unless its params say otherwise. */
export const DEFAULT_READ_MAX_BYTES = 10 * 1024 * 1024;

const params = z.object({
  operation: z.enum(['write', 'read', 'list', 'delete']),
  path: z
    .string()
    .default('.')
    .describe('Relative to the workspace; `..`, absolute paths and symlinks leading out are refused.'),
  content: z.unknown().optional().describe('write: text, or any JSON (written as JSON).'),
  encoding: z
    .enum(['utf8', 'base64', 'json'])
    .optional()
    .describe(
      'write: how content is turned into bytes; read: how bytes are returned. Default utf8 (json for non-text content).',
    ),
  recursive: z
    .boolean()
    .default(false)
    .describe('list: include sub-folders; delete: remove a folder and its contents.'),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(DEFAULT_READ_MAX_BYTES)
    .describe('read: largest file accepted.'),
});
type Params = z.output<typeof params>;
type Ctx = NodeContext<Params>;

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

/** The `files` node: write, read, list or delete files inside the run's workspace. */
export const filesNode = defineNode({
  type: 'files',
  version: 1,
  category: 'io',
  title: 'Files',
  description:
    "Writes, reads, lists or deletes files in the run workspace (or the workflow's named project workspace). " +
    'Paths are relative; anything leading outside the workspace (`..`, absolute paths, symlinks) is refused. Every written file is also stored as a run artifact.',
  params,
  example: { operation: 'write', path: 'reports/{{ input.slug }}.md', content: '{{ steps.draft.output }}' },
  async run(ctx) {
    switch (ctx.params.operation) {
      case 'write':
        return { output: await writeFile(ctx) };
      case 'read':
        return { output: await readFile(ctx) };
      case 'list':
        return { output: await listFiles(ctx) };
      case 'delete':
        return { output: await deleteFile(ctx) };
    }
  },
}) as NodeType;

async function writeFile(ctx: Ctx): Promise<Json> {
  const { path, content } = ctx.params;
  if (content === undefined) throw new NonRetryableError('params.content is required to write a file.');
  const encoding = ctx.params.encoding ?? (typeof content === 'string' ? 'utf8' : 'json');
  const bytes = encode(content, encoding);
  const target = await resolveInWorkspace(ctx.workspace, path, { createParents: true });
  if (target.relative === '') throw new UnsafePathError(path, 'it names the workspace itself, not a file');
  // Re-check the folder after creating it (another step may have swapped in a symlink), and
  // refuse to follow a symlink at the last component while opening.
  const folder = await realpath(dirname(target.absolute));
  if (!isInside(target.root, folder))
    throw new UnsafePathError(path, 'its folder resolves outside the workspace');
  const handle = await open(
    target.absolute,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP')
      throw new UnsafePathError(path, 'it is a symlink; write to the file it points to instead');
    if (error.code === 'EISDIR') throw new NonRetryableError(`Cannot write "${path}": it is a folder.`);
    throw error;
  });
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  const contentType =
    CONTENT_TYPES[extname(target.relative).toLowerCase()] ??
    (encoding === 'base64' ? 'application/octet-stream' : 'text/plain; charset=utf-8');
  const artifact = await ctx.artifacts.put(target.relative, bytes, contentType);
  return {
    path: target.relative,
    size: bytes.byteLength,
    artifact: { id: artifact.id, name: artifact.name },
  };
}

async function readFile(ctx: Ctx): Promise<Json> {
  const { path, maxBytes } = ctx.params;
  const target = await resolveInWorkspace(ctx.workspace, path);
  const real = await existingRealPath(target, path);
  const info = await stat(real);
  if (!info.isFile())
    throw new NonRetryableError(`Cannot read "${path}": it is not a file (use operation list for folders).`);
  if (info.size > maxBytes)
    throw new NonRetryableError(
      `Cannot read "${path}": it is ${info.size} bytes, more than maxBytes (${maxBytes}).`,
    );
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  let bytes: Buffer;
  try {
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  const encoding = ctx.params.encoding ?? 'utf8';
  let content: Json;
  if (encoding === 'base64') content = bytes.toString('base64');
  else if (encoding === 'json') {
    try {
      content = JSON.parse(bytes.toString('utf8')) as Json;
    } catch (error) {
      throw new NonRetryableError(`"${path}" is not valid JSON: ${(error as Error).message}`);
    }
  } else content = bytes.toString('utf8');
  return { path: target.relative, size: bytes.byteLength, encoding, content };
}

async function listFiles(ctx: Ctx): Promise<Json> {
  const { path, recursive } = ctx.params;
  const target = await resolveInWorkspace(ctx.workspace, path);
  const real = await existingRealPath(target, path);
  if (!(await stat(real)).isDirectory())
    throw new NonRetryableError(`Cannot list "${path}": it is not a folder.`);
  const entries = await readdir(real, { withFileTypes: true, recursive });
  const out: Json[] = [];
  for (const entry of entries) {
    const full = `${entry.parentPath}/${entry.name}`;
    const rel = full.slice(target.root.length + 1);
    const type = entry.isFile()
      ? 'file'
      : entry.isDirectory()
        ? 'directory'
        : entry.isSymbolicLink()
          ? 'symlink'
          : 'other';
    const size = entry.isFile() ? (await lstat(full)).size : null;
    out.push({ name: entry.name, path: rel, type, size });
  }
  out.sort((a, b) =>
    String((a as { path: string }).path).localeCompare(String((b as { path: string }).path)),
  );
  return { path: target.relative || '.', entries: out };
}

async function deleteFile(ctx: Ctx): Promise<Json> {
  const { path, recursive } = ctx.params;
  const target = await resolveInWorkspace(ctx.workspace, path);
  if (target.relative === '') throw new UnsafePathError(path, 'it names the workspace itself');
  const info = await lstat(target.absolute).catch(() => undefined);
  // Already gone counts as done: a retried attempt must not fail.
  if (!info) return { path: target.relative, deleted: false };
  if (info.isDirectory() && !recursive)
    throw new NonRetryableError(`"${path}" is a folder: set recursive: true to delete it and its contents.`);
  await rm(target.absolute, { recursive, force: true });
  return { path: target.relative, deleted: true };
}

async function existingRealPath(target: WorkspacePath, path: string): Promise<string> {
  const real = await realpath(target.absolute).catch(() => undefined);
  if (real === undefined) throw new NonRetryableError(`"${path}" does not exist in the workspace.`);
  if (!isInside(target.root, real)) throw new UnsafePathError(path, 'it resolves outside the workspace');
  return real;
}

function encode(content: unknown, encoding: 'utf8' | 'base64' | 'json'): Uint8Array {
  if (encoding === 'json') return Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
  if (typeof content !== 'string')
    throw new NonRetryableError(
      `params.content must be a string for encoding ${encoding} (or use encoding json).`,
    );
  return Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8');
}

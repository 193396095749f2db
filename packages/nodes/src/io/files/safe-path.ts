// Resolves a user-given path inside a workspace folder, refusing anything that could reach
// outside it: `..` (also percent-encoded), absolute paths, a sibling folder that merely shares
// the workspace's name as a prefix, and symlinks (existing ones are followed with realpath and
// must stay inside). Checks run on the resolved path, after decoding.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { NonRetryableError } from '@weft/engine';

/** A path that was refused, naming it and why. */
export class UnsafePathError extends NonRetryableError {
  constructor(path: string, why: string) {
    super(
      `Refused path "${path.slice(0, 300)}": ${why}. File steps only work inside the run's workspace; use a relative path such as "reports/out.md".`,
      {
        details: { path: path.slice(0, 300) },
      },
    );
    this.name = 'UnsafePathError';
  }
}

/** A checked location inside the workspace. */
export interface WorkspacePath {
  /** The workspace folder itself, symlinks resolved. */
  root: string;
  /** Absolute path of the target (inside `root`). */
  absolute: string;
  /** The target relative to the workspace, with `/` separators. */
  relative: string;
}

/** True when `target` is `root` or lies inside it (not a sibling like `/ws/run1-evil` for `/ws/run1`). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Decodes percent-encoding until stable, so `..%2f` and `%252e%252e` are seen as `../`. */
function decodeFully(path: string): string {
  let current = path;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      throw new UnsafePathError(path, 'it holds malformed percent-encoding');
    }
    if (next === current) return current;
    current = next;
  }
  throw new UnsafePathError(path, 'it is percent-encoded too many times');
}

/**
 * Checks `userPath` and resolves it inside `workspace` (created when missing). With `createParents`,
 * missing parent folders are created, but only after every existing part was checked.
 */
export async function resolveInWorkspace(
  workspace: string,
  userPath: string,
  options: { createParents?: boolean } = {},
): Promise<WorkspacePath> {
  const decoded = decodeFully(userPath);
  if (decoded.includes('\0')) throw new UnsafePathError(userPath, 'it holds a NUL character');
  if (isAbsolute(decoded) || win32.isAbsolute(decoded) || /^[a-zA-Z]:/.test(decoded))
    throw new UnsafePathError(userPath, 'absolute paths are not allowed');
  const parts = decoded.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new UnsafePathError(userPath, "'..' is not allowed");

  await mkdir(workspace, { recursive: true });
  const root = await realpath(workspace);
  const absolute = resolve(root, ...parts);
  if (!isInside(root, absolute)) throw new UnsafePathError(userPath, 'it resolves outside the workspace');

  // Walk every existing component: a symlink anywhere on the way must resolve inside the root.
  let current = root;
  let missingFrom = parts.length;
  for (let i = 0; i < parts.length; i++) {
    current = resolve(current, parts[i] as string);
    let exists = true;
    try {
      await lstat(current);
    } catch {
      exists = false;
    }
    if (!exists) {
      missingFrom = i;
      break;
    }
    const real = await realpath(current).catch(() => undefined);
    if (real === undefined)
      throw new UnsafePathError(userPath, `'${parts.slice(0, i + 1).join('/')}' is a broken symlink`);
    if (!isInside(root, real))
      throw new UnsafePathError(
        userPath,
        `'${parts.slice(0, i + 1).join('/')}' is a symlink that points outside the workspace`,
      );
  }
  if (options.createParents && missingFrom < parts.length - 1) {
    await mkdir(resolve(root, ...parts.slice(0, -1)), { recursive: true });
  }
  return { root, absolute, relative: parts.join('/') };
}

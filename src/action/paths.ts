/**
 * Where the Action may write: only inside the workspace (or the runner's temp directory for files
 * it names itself). A `plan-file: ../../etc/x` or a path through a symbolic link that leaves the
 * workspace is refused with a message naming the input, before anything is computed or written.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';

/** True when `path` is `root` or lies below it (both absolute, already resolved). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** The real path of `path`'s deepest existing ancestor, with the missing rest appended. */
export function realPathOfNearest(path: string): string {
  let existing = path;
  const missing: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(basename(existing));
    existing = parent;
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    real = existing;
  }
  return missing.length ? join(real, ...missing) : real;
}

/**
 * Resolves `raw` against `base` and returns the absolute path when it stays inside `root`, both as
 * written and after following symbolic links; otherwise throws a UsageError naming `label`.
 */
export function resolveWritePath(raw: string, base: string, root: string, label: string): string {
  const target = resolve(base, raw);
  const rootAbs = resolve(root);
  if (target === rootAbs || !isInside(target, rootAbs)) {
    throw new UsageError(`${label}: ${JSON.stringify(raw)} resolves to ${target}, which is not a file inside the workspace ${rootAbs}`);
  }
  if (!isInside(realPathOfNearest(dirname(target)), realPathOfNearest(rootAbs))) {
    throw new UsageError(`${label}: ${JSON.stringify(raw)} leads outside the workspace ${rootAbs} through a symbolic link`);
  }
  return target;
}

/** `path` relative to `root` with `/` separators, or undefined when it is outside `root`. */
export function workspaceRelative(path: string, root: string): string | undefined {
  const abs = resolve(path);
  if (!isInside(abs, resolve(root))) return undefined;
  return relative(resolve(root), abs).split(sep).join('/');
}

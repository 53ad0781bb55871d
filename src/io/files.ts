/**
 * File system edges: reading inputs with clear errors, atomic writes, glob expansion and test
 * file discovery. Everything that touches the disk for the CLI and the Action lives here.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../core/errors.js';

/** Inputs larger than this are refused rather than read (a 1M-test durations file is ~100 MB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

function describe(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return `cannot be read (${e.code ?? e.message})`;
  }
}

/** Reads a UTF-8 text file; `label` names the input in errors (e.g. "--durations"). */
export function readText(path: string, label: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new InputError(`${label}: ${path} ${describe(e as NodeJS.ErrnoException)}`);
  }
  if (size > maxBytes) {
    throw new InputError(`${label}: ${path} is ${Math.round(size / 1048576)} MiB, over the ${Math.round(maxBytes / 1048576)} MiB limit`);
  }
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(`${label}: ${path} ${describe(e as NodeJS.ErrnoException)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError(`${label}: ${path} is not valid UTF-8 text`);
  }
}

/** Reads standard input fully (for `-`). */
export function readStdin(label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(0));
  } catch (e) {
    throw new InputError(`${label}: cannot read standard input as UTF-8 text (${(e as Error).message})`);
  }
}

/**
 * Writes a file atomically: a temporary file in the same directory, flushed, then renamed over the
 * target. Readers and concurrent writers see either the old or a complete new file, never a part.
 */
export function writeAtomic(path: string, content: string, label: string): void {
  const dir = dirname(resolve(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${label}: cannot write ${path} (${err.code ?? err.message})`);
  }
}

/**
 * Expands glob patterns (relative to `cwd`) into a sorted, de-duplicated list of files.
 * A plain path is taken as it is (so a missing file is reported by the reader, by name).
 */
export function expandPatterns(patterns: readonly string[], cwd: string, label: string, required: boolean): string[] {
  const found = new Set<string>();
  for (const p of patterns) {
    if (!isDynamicPattern(p)) {
      found.add(resolve(cwd, p));
      continue;
    }
    const matches = globSync(p, { cwd, absolute: true, onlyFiles: true, dot: false, expandDirectories: false });
    if (matches.length === 0 && required) throw new InputError(`${label}: no files match ${JSON.stringify(p)}`);
    for (const m of matches) found.add(resolve(m));
  }
  return [...found].sort();
}

/** Directories pytest does not recurse into by default (norecursedirs), plus caches. */
const IGNORED = ['**/node_modules/**', '**/venv/**', '**/build/**', '**/dist/**', '**/*.egg/**', '**/__pycache__/**', '**/site-packages/**', '**/_darcs/**', '**/CVS/**', '**/{arch}/**'];

/** Test files pytest would collect by default under `rootdir`: `test_*.py` and `*_test.py`. */
export function discoverTestFiles(rootdir: string): string[] {
  let st;
  try {
    st = statSync(rootdir);
  } catch (e) {
    throw new InputError(`--rootdir: ${rootdir} ${describe(e as NodeJS.ErrnoException)}`);
  }
  if (!st.isDirectory()) throw new InputError(`--rootdir: ${rootdir} is not a directory`);
  return globSync(['**/test_*.py', '**/*_test.py'], { cwd: rootdir, ignore: IGNORED, dot: false, onlyFiles: true, followSymbolicLinks: false })
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** True when `rootdir/rel` is a regular file. */
export function isFileUnder(rootdir: string, rel: string): boolean {
  try {
    return statSync(join(rootdir, rel)).isFile();
  } catch {
    return false;
  }
}

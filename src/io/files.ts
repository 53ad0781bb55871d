/**
 * File system edges: reading inputs with clear errors, atomic writes, glob expansion and test
 * file discovery. Everything that touches the disk for the CLI and the Action lives here.
 */
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
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
    case 'ENOTDIR':
      return 'does not exist (a parent of it is not a directory)';
    case 'ELOOP':
      return 'cannot be read (too many levels of symbolic links)';
    default:
      return `cannot be read (${e.code ?? e.message})`;
  }
}

/** Reads a UTF-8 text file; `label` names the input in errors (e.g. "--durations"). */
export function readText(path: string, label: string, maxBytes = MAX_INPUT_BYTES): string {
  const fail = (what: string): InputError => new InputError(`${label}: ${path} ${what}`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fail(describe(e as NodeJS.ErrnoException));
  }
  try {
    // Checked on the open file, so what is checked is what is read.
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fail(describe({ code: 'EISDIR' } as NodeJS.ErrnoException));
    // A pipe (`--collected <(pytest --collect-only -q)`) is read to its end; a device such as
    // /dev/zero or a terminal is not a file and could be read forever.
    if (st.isCharacterDevice() || st.isBlockDevice()) throw fail('is a device, expected a file');
    if (!st.isFile() && !st.isFIFO()) throw fail('is not a regular file');
    if (st.isFile() && st.size > maxBytes) throw fail(overLimit(st.size, maxBytes));
    let buf: Buffer;
    try {
      // /proc and some other special files are regular but report size 0: read those to the end.
      buf = st.isFile() && st.size > 0 ? readSize(fd, st.size) : readBounded(fd, maxBytes);
    } catch (e) {
      if (e instanceof InputError) throw fail(e.message);
      throw fail(describe(e as NodeJS.ErrnoException));
    }
    return decodeUtf8(buf, () => fail('is not valid UTF-8 text'));
  } finally {
    closeSync(fd);
  }
}

/** "600 MiB", "1.5 KiB", "12 bytes": sizes in messages. */
function formatBytes(n: number): string {
  if (n >= 1048576) return `${Math.round(n / 1048576)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}

/** `size` undefined: a pipe, stopped once it passed the limit. */
function overLimit(size: number | undefined, maxBytes: number): string {
  return `${size === undefined ? 'is over' : `is ${formatBytes(size)}, over`} the ${formatBytes(maxBytes)} limit`;
}

/** Reads the `size` bytes fstat reported (a file that grows meanwhile is read as it was). */
function readSize(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buf, got, size - got, null);
    if (n === 0) break;
    got += n;
  }
  return got === size ? buf : buf.subarray(0, got);
}

/** Reads `fd` to its end, refusing more than `maxBytes` (a pipe has no size to check first). */
function readBounded(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    if (total > maxBytes) throw new InputError(overLimit(undefined, maxBytes));
  }
  return Buffer.concat(chunks, total);
}

function decodeUtf8(buf: Buffer, invalid: () => InputError): string {
  // A native validity check, then a plain decode: much cheaper than a fatal TextDecoder on
  // a 100 MB file, with the same verdict.
  if (!isUtf8(buf)) throw invalid();
  return buf.toString('utf8');
}

/** Reads standard input fully (for `-`), up to `maxBytes`. */
export function readStdin(label: string, maxBytes = MAX_INPUT_BYTES): string {
  let buf: Buffer;
  try {
    buf = readBounded(0, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${label}: standard input ${e.message}`);
    throw new InputError(`${label}: cannot read standard input (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeUtf8(buf, () => new InputError(`${label}: standard input is not valid UTF-8 text`));
}

/** One file for {@link writeAtomicAll}; `label` names the output in errors (e.g. "--json"). */
export interface FileWrite {
  path: string;
  content: string;
  label: string;
}

/**
 * Writes a file atomically: a temporary file in the same directory, flushed, then renamed over the
 * target. Readers and concurrent writers see either the old or a complete new file, never a part.
 */
export function writeAtomic(path: string, content: string, label: string): void {
  writeAtomicAll([{ path, content, label }]);
}

/**
 * Writes several files, all or none as far as the file system allows: every temporary file is
 * written and flushed before the first rename, so a failure to write any of them (full disk, no
 * permission) leaves every target as it was.
 */
export function writeAtomicAll(files: readonly FileWrite[]): void {
  const staged: { tmp: string; file: FileWrite }[] = [];
  let current: FileWrite | undefined;
  try {
    for (const file of files) {
      current = file;
      staged.push({ tmp: stage(file.path, file.content), file });
    }
    for (const s of staged) {
      current = s.file;
      renameSync(s.tmp, s.file.path);
    }
  } catch (e) {
    for (const s of staged) {
      try {
        unlinkSync(s.tmp);
      } catch {
        // already renamed into place, or never created
      }
    }
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${current?.label ?? 'output'}: cannot write ${current?.path ?? ''} (${err.code ?? err.message})`);
  }
}

/** The longest target name a temporary name keeps, so it stays within NAME_MAX (255 bytes). */
const TMP_NAME_KEEP = 80;

/** Writes `content` to a new temporary file beside `path`, flushed; returns its path. */
function stage(path: string, content: string): string {
  const dir = dirname(resolve(path));
  const tmp = join(dir, `.${basename(path).slice(0, TMP_NAME_KEEP)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  mkdirSync(dir, { recursive: true });
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    // write(2) may write less than asked (a full disk); loop so a short write cannot pass as whole.
    const bytes = Buffer.from(content, 'utf8');
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the original error is the one worth reporting
    }
    throw e;
  }
  closeSync(fd);
  return tmp;
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
const IGNORED = [
  '**/node_modules/**',
  '**/venv/**',
  '**/build/**',
  '**/dist/**',
  '**/*.egg/**',
  '**/__pycache__/**',
  '**/site-packages/**',
  '**/_darcs/**',
  '**/CVS/**',
  '**/{arch}/**',
];

/** Test files pytest would collect by default under `rootdir`: `test_*.py` and `*_test.py`. */
export function discoverTestFiles(rootdir: string, label: string): string[] {
  let st;
  try {
    st = statSync(rootdir);
  } catch (e) {
    throw new InputError(`${label}: ${rootdir} ${describe(e as NodeJS.ErrnoException)}`);
  }
  if (!st.isDirectory()) throw new InputError(`${label}: ${rootdir} is not a directory`);
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

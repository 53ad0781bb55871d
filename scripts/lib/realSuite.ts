/**
 * Where the real-suite proving ground finds its suite and what it says about the machine.
 *
 * The suite is libcst's own tests, installed with the machine's Python. They are never run in
 * place: pytest, hypothesis and split-plan's plugin directories would write beside them, into
 * site-packages. Instead a temporary rootdir holds a symlink `libcst` to the installed package;
 * pytest runs from there (`--rootdir` it), so node ids are the same as from site-packages
 * (`libcst/...`) and everything a run writes lands in the temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';

export interface PythonFacts {
  executable: string;
  python: string;
  pytest: string;
}

function py(python: string, code: string, env?: NodeJS.ProcessEnv): { ok: boolean; out: string; err: string } {
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8', env: env ?? process.env });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? r.error?.message ?? '').trim() };
}

/** The interpreter itself (not a version manager's shim), its version and pytest's. Throws with one line when pytest is missing. */
export function pythonFacts(python: string): PythonFacts {
  const r = py(python, 'import sys, pytest; print(sys.executable); print(sys.version.split()[0]); print(pytest.__version__)');
  if (!r.ok) throw new Error(`${python} cannot import pytest: ${r.err.split('\n').pop() ?? ''}`);
  const [executable, version, pytest] = r.out.split('\n');
  return { executable: executable as string, python: version as string, pytest: pytest as string };
}

/** The installed libcst package directory and version, or the one-line reason it is not importable. */
export function findLibcst(python: string): { dir: string; version: string } | { missing: string } {
  const r = py(python, 'import libcst, os\nfrom importlib.metadata import version\nprint(os.path.dirname(libcst.__file__)); print(version("libcst"))');
  if (!r.ok) return { missing: r.err.split('\n').pop() ?? 'import failed' };
  const [dir, version] = r.out.split('\n');
  return { dir: dir as string, version: version as string };
}

/** pytest-xdist's version when `-p xdist` can load it with this PYTHONPATH, else the reason. */
export function findXdist(python: string, pythonpath: string): { version: string } | { missing: string } {
  const env = { ...process.env };
  if (pythonpath !== '') env['PYTHONPATH'] = pythonpath;
  const r = py(python, 'import xdist, execnet; print(xdist.__version__)', env);
  return r.ok ? { version: r.out } : { missing: r.err.split('\n').pop() ?? 'import failed' };
}

/** A rootdir under `work` whose `libcst` is a symlink to the installed package. */
export function makeRoot(work: string, libcstDir: string): string {
  const root = join(work, 'root');
  mkdirSync(root, { recursive: true });
  symlinkSync(libcstDir, join(root, 'libcst'), 'dir');
  return root;
}

export function machine(): { cores: number; cpu: string } {
  const list = cpus();
  return { cores: typeof availableParallelism === 'function' ? availableParallelism() : list.length, cpu: list[0]?.model.trim() ?? 'unknown' };
}

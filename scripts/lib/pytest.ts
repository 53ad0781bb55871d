/**
 * Runs the real pytest for end-to-end tests and benchmarks (never through a shell).
 *
 * All hygiene lives here: no bytecode files, a fixed hash seed, no cache provider, quiet
 * output, no plugin auto-loading, and PYTEST_ADDOPTS / PYTEST_PLUGINS from the caller's
 * environment ignored, so runs are comparable and leave the suite tree untouched.
 * The interpreter is `python3` unless SPLIT_PLAN_PYTHON names another one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = process.env['SPLIT_PLAN_PYTHON'] || 'python3';

/** Arguments every run gets, right after `-m pytest`. */
export const PYTEST_BASE_ARGS: readonly string[] = ['-p', 'no:cacheprovider', '-q'];

/** The environment every run gets. */
export function pytestEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['PYTEST_ADDOPTS'];
  delete env['PYTEST_PLUGINS'];
  env['PYTHONDONTWRITEBYTECODE'] = '1';
  env['PYTHONHASHSEED'] = '0';
  env['PYTEST_DISABLE_PLUGIN_AUTOLOAD'] = '1';
  env['PYTHONIOENCODING'] = 'utf-8';
  env['NO_COLOR'] = '1';
  return { ...env, ...extra };
}

export interface PytestResult {
  /** pytest's exit status: 0 all passed, 1 some failed, 2 interrupted/usage, 4 usage, 5 no tests collected. */
  exitCode: number;
  /** Wall seconds around the process (spawn to exit), measured with process.hrtime. */
  wallSeconds: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Writes a JUnit XML report there (`--junitxml=`). */
  junitxml?: string;
  /** `-o junit_family=...`; pytest's default is xunit2. */
  junitFamily?: 'xunit1' | 'xunit2';
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Kill the run after this many seconds (default 600). */
  timeoutSeconds?: number;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** `python3 -m pytest -p no:cacheprovider -q [junit options] ...args`, with cwd = root. */
export function runPytest(root: string, args: string[], opts: RunOptions = {}): PytestResult {
  const full = ['-m', 'pytest', ...PYTEST_BASE_ARGS];
  if (opts.junitxml !== undefined) full.push(`--junitxml=${opts.junitxml}`);
  if (opts.junitFamily !== undefined) full.push('-o', `junit_family=${opts.junitFamily}`);
  full.push(...args);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(PYTHON, full, {
    cwd: root,
    env: pytestEnv(opts.env),
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    timeout: (opts.timeoutSeconds ?? 600) * 1000,
  });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw new Error(`runPytest: could not run ${PYTHON} -m pytest: ${r.error.message}`);
  if (r.status === null) throw new Error(`runPytest: pytest was killed by ${r.signal ?? 'a signal'}\n${r.stderr}`);
  return { exitCode: r.status, wallSeconds, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Node ids pytest collects under root (`--collect-only -q`), in collection order.
 * Extra args (e.g. paths or `@argsfile`) narrow the collection. No tests => [].
 */
export function collect(root: string, args: string[] = []): string[] {
  const r = runPytest(root, ['--collect-only', ...args]);
  if (r.exitCode === 5) return [];
  if (r.exitCode !== 0) {
    throw new Error(`collect: pytest exited with ${r.exitCode} in ${root}\n${r.stdout}\n${r.stderr}`);
  }
  return parseCollectOutput(r.stdout);
}

/** The node-id lines of `pytest --collect-only -q` output: everything before the first blank line. */
export function parseCollectOutput(stdout: string): string[] {
  const ids: string[] = [];
  for (const line of stdout.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (l === '') break; // the summary ("N tests collected in ...") and warnings follow a blank line
    ids.push(l);
  }
  return ids;
}

/** Writes an args file for `pytest @file`: one argument per line, byte for byte. */
export function writeArgsFile(path: string, args: readonly string[]): void {
  for (const a of args) {
    if (a.includes('\n') || a.includes('\r')) throw new Error(`writeArgsFile: argument contains a line break: ${JSON.stringify(a)}`);
  }
  writeFileSync(path, args.map((a) => a + '\n').join(''));
}

/**
 * s0: the wall seconds of a pytest run on a one-test file (interpreter start, pytest import,
 * collection, reporting), median of 3. Works in tmp/split-plan-bare/ (created if needed).
 */
export function bareStartSeconds(tmp: string): number {
  const dir = join(tmp, 'split-plan-bare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pytest.ini'), '[pytest]\n');
  writeFileSync(join(dir, 'test_bare.py'), 'def test_bare():\n    assert True\n');
  const walls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = runPytest(dir, ['test_bare.py']);
    if (r.exitCode !== 0) throw new Error(`bareStartSeconds: pytest exited with ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    walls.push(r.wallSeconds);
  }
  walls.sort((a, b) => a - b);
  return walls[1] as number;
}

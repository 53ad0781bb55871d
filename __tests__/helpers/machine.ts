/**
 * What the tests need from the machine, beyond `npm ci`:
 * - Python with pytest 8.2 or later (`pytest @FILE`, which the args files rely on, came in 8.2), for
 *   the end-to-end runs. The interpreter is `python3`, or the one SPLIT_PLAN_PYTHON names (the same
 *   variable scripts/lib/pytest.ts honours, so every real pytest run uses one interpreter).
 * - A Chromium (or Chrome) for the report test, found wherever a contributor has one: see
 *   `findChromium`.
 * - The Node 24 runtime the Action tests also run on (`npm ci --prefix tools/node24`, npm's pretest).
 *
 * Each is checked once per jest run (helpers/globalSetup.ts prints one line per missing thing,
 * naming what to install) and the result is handed to the test files through an environment
 * variable, so no test file probes the machine again. This module does not import jest: the
 * global setup loads it outside any test.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from './paths.js';
import { NODE24_PATH } from './runAction.js';

/** The interpreter every real pytest run uses. */
export const PYTHON = process.env['SPLIT_PLAN_PYTHON'] || 'python3';

/** Under SPLIT_PLAN_REQUIRE_PYTEST=1 (CI sets it), a test that needs pytest fails instead of skipping. */
export const PYTEST_REQUIRED = process.env['SPLIT_PLAN_REQUIRE_PYTEST'] === '1';

export const MIN_PYTEST = '8.2';

export interface PythonCheck {
  /** The interpreter runs at all (some tests need only Python, e.g. its argparse). */
  python: boolean;
  /** pytest's version when it imports, whatever it is. */
  pytestVersion?: string;
  /** Set when pytest is missing or older than MIN_PYTEST: what is wrong and what to install. */
  problem?: string;
}

export interface ChromiumCheck {
  path?: string;
  /** Where it was found ("SPLIT_PLAN_CHROMIUM", "Playwright's browsers", "PATH (chromium)", ...). */
  source?: string;
  /** Set when there is no usable browser: what is wrong and what to install. */
  problem?: string;
}

export interface MachineCheck {
  python: PythonCheck;
  chromium: ChromiumCheck;
  /** Set when the Node 24 runtime (tools/node24) is not installed. */
  node24Problem?: string;
}

const INSTALL_PYTEST = `install it: pip install 'pytest>=${MIN_PYTEST}' (or apt-get install python3-pytest where that is ${MIN_PYTEST}+), or set SPLIT_PLAN_PYTHON to a Python that has it`;

/** True when version `v` ("9.0.3", "8.2.0.dev12", "7.4") is at least `min` ("8.2"). */
export function versionAtLeast(v: string, min: string): boolean {
  const parts = (s: string): number[] => s.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const a = parts(v);
  const b = parts(min);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function checkPython(python = PYTHON): PythonCheck {
  const need = `split-plan tests need pytest ${MIN_PYTEST}+ (${python} -m pytest)`;
  const script = 'import sys\nprint("python", sys.version.split()[0])\nimport pytest\nprint("pytest", pytest.__version__)';
  const noPython = `install Python 3 and pytest: pip install 'pytest>=${MIN_PYTEST}', or set SPLIT_PLAN_PYTHON to a Python that has it`;
  const r = spawnSync(python, ['-c', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.error !== undefined || r.status === null) {
    const why = r.error?.message ?? `killed by ${r.signal ?? 'a signal'}`;
    return { python: false, problem: `${need}, but ${python} does not run (${why}); ${noPython}` };
  }
  if (!/^python /m.test(r.stdout)) {
    const said = r.stderr.trim().split('\n')[0] ?? '';
    return { python: false, problem: `${need}, but ${python} does not run as Python (exit ${r.status}${said ? `: ${said}` : ''}); ${noPython}` };
  }
  const version = /^pytest (\S+)$/m.exec(r.stdout)?.[1];
  if (version === undefined) return { python: true, problem: `${need}, but ${python} has no pytest; ${INSTALL_PYTEST}` };
  if (!versionAtLeast(version, MIN_PYTEST)) {
    return { python: true, pytestVersion: version, problem: `${need}, but ${python} has pytest ${version}; ${INSTALL_PYTEST}` };
  }
  return { python: true, pytestVersion: version };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright keeps the browsers it downloads (its own rules: PLAYWRIGHT_BROWSERS_PATH, then the user's cache). */
export function playwrightBrowserDirs(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string[] {
  const set = env['PLAYWRIGHT_BROWSERS_PATH'];
  if (set === '0') return [join(repoRoot, 'node_modules', 'playwright-core', '.local-browsers')];
  if (set) return [set];
  if (platform === 'darwin') return [join(home, 'Library', 'Caches', 'ms-playwright')];
  if (platform === 'win32') return [join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'ms-playwright')];
  return [join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'ms-playwright')];
}

/** The executables inside one Playwright browser folder (`chromium-1255`, `chromium_headless_shell-1255`), newer layouts first. */
const PLAYWRIGHT_EXECUTABLES: readonly string[][] = [
  ['chrome-linux64', 'chrome'],
  ['chrome-linux-arm64', 'chrome'],
  ['chrome-linux', 'chrome'],
  ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
  ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'],
  ['chrome-linux', 'headless_shell'],
  ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
  ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
  ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
  ['chrome-headless-shell-mac-arm64', 'chrome-headless-shell'],
  ['chrome-headless-shell-mac-x64', 'chrome-headless-shell'],
  ['chrome-win64', 'chrome.exe'],
  ['chrome-win', 'chrome.exe'],
  ['chrome-headless-shell-win64', 'chrome-headless-shell.exe'],
];

/** Browser names looked up on PATH, in this order. */
export const PATH_NAMES: readonly string[] = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Installed applications that are usually not on PATH. */
const APP_PATHS: readonly string[] = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

const INSTALL_CHROMIUM = 'install one: apt-get install chromium, or npx playwright-core install chromium, or set SPLIT_PLAN_CHROMIUM to its executable';

/**
 * A Chromium or Chrome for the report test, wherever the contributor has one, first found wins:
 * 1. SPLIT_PLAN_CHROMIUM, then CHROME_PATH (a set variable must name an executable: it is never
 *    silently passed over);
 * 2. Playwright's own browsers (`npx playwright-core install chromium`), newest revision first,
 *    the full browser before the headless shell;
 * 3. PATH: chromium, chromium-browser, google-chrome, google-chrome-stable, chrome;
 * 4. the usual application folders on macOS and Windows.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): ChromiumCheck {
  for (const name of ['SPLIT_PLAN_CHROMIUM', 'CHROME_PATH']) {
    const path = env[name];
    if (path === undefined || path === '') continue;
    if (isExecutableFile(path)) return { path, source: name };
    return { problem: `the report test needs Chromium or Chrome, but ${name}=${path} is not an executable file; fix it or unset it` };
  }
  for (const dir of playwrightBrowserDirs(env, platform, home)) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    const browsers = entries
      .map((name) => ({ name, m: /^(chromium|chromium_headless_shell)-(\d+)$/.exec(name) }))
      .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
      // newest first; on a tie 'chromium-' sorts before 'chromium_headless_shell-'
      .sort((a, b) => Number(b.m[2]) - Number(a.m[2]) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { name } of browsers) {
      for (const rel of PLAYWRIGHT_EXECUTABLES) {
        const path = join(dir, name, ...rel);
        if (isExecutableFile(path)) return { path, source: `Playwright's browsers (${dir})` };
      }
    }
  }
  const pathDirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  const suffixes = platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of PATH_NAMES) {
    for (const dir of pathDirs) {
      for (const suffix of suffixes) {
        const path = join(dir, name + suffix);
        if (isExecutableFile(path)) return { path, source: `PATH (${name})` };
      }
    }
  }
  for (const path of APP_PATHS) {
    if (isExecutableFile(path)) return { path, source: 'installed applications' };
  }
  const where = `SPLIT_PLAN_CHROMIUM, CHROME_PATH, ${playwrightBrowserDirs(env, platform, home).join(', ')}, PATH: ${PATH_NAMES.join(', ')}`;
  return { problem: `the report test needs Chromium or Chrome, and none was found (looked in ${where}); ${INSTALL_CHROMIUM}` };
}

function checkNode24(): string | undefined {
  return existsSync(NODE24_PATH) ? undefined : 'the Action tests also run on Node 24, which is not installed; install it: npm ci --prefix tools/node24';
}

/** The variable the global setup hands its findings to the test files in (they inherit its environment). */
const CACHE_VAR = 'SPLIT_PLAN_TEST_MACHINE';

/** What the cached findings depend on: a change in any of these means checking again. */
function cacheKey(): string {
  return JSON.stringify([
    PYTHON,
    process.env['SPLIT_PLAN_CHROMIUM'] ?? '',
    process.env['CHROME_PATH'] ?? '',
    process.env['PLAYWRIGHT_BROWSERS_PATH'] ?? '',
    process.env['PATH'] ?? '',
  ]);
}

/** Checks the machine now and records the findings for the test files. */
export function checkMachine(): MachineCheck {
  const found: MachineCheck = { python: checkPython(), chromium: findChromium() };
  const node24Problem = checkNode24();
  if (node24Problem !== undefined) found.node24Problem = node24Problem;
  process.env[CACHE_VAR] = JSON.stringify({ key: cacheKey(), found });
  return found;
}

/** The global setup's findings (or, when a test runs without it, a fresh check). */
export function machine(): MachineCheck {
  const cached = process.env[CACHE_VAR];
  if (cached !== undefined) {
    try {
      const { key, found } = JSON.parse(cached) as { key: string; found: MachineCheck };
      if (key === cacheKey()) return found;
    } catch {
      // a stale or foreign value: check again
    }
  }
  return checkMachine();
}

/** One line per missing requirement, each naming what to install. */
export function machineProblems(m: MachineCheck): string[] {
  return [m.python.problem, m.chromium.problem, m.node24Problem].filter((p): p is string => p !== undefined);
}

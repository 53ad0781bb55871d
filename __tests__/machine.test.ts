/**
 * helpers/machine.ts, which tells the test run what the machine lacks: the browser finder looks
 * wherever a contributor may have Chromium or Chrome (never only /usr/bin/chromium), and the pytest
 * check names the version it found and what to install. Fake homes, PATHs and interpreters in a
 * temporary folder stand in for machines.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkPython, findChromium, versionAtLeast } from './helpers/machine.js';

const tmp = mkdtempSync(join(tmpdir(), 'split-plan-machine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A fresh folder holding `files` (relative paths; executable unless listed in `plain`). */
function machineWith(files: string[], plain: string[] = []): string {
  const root = join(tmp, `m${++counter}`);
  mkdirSync(root);
  for (const rel of [...files, ...plain]) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, files.includes(rel) ? 0o755 : 0o644);
  }
  return root;
}

describe('findChromium', () => {
  const linux = (root: string, env: Record<string, string> = {}) =>
    findChromium({ PATH: `${join(root, 'bin')}:${join(root, 'usr/bin')}`, ...env }, 'linux', join(root, 'home'));

  it.each<[string, string[], Record<string, string>, string, string]>([
    [
      'SPLIT_PLAN_CHROMIUM first',
      ['opt/my-chrome', 'bin/chromium'],
      { SPLIT_PLAN_CHROMIUM: '{root}/opt/my-chrome', CHROME_PATH: '{root}/bin/chromium' },
      'opt/my-chrome',
      'SPLIT_PLAN_CHROMIUM',
    ],
    ['then CHROME_PATH', ['opt/chrome', 'bin/chromium'], { CHROME_PATH: '{root}/opt/chrome' }, 'opt/chrome', 'CHROME_PATH'],
    [
      "Playwright's newest revision, the full browser before the headless shell",
      [
        'home/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
        'home/.cache/ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell',
        'home/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
        'bin/chromium',
      ],
      {},
      'home/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      "Playwright's browsers",
    ],
    [
      "Playwright's older layout",
      ['home/.cache/ms-playwright/chromium-1091/chrome-linux/chrome'],
      {},
      'home/.cache/ms-playwright/chromium-1091/chrome-linux/chrome',
      "Playwright's browsers",
    ],
    [
      "Playwright's headless shell alone",
      ['home/.cache/ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell'],
      {},
      'home/.cache/ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell',
      "Playwright's browsers",
    ],
    [
      'PLAYWRIGHT_BROWSERS_PATH',
      ['pw/chromium-1255/chrome-linux64/chrome', 'bin/chromium'],
      { PLAYWRIGHT_BROWSERS_PATH: '{root}/pw' },
      'pw/chromium-1255/chrome-linux64/chrome',
      "Playwright's browsers",
    ],
    [
      'XDG_CACHE_HOME',
      ['xdg/ms-playwright/chromium-1255/chrome-linux64/chrome'],
      { XDG_CACHE_HOME: '{root}/xdg' },
      'xdg/ms-playwright/chromium-1255/chrome-linux64/chrome',
      "Playwright's browsers",
    ],
    ['chromium on PATH', ['usr/bin/chromium'], {}, 'usr/bin/chromium', 'PATH (chromium)'],
    ['google-chrome-stable on PATH', ['bin/google-chrome-stable'], {}, 'bin/google-chrome-stable', 'PATH (google-chrome-stable)'],
    ['chromium-browser before google-chrome', ['bin/google-chrome', 'usr/bin/chromium-browser'], {}, 'usr/bin/chromium-browser', 'PATH (chromium-browser)'],
  ])('%s', (_name, files, env, expected, source) => {
    const root = machineWith(files);
    const filled = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('{root}', root)]));
    const found = linux(root, filled);
    expect(found.problem).toBeUndefined();
    expect(found.path).toBe(join(root, expected));
    expect(found.source).toContain(source);
  });

  it('passes over a file that is not executable', () => {
    const root = machineWith(['usr/bin/google-chrome'], ['bin/chromium']);
    expect(linux(root).path).toBe(join(root, 'usr/bin/google-chrome'));
  });

  it("finds Playwright's browser in a macOS home", () => {
    const rel = 'home/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    const root = machineWith([rel]);
    expect(findChromium({ PATH: '' }, 'darwin', join(root, 'home')).path).toBe(join(root, rel));
  });

  it('a variable naming no executable is an error naming the variable, not a silent fallback', () => {
    const root = machineWith(['bin/chromium']);
    const found = linux(root, { SPLIT_PLAN_CHROMIUM: join(root, 'nowhere/chrome') });
    expect(found.path).toBeUndefined();
    expect(found.problem).toBe(
      `the report test needs Chromium or Chrome, but SPLIT_PLAN_CHROMIUM=${join(root, 'nowhere/chrome')} is not an executable file; fix it or unset it`,
    );
  });

  it('nothing anywhere: one line saying where it looked and what to install', () => {
    const root = machineWith([]);
    const found = linux(root);
    expect(found.path).toBeUndefined();
    expect(found.problem).toBe(
      `the report test needs Chromium or Chrome, and none was found (looked in SPLIT_PLAN_CHROMIUM, CHROME_PATH, ${join(root, 'home/.cache/ms-playwright')}, PATH: chromium, chromium-browser, google-chrome, google-chrome-stable, chrome); ` +
        'install one: apt-get install chromium, or npx playwright-core install chromium, or set SPLIT_PLAN_CHROMIUM to its executable',
    );
  });
});

describe('checkPython', () => {
  /** A stand-in interpreter printing what the real check script prints. */
  const fakePython = (stdout: string, status = 0): string => {
    const root = machineWith([]);
    const path = join(root, 'python3');
    writeFileSync(path, `#!/bin/sh\nprintf '${stdout}'\nexit ${status}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const INSTALL =
    "install it: pip install 'pytest>=8.2' (or apt-get install python3-pytest where that is 8.2+), or set SPLIT_PLAN_PYTHON to a Python that has it";

  it.each<[string, string, number, { python: boolean; pytestVersion?: string; problem?: string }]>([
    ['pytest 9', 'python 3.11.7\\npytest 9.0.3\\n', 0, { python: true, pytestVersion: '9.0.3' }],
    ['pytest 8.2.0 exactly', 'python 3.12.1\\npytest 8.2.0\\n', 0, { python: true, pytestVersion: '8.2.0' }],
    [
      'pytest 7.4 (too old for pytest @FILE)',
      'python 3.12.1\\npytest 7.4.4\\n',
      0,
      { python: true, pytestVersion: '7.4.4', problem: 'but {py} has pytest 7.4.4; ' + INSTALL },
    ],
    ['no pytest', 'python 3.11.7\\n', 1, { python: true, problem: 'but {py} has no pytest; ' + INSTALL }],
  ])('%s', (_name, stdout, status, expected) => {
    const py = fakePython(stdout, status);
    const want =
      expected.problem === undefined
        ? expected
        : { ...expected, problem: `split-plan tests need pytest 8.2+ (${py} -m pytest), ${expected.problem.replace('{py}', py)}` };
    expect(checkPython(py)).toEqual(want);
  });

  it('a python3 that is not Python (a stub, a broken shim)', () => {
    const root = machineWith([]);
    const py = join(root, 'python3');
    writeFileSync(py, '#!/bin/sh\necho "python3: command not found" >&2\nexit 127\n');
    chmodSync(py, 0o755);
    expect(checkPython(py)).toEqual({
      python: false,
      problem: `split-plan tests need pytest 8.2+ (${py} -m pytest), but ${py} does not run as Python (exit 127: python3: command not found); install Python 3 and pytest: pip install 'pytest>=8.2', or set SPLIT_PLAN_PYTHON to a Python that has it`,
    });
  });

  it('an interpreter that does not run', () => {
    const r = checkPython(join(tmp, 'no-such-python'));
    expect(r.python).toBe(false);
    expect(r.problem).toMatch(
      /^split-plan tests need pytest 8\.2\+ \(.*no-such-python -m pytest\), but .*no-such-python does not run \(.*ENOENT\); install Python 3 and pytest: pip install 'pytest>=8\.2'/,
    );
  });

  it.each<[string, string, boolean]>([
    ['9.0.3', '8.2', true],
    ['8.2', '8.2', true],
    ['8.2.0.dev12', '8.2', true],
    ['8.10.0', '8.2', true],
    ['8.1.2', '8.2', false],
    ['7.4.4', '8.2', false],
  ])('%s is at least %s: %s', (v, min, expected) => {
    expect(versionAtLeast(v, min)).toBe(expected);
  });
});

/**
 * learnSetups needs evidence (issue 11 item 3), on real pytest runs: a generated suite with a
 * slow module-scoped fixture (tests/test_fixture.py) and a file whose first test is slow by itself
 * (tests/test_slowfirst.py, as libcst's test_codegen_clean.py), run twice with `--junitxml`, the
 * second time with the node ids in another order (pytest runs command-line ids in the order
 * given). The learned module setup must be the fixture's, and nothing must be charged for the
 * slow first test. One run alone must teach nothing (one order cannot tell them apart).
 *
 * Needs pytest 8.2+ (helpers/needs.ts: skipped without it, failed under SPLIT_PLAN_REQUIRE_PYTEST=1).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapReports } from '../src/core/junitMap.js';
import { learnSetups, runsOf } from '../src/core/overhead.js';
import { parseJUnit } from '../src/formats/junit.js';
import { describeWithPytest, pytestProblem, PYTHON } from './helpers/needs.js';

const ENV: NodeJS.ProcessEnv = { ...process.env, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', PYTHONDONTWRITEBYTECODE: '1' };
delete ENV.PYTEST_ADDOPTS;
delete ENV.PYTEST_PLUGINS;

const FIXTURE_SECONDS = 0.6;
const FILES: Record<string, string> = {
  'pytest.ini': '[pytest]\n',
  'tests/__init__.py': '',
  'tests/test_fixture.py': `import time

import pytest


@pytest.fixture(scope="module")
def heavy():
    time.sleep(${FIXTURE_SECONDS})
    return 1


@pytest.mark.parametrize("i", range(6))
def test_uses(heavy, i):
    time.sleep(0.02)
`,
  'tests/test_slowfirst.py': `import time


def test_a():
    time.sleep(${FIXTURE_SECONDS})  # slow by itself, on every run


def test_b():
    time.sleep(0.02)


def test_c():
    time.sleep(0.02)


def test_d():
    time.sleep(0.02)


def test_e():
    time.sleep(0.02)
`,
};
const FIXTURE_IDS = [0, 1, 2, 3, 4, 5].map((i) => `tests/test_fixture.py::test_uses[${i}]`);
const SLOW_IDS = ['a', 'b', 'c', 'd', 'e'].map((x) => `tests/test_slowfirst.py::test_${x}`);
const KNOWN = new Set([...FIXTURE_IDS, ...SLOW_IDS]);

let root = '';

function pytestRun(junit: string, args: string[]): void {
  execFileSync(PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-q', `--junitxml=${junit}`, ...args], {
    cwd: root,
    env: ENV,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

function runsFrom(...files: string[]) {
  const reports = files.map((f) => parseJUnit(readFileSync(join(root, f), 'utf8'), f));
  const { cases, unmapped } = mapReports(reports, { knownIds: KNOWN, isFile: (rel) => existsSync(join(root, rel)) });
  expect(unmapped).toEqual([]);
  return runsOf(cases);
}

describeWithPytest('learnSetups on real pytest runs in two orders', () => {
  beforeAll(() => {
    if (pytestProblem()) return;
    root = mkdtempSync(join(tmpdir(), 'setup-evidence-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    pytestRun('path-order.xml', ['tests']);
    // Another order: each file starts with another test, and the slow test_a runs last.
    pytestRun('other-order.xml', [...[3, 0, 1, 2, 4, 5].map((i) => FIXTURE_IDS[i] as string), ...SLOW_IDS.slice(1), SLOW_IDS[0] as string]);
  }, 120_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the second run really ran in the other order', () => {
    const [, other] = runsFrom('path-order.xml', 'other-order.xml');
    expect(other?.map((c) => c.id)).toEqual([...[3, 0, 1, 2, 4, 5].map((i) => FIXTURE_IDS[i]), ...SLOW_IDS.slice(1), SLOW_IDS[0]]);
  });

  it.each<[string, string[], number | undefined, number | undefined]>([
    // why, reports, module setup of test_fixture.py (about), of test_slowfirst.py
    ['one run: no evidence, nothing learned for either file', ['path-order.xml'], undefined, undefined],
    ['the other order alone: no evidence either', ['other-order.xml'], undefined, undefined],
    ['both orders: the fixture is learned, the slow first test is not a setup', ['path-order.xml', 'other-order.xml'], FIXTURE_SECONDS, undefined],
  ])('%s', (_why, files, fixture, slowFirst) => {
    const s = learnSetups(runsFrom(...files));
    const got = s.fileSeconds.get('tests/test_fixture.py');
    if (fixture === undefined) expect(got).toBeUndefined();
    else {
      expect(got).toBeGreaterThan(fixture * 0.75);
      expect(got).toBeLessThan(fixture * 1.5);
    }
    // In the second order test_a runs last: anything charged to test_slowfirst.py would be noise.
    const slow = s.fileSeconds.get('tests/test_slowfirst.py');
    if (slowFirst === undefined) expect(slow ?? 0).toBeLessThan(0.1);
    // Whatever was learned is taken off the first tests only; test_a keeps its own time.
    expect(s.fileShare.get(SLOW_IDS[0] as string) ?? 0).toBeLessThan(0.1);
  });
});

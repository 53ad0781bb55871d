/**
 * End to end against the real pytest: a generated suite is collected (`--collect-only -q`) and run
 * with `--junitxml` in both junit families; every testcase must map back to exactly the collected
 * node ids, once from the collected list and once from the files on disk alone.
 *
 * Needs pytest 8.2+ (helpers/needs.ts: skipped without it, failed under SPLIT_PLAN_REQUIRE_PYTEST=1).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { junitCaseToNodeId, mapReports, type MapContext } from '../src/core/junitMap.js';
import type { JUnitCase, JUnitReport } from '../src/core/types.js';
import { parseJUnit } from '../src/formats/junit.js';
import { machine } from './helpers/machine.js';
import { describeWithPytest, pytestProblem, PYTHON } from './helpers/needs.js';

const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', // no third-party plugins (xdist, benchmark, ...)
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
};
delete ENV.PYTEST_ADDOPTS;
delete ENV.PYTEST_PLUGINS;

/** The generated suite, rootdir-relative under proj/ (plus one base module above the rootdir). */
const FILES: Record<string, string> = {
  'outside_base.py': String.raw`
class OutsideBase:
    def test_from_outside(self):
        pass
`,
  'proj/pytest.ini': String.raw`
[pytest]
python_files = test_*.py Check*.py
`,
  'proj/conftest.py': String.raw`
import pytest

@pytest.fixture
def answer():
    return 42

@pytest.fixture
def broken_teardown():
    yield 1
    raise RuntimeError("teardown fails")
`,
  'proj/test_root.py': String.raw`
def test_top(answer):
    assert answer == 42
`,
  'proj/tests/test_classes.py': String.raw`
import pytest

VALUES = ["a b", 'q"uote', "it's", "br[ack]et", "x::y", "caf\u00e9", "sl/ash", "dot.ted",
          "emoji\U0001F600", "tab\tch", "lt<gt>&amp", "t.py::C::f[1]", "\u65e5\u672c"]

class TestOuter:
    def test_plain(self):
        pass

    @pytest.mark.parametrize("v", VALUES)
    def test_param(self, v):
        assert v

    class TestInner:
        @pytest.mark.parametrize("n", [1, 2])
        def test_deep(self, n, answer):
            assert n

        def test_fails(self):
            assert False

@pytest.mark.parametrize("x", [
    pytest.param(1, id="spaces and :: and [x] and a.b/c"),
    pytest.param(2, id="\u00fcml\u00e4ut \u2603"),
])
def test_ids(x):
    pass

def test_skipped():
    pytest.skip("no")

@pytest.mark.xfail(reason="known")
def test_xfail():
    assert False

def test_teardown_error_after_failure(broken_teardown):
    assert False
`,
  'proj/tests/v1.2/test_dotted.py': String.raw`
class TestDotted:
    def test_in_dotted_dir(self):
        pass

def test_module_level_in_dotted_dir():
    pass
`,
  'proj/tests/base_cases.py': String.raw`
class BaseCases:
    def test_inherited(self):
        pass
`,
  'proj/tests/test_inherit.py': String.raw`
from base_cases import BaseCases

class TestChild(BaseCases):
    def test_own(self):
        pass
`,
  'proj/tests/test_outside.py': String.raw`
import os, sys
sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from outside_base import OutsideBase

class TestViaOutside(OutsideBase):
    pass
`,
  'proj/tests/CheckThing.py': String.raw`
import unittest

class CheckThing(unittest.TestCase):
    def test_a(self):
        pass
`,
  'proj/tests/test_skipmod.py': String.raw`
import pytest
pytest.skip("whole module", allow_module_level=True)

def test_never():
    pass
`,
};

let base = '';
let root = '';
let collected: string[] = [];
const reports: Record<'xunit1' | 'xunit2', JUnitReport> = {} as Record<'xunit1' | 'xunit2', JUnitReport>;

function pytest(args: string[]): string {
  try {
    return execFileSync(PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', ...args], {
      cwd: root,
      env: ENV,
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 60_000,
    });
  } catch (e) {
    // Exit status 1 means "some tests failed", which this suite does on purpose.
    const err = e as { status?: number; stdout?: string; stderr?: string };
    if (err.status === 1 && typeof err.stdout === 'string') return err.stdout;
    throw new Error(`pytest ${args.join(' ')} failed (status ${String(err.status)}): ${err.stderr ?? ''}${err.stdout ?? ''}`, { cause: e });
  }
}

const onDisk: MapContext = {
  knownIds: new Set(),
  isFile: (rel) => statSync(join(root, rel), { throwIfNoEntry: false })?.isFile() ?? false,
};
const casesOf = (r: JUnitReport): JUnitCase[] => r.suites.flatMap((s) => s.cases);

/** Writes the suite, collects it and runs it in both junit families. */
function setUp(): void {
  if (pytestProblem() !== undefined) return; // the block's own hook already failed every test, naming why
  base = mkdtempSync(join(tmpdir(), 'split-plan-junit-'));
  root = join(base, 'proj');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(base, rel)), { recursive: true });
    writeFileSync(join(base, rel), text.replace(/^\n/, ''));
  }
  const out = pytest(['--collect-only', '-q']);
  const lines = out.split('\n');
  collected = lines.slice(0, lines.indexOf(''));
  for (const family of ['xunit1', 'xunit2'] as const) {
    const file = join(base, `${family}.xml`);
    pytest(['-q', '-o', `junit_family=${family}`, `--junitxml=${file}`]);
    reports[family] = parseJUnit(readFileSync(file, 'utf8'), `${family}.xml`);
  }
}

describeWithPytest(`real pytest (${machine().python.pytestVersion ?? 'missing'})`, () => {
  beforeAll(setUp, 60_000);
  afterAll(() => {
    if (base !== '') rmSync(base, { recursive: true, force: true });
  });

  it('collects the generated suite, ids with spaces, quotes, brackets, :: and escaped unicode', () => {
    expect(collected).toHaveLength(29);
    expect(collected).toEqual(
      expect.arrayContaining([
        'test_root.py::test_top',
        'tests/CheckThing.py::CheckThing::test_a',
        'tests/test_classes.py::TestOuter::test_param[q"uote]',
        'tests/test_classes.py::TestOuter::test_param[br[ack]et]',
        'tests/test_classes.py::TestOuter::test_param[x::y]',
        'tests/test_classes.py::TestOuter::test_param[caf\\xe9]',
        'tests/test_classes.py::TestOuter::test_param[emoji\\U0001f600]',
        'tests/test_classes.py::TestOuter::test_param[t.py::C::f[1]]',
        'tests/test_classes.py::TestOuter::TestInner::test_deep[2]',
        'tests/test_classes.py::test_ids[spaces and :: and [x] and a.b/c]',
        'tests/test_inherit.py::TestChild::test_inherited',
        'tests/test_outside.py::TestViaOutside::test_from_outside',
        'tests/v1.2/test_dotted.py::TestDotted::test_in_dotted_dir',
        'tests/v1.2/test_dotted.py::test_module_level_in_dotted_dir',
      ]),
    );
  });

  it('xunit1 writes the base class module as `file` for inherited tests', () => {
    const byName = new Map(casesOf(reports.xunit1).map((c) => [c.name, c]));
    expect(byName.get('test_inherited')?.file).toBe('tests/base_cases.py');
    expect(byName.get('test_from_outside')?.file).toBe('../outside_base.py');
    expect(byName.get('test_in_dotted_dir')).toMatchObject({ classname: 'tests.v1.2.test_dotted.TestDotted', file: 'tests/v1.2/test_dotted.py' });
    expect(casesOf(reports.xunit2).every((c) => c.file === undefined)).toBe(true);
  });

  describe.each(['xunit1', 'xunit2'] as const)('%s', (family) => {
    const expectExact = (context: MapContext) => {
      const report = reports[family];
      const { cases, unmapped } = mapReports([report], context);
      expect(unmapped).toEqual([`${family}.xml: tests.test_skipmod`]);
      // one extra element: the teardown error recorded after the failed call
      expect(cases).toHaveLength(collected.length + 1);
      expect([...new Set(cases.map((m) => m.id))].sort()).toEqual([...collected].sort());
      return cases;
    };

    it('maps every testcase to exactly the collected ids, knowing the collected ids', () => {
      const cases = expectExact({ knownIds: new Set(collected), isFile: () => false });
      const outcomes = (id: string) => cases.filter((m) => m.id === id).map((m) => m.outcome);
      expect(outcomes('tests/test_classes.py::TestOuter::TestInner::test_fails')).toEqual(['failed']);
      expect(outcomes('tests/test_classes.py::test_skipped')).toEqual(['skipped']);
      expect(outcomes('tests/test_classes.py::test_xfail')).toEqual(['skipped']);
      expect(outcomes('tests/test_classes.py::test_teardown_error_after_failure')).toEqual(['failed', 'error']);
      expect(outcomes('test_root.py::test_top')).toEqual(['passed']);
      expect(cases.every((m) => Number.isFinite(m.time) && m.time >= 0 && m.report === 0)).toBe(true);
    });

    it('maps every testcase to exactly the collected ids from the files on disk alone', () => {
      expectExact(onDisk);
    });

    it('with nothing known, only the heuristic misses (never for xunit1, whose file attribute helps)', () => {
      const nothing: MapContext = { knownIds: new Set(), isFile: () => false };
      const wrong = casesOf(reports[family])
        .map((c) => junitCaseToNodeId(c, nothing))
        .filter((id): id is string => id !== undefined && !collected.includes(id))
        .sort();
      expect(wrong).toEqual(
        family === 'xunit1'
          ? []
          : [
              'tests.py::CheckThing::CheckThing::test_a', // upper-case module name
              'tests/v1/2/test_dotted.py::TestDotted::test_in_dotted_dir', // dotted directory
              'tests/v1/2/test_dotted.py::test_module_level_in_dotted_dir',
            ],
      );
    });
  });
});

/**
 * The shard plugin (src/python/conftest.py) run by real pytest, written the way split-plan writes
 * it (formats/pluginFiles.ts): what it keeps agrees with the rule core/selection.ts states, ids
 * compare exactly (parameters with `::`, spaces, quotes, non-ASCII), what it drops is reported as
 * deselected, what it did not find is written into the JUnit report, and a shard whose planned
 * tests are all gone exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collect, parseCollectOutput, pytestEnv, runPytest } from '../scripts/lib/pytest.js';
import type { Plan } from '../src/core/plan.js';
import { filterKeeps, namePluginDirs, pluginDirOf, shardFilters } from '../src/core/selection.js';
import { GONE_PROPERTY, GROUP_PROPERTY } from '../src/core/verify.js';
import { parseJUnit } from '../src/formats/junit.js';
import { pluginFiles } from '../src/formats/pluginFiles.js';
import { pluginSource } from '../src/python/source.js';

const required = process.env.SPLIT_PLAN_REQUIRE_PYTEST === '1';
function havePytest(): boolean {
  try {
    execFileSync('python3', ['-m', 'pytest', '--version'], { env: pytestEnv(), stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const available = havePytest();
if (!available && !required) console.warn('shardPlugin: python3 -m pytest is not available; skipping the real plugin runs');
const describeReal = available || required ? describe : describe.skip;

const SUITE: Record<string, string> = {
  'pytest.ini': '[pytest]\n',
  'tests/test_cut.py': [
    'import pytest',
    '',
    '@pytest.mark.parametrize("v", ["a b", "x::y", "q\\"uote", "caf\\u00e9", "br[ack]et"])',
    'def test_p(v):',
    '    pass',
    '',
    'def test_p2():',
    '    pass',
    '',
    'class TestK:',
    '    def test_m(self):',
    '        pass',
    '',
    '    def test_m2(self):',
    '        pass',
    '',
  ].join('\n'),
  'tests/test_whole.py': 'def test_w():\n    pass\n',
};

let root: string;
let ids: string[];

beforeAll(() => {
  if (!available) {
    if (required) throw new Error('SPLIT_PLAN_REQUIRE_PYTEST=1 but python3 -m pytest is not available');
    return;
  }
  root = mkdtempSync(join(tmpdir(), 'split-plan-plugin-'));
  for (const [rel, text] of Object.entries(SUITE)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  ids = collect(root);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const CUT = 'tests/test_cut.py';

/** A two-shard plan over test_cut.py: group 1 owns it; `plan1`, `plan2` are the planned ids. */
function planOf(plan1: string[], plan2: string[]): Pick<Plan, 'shards' | 'cutFiles' | 'together'> {
  const plan = {
    shards: [
      { group: 1, pluginDir: pluginDirOf(1), selectors: [pluginDirOf(1), CUT, 'tests/test_whole.py'], tests: [...plan1, 'tests/test_whole.py::test_w'] },
      { group: 2, pluginDir: pluginDirOf(2), selectors: [pluginDirOf(2), CUT], tests: plan2 },
    ] as Plan['shards'],
    cutFiles: [{ file: CUT, owner: 1, groups: [1, 2] }],
    together: [],
  };
  return { ...plan, shards: namePluginDirs(plan) };
}

function write(plan: Pick<Plan, 'shards' | 'cutFiles' | 'together'>): void {
  for (const f of pluginFiles(plan, [1, 2])) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
}

function runGroup(plan: Pick<Plan, 'shards' | 'cutFiles' | 'together'>, group: number, extra: string[] = []) {
  const shard = plan.shards[group - 1] as Plan['shards'][number];
  const junitxml = join(root, `g${group}.xml`);
  const r = runPytest(root, ['-rA', ...extra, ...shard.selectors], { junitxml });
  const report = parseJUnit(readFileSync(junitxml, 'utf8'), junitxml);
  const ran = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('PASSED '))
    .map((l) => l.slice('PASSED '.length));
  const props = report.suites.flatMap((s) => s.properties ?? []);
  return { r, ran, props };
}

describeReal('the shard plugin under real pytest', () => {
  it('writes the same conftest.py split-plan ships', () => {
    const plan = planOf([], []);
    write(plan);
    expect(readFileSync(join(root, plan.shards[0]?.pluginDir as string, 'conftest.py'), 'utf8')).toBe(pluginSource());
    expect(readFileSync(join(root, '.split-plan', '.gitignore'), 'utf8')).toContain('*');
  });

  it('keeps what the rule keeps: the owner every test but the others, the other shard its own tests', () => {
    const cut = ids.filter((id) => id.startsWith(`${CUT}::`));
    expect(cut).toHaveLength(8);
    expect(cut).toContain(`${CUT}::test_p[caf\\xe9]`);
    // Group 2 planned the odd ones, and one that no longer exists; group 1 some of the even ones
    // and a deleted one: the rest of the even ones are "new" to the plan.
    const plan2 = [...cut.filter((_, i) => i % 2 === 1), `${CUT}::test_p[gone]`];
    const plan1 = [cut[0] as string, `${CUT}::TestK::test_deleted`];
    const plan = planOf(plan1, plan2);
    write(plan);
    const filters = shardFilters(plan);
    const g1 = runGroup(plan, 1);
    const g2 = runGroup(plan, 2);
    expect(g1.r.exitCode).toBe(0);
    expect(g2.r.exitCode).toBe(0);
    const expected = (g: number, files: string[]): string[] =>
      ids.filter((id) =>
        filterKeeps(
          filters.get(g),
          files.some((f) => id.startsWith(`${f}::`)),
          id,
        ),
      );
    expect(g1.ran.sort()).toEqual(expected(1, [CUT, 'tests/test_whole.py']).sort());
    expect(g2.ran.sort()).toEqual(expected(2, [CUT]).sort());
    expect([...g1.ran, ...g2.ran].sort()).toEqual([...ids].sort());
    // Dropped items count as deselected in pytest's summary.
    expect(g1.r.stdout).toMatch(/5 passed, 4 deselected/);
    expect(g2.r.stdout).toMatch(/4 passed, 4 deselected/);
    // The JUnit report names the group and the planned ids that were not found.
    expect(g1.props).toEqual([
      { name: GROUP_PROPERTY, value: '1' },
      { name: GONE_PROPERTY, value: JSON.stringify([`${CUT}::TestK::test_deleted`]) },
    ]);
    expect(g2.props).toEqual([
      { name: GROUP_PROPERTY, value: '2' },
      { name: GONE_PROPERTY, value: JSON.stringify([`${CUT}::test_p[gone]`]) },
    ]);
  });

  it('compares ids exactly: a planned id that is only a prefix of real ones keeps none of them', () => {
    const plan = planOf([`${CUT}::test_p`], [`${CUT}::TestK`]);
    write(plan);
    const g2 = runGroup(plan, 2);
    // Nothing of test_cut.py runs there: "TestK" is not an id, and pytest finds nothing to run.
    expect(g2.ran).toEqual([]);
    expect(g2.r.exitCode).toBe(0); // every planned test is gone: not an error
    expect(g2.props).toContainEqual({ name: GONE_PROPERTY, value: JSON.stringify([`${CUT}::TestK`]) });
  });

  it('a shard whose planned tests are all gone exits 0; without the plugin pytest would fail', () => {
    const plan = planOf(
      ids.filter((id) => id.startsWith(`${CUT}::`)),
      [`${CUT}::test_removed_1`, `${CUT}::test_removed_2`],
    );
    write(plan);
    const g2 = runGroup(plan, 2);
    expect({ exit: g2.r.exitCode, ran: g2.ran }).toEqual({ exit: 0, ran: [] });
    const byId = runPytest(root, [`${CUT}::test_removed_1`]);
    expect(byId.exitCode).toBe(4); // what selecting a deleted test by id does
  });

  it('the plugin directory holds no tests and a plain pytest run never loads it', () => {
    const plan = planOf([], []);
    write(plan);
    const r = runPytest(root, ['--collect-only']);
    expect(parseCollectOutput(r.stdout).sort()).toEqual([...ids].sort());
    const only = runPytest(root, [plan.shards[0]?.pluginDir as string]);
    expect(only.exitCode).toBe(5); // no tests collected from it
  });
});

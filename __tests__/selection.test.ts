/**
 * Exactly once by construction (core/selection.ts), as properties over random suites and plans:
 * whatever tests are added, deleted or renamed after planning (in cut files, cut classes, whole
 * files, new files; whole files deleted before planning), the shards together run every test that
 * exists once, and tests the plan does not know run where verify expects them. The rule is
 * simulated (helpers/shardRun.ts); exactlyOnce.test.ts and the real-plugin checks below run it.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan, type PlanOptions } from '../src/core/plan.js';
import { fileOf } from '../src/core/nodeid.js';
import { filterKeeps, pluginDirOf, selectShards, shardFilters } from '../src/core/selection.js';
import { buildSuite, suiteFiles, withoutFiles } from '../src/core/suite.js';
import { ALGORITHMS, GRANULARITIES, type OverheadModel } from '../src/core/types.js';
import { formatPlan, parsePlan } from '../src/formats/planJson.js';
import { pluginFiles } from '../src/formats/pluginFiles.js';
import { groupsRunning } from './helpers/shardRun.js';
import { randomSuite, shuffled } from './helpers/suites.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { describeWith } from '../src/render/warnings.js';

const options = fc.record({
  splits: fc.integer({ min: 1, max: 7 }),
  granularity: fc.constantFrom(...GRANULARITIES),
  algorithm: fc.constantFrom(...ALGORITHMS),
  workers: fc.constantFrom(1, 3),
  overhead: fc.constantFrom<OverheadModel>(DEFAULT_OVERHEAD, { fixedSeconds: 1, perFileSeconds: 0.2, source: 'flag', samples: 0 }),
});

/** Suites of a few files (so that plans cut some), with classes, parameters and a heavy file. */
const fewFiles = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom('tests/test_m0.py', 'tests/test_m1.py', 'tests/sub/test_m2.py', 'test_root.py'),
      fc.constantFrom('', 'TestA::', 'TestB::', 'TestA::TestIn::'),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('', '[a b]', '[x::y]', '[1]'),
      fc.double({ min: 0, max: 3, noNaN: true }),
    ),
    { minLength: 1, maxLength: 70, selector: ([f, c, t, p]) => `${f}${c}${t}${p}` },
  )
  .map((rows) => {
    const timings = new Map(rows.map(([f, c, t, p, secs]) => [`${f}::${c}test_${t}${p}`, f === 'tests/test_m0.py' ? secs * 5 : secs]));
    return { timings, ids: [...timings.keys()] };
  });

/** What changes after the timings (and the collected list, when there is one) were taken. */
const mutation = fc.record({
  collected: fc.boolean(),
  deleteEvery: fc.integer({ min: 2, max: 9 }),
  renameEvery: fc.integer({ min: 2, max: 9 }),
  offset: fc.nat(8),
  addPerFile: fc.integer({ min: 0, max: 3 }),
  newFiles: fc.integer({ min: 0, max: 2 }),
  deleteFiles: fc.integer({ min: 0, max: 1 }),
});

/** A renamed test keeps its file, class and parameters: `…::test_x[p]` -> `…::test_x_renamed[p]`. */
function renamed(id: string): string {
  const bracket = id.indexOf('[');
  return bracket === -1 ? `${id}_renamed` : `${id.slice(0, bracket)}_renamed${id.slice(bracket)}`;
}

describe('every test that exists runs exactly once, whatever changed since the timings', () => {
  it('adds, deletes, renames, new files and deleted files; with or without a (stale) collected list', () => {
    let cutSeen = 0;
    let addedToCut = 0;
    fc.assert(
      fc.property(fc.oneof(fewFiles, randomSuite(60)), options, mutation, (suite, opts: PlanOptions, m) => {
        const files = [...new Set(suite.ids.map(fileOf))].sort();
        const deletedFiles = new Set(files.length > 1 ? files.slice(0, m.deleteFiles) : []);
        const kept = suite.ids.filter((id) => !deletedFiles.has(fileOf(id)));
        const deleted = new Set(kept.filter((_, i) => (i + m.offset) % m.deleteEvery === 0));
        const renames = kept.filter((id, i) => !deleted.has(id) && (i + m.offset) % m.renameEvery === 1);
        const classesOf = (f: string): string[] => [
          ...new Set(
            kept
              .filter((id) => fileOf(id) === f)
              .map((id) => /^[^[]*?::(Test[A-Za-z]+)::/.exec(id)?.[1])
              .filter((c): c is string => c !== undefined),
          ),
        ];
        const added = files
          .filter((f) => !deletedFiles.has(f))
          .flatMap((f) =>
            Array.from({ length: m.addPerFile }, (_, k) =>
              k % 2 === 1 && classesOf(f).length > 0 ? `${f}::${classesOf(f)[0]}::test_added_${k}` : `${f}::test_added_${k}`,
            ),
          );
        const newFiles = Array.from({ length: m.newFiles }, (_, k) => `tests/new/test_brand_new_${k}.py`);
        // A collected list is the truth (README): a file it does not name is not planned, as pytest
        // may have left it out on purpose; only a plan without one picks new files up from disk.
        const newFileTests = newFiles.flatMap((f) => [`${f}::test_1`, `${f}::TestN::test_2[x::y]`]);
        const current = [
          ...kept.filter((id) => !deleted.has(id) && !renames.includes(id)),
          ...renames.map(renamed),
          ...added,
          ...(m.collected ? [] : newFileTests),
        ];

        // Planned after the change: timings from before it, the collected list from before it
        // (stale) or none, the new files found on disk, the deleted file missing from disk.
        let built = buildSuite({
          timings: suite.timings,
          ...(m.collected ? { collected: suite.ids } : {}),
          discoveredFiles: [...files.filter((f) => !deletedFiles.has(f)), ...newFiles],
        });
        built = withoutFiles(built, new Set(suiteFiles(built).filter((f) => deletedFiles.has(f))));
        const plan = buildPlan(built, opts);
        cutSeen += plan.cutFiles.length;

        const running = groupsRunning(plan, m.collected ? [...current, ...newFileTests] : current);
        if (m.collected) for (const id of newFileTests) expect({ id, groups: running.get(id)?.length ?? 0 }).toEqual({ id, groups: 0 });
        for (const id of current) expect({ id, groups: running.get(id)?.length }).toEqual({ id, groups: 1 });
        // Where tests the plan does not know run: the owner of a cut file, else the shard selecting the file.
        const owners = new Map(plan.cutFiles.map((c) => [c.file, c.owner]));
        for (const id of [...added, ...renames.map(renamed)]) {
          const owner = owners.get(fileOf(id));
          if (owner !== undefined) addedToCut++;
          const expected = owner ?? plan.shards.find((s) => s.selectors.includes(fileOf(id)))?.group;
          expect({ id, group: running.get(id)?.[0] }).toEqual({ id, group: expected });
        }
        // No shard is handed a file that is gone.
        for (const s of plan.shards) for (const sel of s.selectors) expect(deletedFiles.has(sel)).toBe(false);
      }),
      { numRuns: 400 },
    );
    expect(cutSeen).toBeGreaterThan(0);
    expect(addedToCut).toBeGreaterThan(0);
  });

  it('the plugin files are the same bytes whatever the input order', () => {
    fc.assert(
      fc.property(randomSuite(), options, fc.integer(), (suite, opts: PlanOptions, seed) => {
        const a = buildPlan(buildSuite({ timings: suite.timings }), opts);
        const timings = new Map(shuffled(suite.ids, seed).map((id) => [id, suite.timings.get(id) as number]));
        const b = buildPlan(buildSuite({ timings }), opts);
        const groups = a.shards.map((s) => s.group);
        expect(pluginFiles(b, groups)).toEqual(pluginFiles(a, groups));
        expect(formatPlan(b, describeWith(CLI_WORDS))).toBe(formatPlan(a, describeWith(CLI_WORDS)));
      }),
      { numRuns: 100 },
    );
  });

  it('a plan read back from JSON gives the same plugin files', () => {
    fc.assert(
      fc.property(randomSuite(), options, (suite, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings: suite.timings }), opts);
        const back = parsePlan(formatPlan(plan, describeWith(CLI_WORDS)), 'plan.json');
        const groups = plan.shards.map((s) => s.group);
        expect(pluginFiles(back, groups)).toEqual(pluginFiles(plan, groups));
      }),
      { numRuns: 60 },
    );
  });
});

describe('plugin directories are named by their content', () => {
  const timings = new Map([
    ['tests/test_big.py::test_1', 5],
    ['tests/test_big.py::test_2', 5],
    ['tests/test_big.py::test_3', 5],
    ['tests/test_small.py::test_s', 1],
  ]);
  const opts: PlanOptions = { splits: 2, granularity: 'test', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD };

  it('two plans of one checkout never share a directory name unless they share its content', () => {
    const a = buildPlan(buildSuite({ timings }), opts);
    const b = buildPlan(buildSuite({ timings: new Map([...timings, ['tests/test_big.py::test_4', 5]]) }), opts);
    const dirs = (p: Plan): string[] => p.shards.flatMap((s) => (s.pluginDir ? [s.pluginDir] : []));
    expect(dirs(a)).toHaveLength(2);
    for (const d of dirs(a)) expect(dirs(b)).not.toContain(d);
    expect(dirs(buildPlan(buildSuite({ timings }), opts))).toEqual(dirs(a));
  });

  it('a plan edited by hand (a test moved) is refused when its plugin files are written', () => {
    const plan = buildPlan(buildSuite({ timings }), opts);
    const [s1, s2] = plan.shards as [Plan['shards'][number], Plan['shards'][number]];
    const moved = s1.tests.find((id) => id.startsWith('tests/test_big.py::')) as string;
    const edited: Plan = {
      ...plan,
      shards: [
        { ...s1, tests: s1.tests.filter((id) => id !== moved) },
        { ...s2, tests: [...s2.tests, moved] },
      ],
    };
    expect(() => pluginFiles(edited, [s1.group])).toThrow(
      /^group 1: pluginDir "\.split-plan\/group-1-[0-9a-f]{16}" does not match the shard's part of the plan \(was the plan edited\?\); plan again$/,
    );
  });
});

describe('selectShards', () => {
  const unit = (file: string, seconds: number, ...tests: string[]) => ({ file, seconds, tests });

  it.each<[string, Parameters<typeof selectShards>[0], number]>([
    ['the most seconds', [[unit('a.py', 1, 'a.py::t1')], [unit('a.py', 5, 'a.py::t2')]], 2],
    ['ties on seconds: the most tests', [[unit('a.py', 2, 'a.py::t1')], [unit('a.py', 2, 'a.py::t2', 'a.py::t3')]], 2],
    ['ties on both: the lowest group', [[unit('a.py', 2, 'a.py::t1')], [unit('a.py', 2, 'a.py::t2')], [unit('a.py', 2, 'a.py::t3')]], 1],
    ['units of one shard add up', [[unit('a.py', 2, 'a.py::t1'), unit('a.py', 2, 'a.py::t4')], [unit('a.py', 3, 'a.py::t2')]], 1],
  ])('the owner of a cut file has %s', (_why, perShard, owner) => {
    expect(selectShards(perShard).cutFiles).toEqual([{ file: 'a.py', owner, groups: perShard.map((_, i) => i + 1) }]);
  });

  it('a together group fixes the owner of the files it touches, and its shard loads the plugin', () => {
    const perShard = [[unit('a.py', 9, 'a.py::t1')], [unit('a.py', 1, 'a.py::t2'), unit('b.py', 1, 'b.py::t')]];
    const r = selectShards(perShard, { preferredOwner: new Map([['a.py', 1]]), pluginShards: new Set([1]) });
    expect(r.cutFiles).toEqual([{ file: 'a.py', owner: 2, groups: [1, 2] }]);
    expect(r.shards).toEqual([
      { selectors: [pluginDirOf(1), 'a.py'], pluginDir: pluginDirOf(1) },
      { selectors: [pluginDirOf(2), 'a.py', 'b.py'], pluginDir: pluginDirOf(2) },
    ]);
  });

  it('a shard without a cut file or together group passes its files only', () => {
    expect(selectShards([[unit('b.py', 1, 'b.py'), unit('a.py', 1, 'a.py::t')]]).shards).toEqual([{ selectors: ['a.py', 'b.py'] }]);
  });
});

describe('shardFilters', () => {
  const plan: Pick<Plan, 'shards' | 'cutFiles' | 'together'> = {
    shards: [
      { group: 1, pluginDir: pluginDirOf(1), tests: ['a.py::t1', 'a.py::t3', 'b.py::t'] },
      { group: 2, pluginDir: pluginDirOf(2), tests: ['a.py::t2[x::y]'] },
      { group: 3, tests: ['c.py'] },
    ] as Plan['shards'],
    cutFiles: [{ file: 'a.py', owner: 1, groups: [1, 2] }],
    together: [],
  };

  it('gives the owner its ids and the others; every other shard its own ids', () => {
    const f = shardFilters(plan);
    expect([...f.keys()]).toEqual([1, 2]);
    expect(f.get(1)?.files).toEqual({ 'a.py': { owner: true, mine: ['a.py::t1', 'a.py::t3'], others: ['a.py::t2[x::y]'] } });
    expect(f.get(2)?.files).toEqual({ 'a.py': { owner: false, mine: ['a.py::t2[x::y]'] } });
  });

  it.each<[string, number, boolean, string, boolean]>([
    ['the owner keeps a test it planned', 1, true, 'a.py::t1', true],
    ['the owner keeps a test nobody planned', 1, true, 'a.py::t9', true],
    ["the owner drops another shard's test", 1, true, 'a.py::t2[x::y]', false],
    ['the owner keeps a test of an uncut file it runs', 1, true, 'b.py::t', true],
    ['another shard keeps its own test', 2, true, 'a.py::t2[x::y]', true],
    ['another shard drops a test nobody planned', 2, true, 'a.py::t9', false],
    ["another shard drops the owner's test", 2, true, 'a.py::t1', false],
    ['ids compare exactly, never by prefix', 2, true, 'a.py::t2[x::y]x', false],
    ['nothing runs from a file the shard does not select', 2, false, 'c.py::t', false],
  ])('%s', (_why, group, runsFile, id, keeps) => {
    expect(filterKeeps(shardFilters(plan).get(group), runsFile, id)).toBe(keeps);
  });
});

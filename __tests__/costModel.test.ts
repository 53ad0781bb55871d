/**
 * The cost model (src/core/overhead.ts) and how plans use it: shard seconds with workers, setups
 * learned from first tests, file cutting only when it pays, and predictions that match an
 * independent recomputation from the shard's own tests.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { chooseOverhead, chooseSetups } from '../src/app/plan.js';
import { DEFAULT_STARTUP_SECONDS, learnSetups, payingWorkers, shardSeconds, type RunCase, type SetupModel } from '../src/core/overhead.js';
import { partition, type Item } from '../src/core/partition.js';
import { buildPlan, type Plan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { fileOf } from '../src/core/nodeid.js';
import type { MappedCase, OverheadModel } from '../src/core/types.js';
import { randomSuite, type RandomSuite } from './helpers/suites.js';

const model = (fixedSeconds: number, perFileSeconds: number): OverheadModel => ({ fixedSeconds, perFileSeconds, source: 'flag', samples: 0 });

describe('shardSeconds', () => {
  it.each([
    // why, fixed, perFile, files, tests, setups, longest, workers, expected
    ['a shard without tests costs nothing', 2, 0.5, 0, 0, 0, 0, 1, 0],
    ['one worker: start-up + collection + setups + tests', 2, 0.5, 4, 10, 1, 3, 1, 2 + 2 + 11],
    ['four workers share tests and setups, not collection', 2, 0.5, 4, 10, 2, 1, 4, 2 + 2 + 3],
    ['four workers cannot beat the longest test', 2, 0.5, 4, 10, 2, 6, 4, 2 + 2 + 6],
    ['the longest test floor is the whole load with one worker', 1, 0, 1, 6, 0, 6, 1, 7],
    ['sixteen workers on one long test and crumbs', 0.5, 0.1, 2, 8.2, 0, 8, 16, 0.5 + 0.2 + 8],
  ])('%s', (_why, fixed, perFile, files, testSeconds, setupSeconds, longest, workers, expected) => {
    expect(shardSeconds(model(fixed, perFile), { files, testSeconds, setupSeconds, longest }, workers)).toBeCloseTo(expected, 9);
  });

  it.each([
    [1, 4, 1],
    [3, 4, 3],
    [4, 4, 4],
    [50, 4, 4],
    [7, 1, 1],
  ])('%i tests on %i workers: %i of them pay the setup', (tests, workers, expected) => {
    expect(payingWorkers(tests, workers)).toBe(expected);
  });
});

const run = (...cases: [string, number, boolean?][]): RunCase[] => cases.map(([id, time, skipped]) => ({ id, time, skipped: skipped ?? false }));

describe('learnSetups: a setup needs evidence (issue 11)', () => {
  type Want = {
    file?: Record<string, number>;
    cls?: Record<string, number>;
    session?: number;
    fileShare?: Record<string, number>;
    classShare?: Record<string, number>;
  };
  it.each<[string, RunCase[][], Want]>([
    [
      'one order: a slow first test is not a setup (nothing learned, nothing taken off)',
      [run(['t/test_a.py::test_x[1]', 0.9], ['t/test_a.py::test_x[2]', 0.1], ['t/test_a.py::test_x[3]', 0.1], ['t/test_a.py::test_y', 5])],
      { file: {}, session: 0, fileShare: {} },
    ],
    [
      "libcst's test_codegen_clean.py: its first test is slow by itself, the other shard's first test pays nothing",
      [
        run(['t/test_clean.py::test_a', 20.3], ['t/test_clean.py::test_b', 0.2], ['t/test_clean.py::test_c', 0.2]),
        run(['t/test_clean.py::test_d', 0.2], ['t/test_clean.py::test_e', 0.2], ['t/test_clean.py::test_f', 0.3]),
      ],
      { file: {}, session: 0, fileShare: {} },
    ],
    [
      'a module fixture: whichever test runs first pays it, in both orders',
      [
        run(['t/test_a.py::test_x[1]', 0.9], ['t/test_a.py::test_x[2]', 0.1], ['t/test_a.py::test_x[3]', 0.1]),
        run(['t/test_a.py::test_x[3]', 0.9], ['t/test_a.py::test_x[1]', 0.1], ['t/test_a.py::test_x[2]', 0.1]),
      ],
      // Each first test paid 0.8 in one of its two runs: 0.4 comes off its mean timing.
      { file: { 't/test_a.py': 0.8 }, fileShare: { 't/test_a.py::test_x[1]': 0.4, 't/test_a.py::test_x[3]': 0.4 } },
    ],
    [
      'a file cut across two shards: each part pays the setup on its own first test',
      [
        run(['t/test_a.py::test_1', 2.1], ['t/test_a.py::test_2', 0.1], ['t/test_a.py::test_3', 0.1]),
        run(['t/test_a.py::test_4', 2.1], ['t/test_a.py::test_5', 0.1], ['t/test_a.py::test_6', 0.1]),
      ],
      { file: { 't/test_a.py': 2 }, fileShare: { 't/test_a.py::test_1': 2, 't/test_a.py::test_4': 2 } },
    ],
    [
      'a first test slow by itself that also pays a real setup: only the setup is charged',
      [
        run(['t/test_a.py::test_1', 7], ['t/test_a.py::test_2', 0.1], ['t/test_a.py::test_3', 0.1], ['t/test_a.py::test_4', 0.1]),
        run(['t/test_a.py::test_2', 2.1], ['t/test_a.py::test_3', 0.1], ['t/test_a.py::test_4', 0.1], ['t/test_a.py::test_1', 5]),
      ],
      { file: { 't/test_a.py': 2 } },
    ],
    [
      'the least excess over three orders (0.5, 0.3, 0.9): what every first test paid',
      [
        run(['t/test_a.py::test_1', 0.6], ['t/test_a.py::test_2', 0.1], ['t/test_a.py::test_3', 0.1]),
        run(['t/test_a.py::test_2', 0.4], ['t/test_a.py::test_1', 0.1], ['t/test_a.py::test_3', 0.1]),
        run(['t/test_a.py::test_3', 1.0], ['t/test_a.py::test_1', 0.1], ['t/test_a.py::test_2', 0.1]),
      ],
      { file: { 't/test_a.py': 0.3 } },
    ],
    [
      'skipped tests set nothing up: the next one pays',
      [
        run(['t/test_a.py::test_skip', 0, true], ['t/test_a.py::test_b', 0.7], ['t/test_a.py::test_c', 0.2], ['t/test_a.py::test_d', 0.2]),
        run(['t/test_a.py::test_d', 0.7], ['t/test_a.py::test_c', 0.2], ['t/test_a.py::test_b', 0.2]),
      ],
      { file: { 't/test_a.py': 0.5 }, fileShare: { 't/test_a.py::test_b': 0.25, 't/test_a.py::test_d': 0.25 } },
    ],
    [
      "the session: what each run's first test paid beyond its file's setup, runs starting with different tests",
      [
        run(['t/test_a.py::test_1', 1.3], ['t/test_a.py::test_2', 0.1], ['t/test_b.py::test_1', 0.3], ['t/test_b.py::test_2', 0.1]),
        run(['t/test_b.py::test_2', 1.3], ['t/test_b.py::test_1', 0.1], ['t/test_a.py::test_2', 0.3], ['t/test_a.py::test_1', 0.1]),
      ],
      {
        file: { 't/test_a.py': 0.2, 't/test_b.py': 0.2 },
        session: 1,
        // test_1 of a paid session 1 + setup 0.2 in one of its two runs.
        fileShare: { 't/test_a.py::test_1': 0.6, 't/test_a.py::test_2': 0.1, 't/test_b.py::test_1': 0.1, 't/test_b.py::test_2': 0.6 },
      },
    ],
    [
      'class setups, and a class that starts its file leaves its excess to the file setup',
      [
        run(
          ['t/test_a.py::TestFirst::test_1', 0.6],
          ['t/test_a.py::TestFirst::test_2', 0.1],
          ['t/test_a.py::TestSecond::test_1', 0.45],
          ['t/test_a.py::TestSecond::test_2', 0.05],
          ['t/test_a.py::TestSecond::test_3', 0.05],
        ),
        run(
          ['t/test_z.py::test_1', 0.1],
          ['t/test_z.py::test_2', 0.1],
          ['t/test_a.py::TestFirst::test_2', 0.6],
          ['t/test_a.py::TestFirst::test_1', 0.1],
          ['t/test_a.py::TestSecond::test_3', 0.45],
          ['t/test_a.py::TestSecond::test_1', 0.05],
          ['t/test_a.py::TestSecond::test_2', 0.05],
        ),
      ],
      {
        file: { 't/test_a.py': 0.5 },
        cls: { 't/test_a.py::TestSecond': 0.4 },
        session: 0,
        classShare: { 't/test_a.py::TestSecond::test_1': 0.2, 't/test_a.py::TestSecond::test_3': 0.2 },
      },
    ],
    [
      'a file with one test per run: nothing to compare with',
      [run(['t/test_one.py::test_1', 9]), run(['t/test_one.py::test_1', 9])],
      { file: {}, fileShare: {} },
    ],
  ])('%s', (_name, runs, want) => {
    const s = learnSetups(runs);
    const close = (m: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v * 1e9) / 1e9]));
    if (want.file) expect(close(s.fileSeconds)).toEqual(want.file);
    if (want.cls) expect(close(s.classSeconds)).toEqual(want.cls);
    if (want.session !== undefined) expect(s.sessionSeconds).toBeCloseTo(want.session, 9);
    if (want.fileShare) expect(close(s.fileShare)).toEqual(want.fileShare);
    if (want.classShare) expect(close(s.classShare)).toEqual(want.classShare);
  });
});

describe('flags and learned setups', () => {
  const learned: OverheadModel = { fixedSeconds: DEFAULT_STARTUP_SECONDS + 0.5, perFileSeconds: 0.1, source: 'junit', samples: 1 };
  const stored: OverheadModel = { ...learned, source: 'stored' };
  it.each([
    ['nothing given: what JUnit shows', {}, { learned }, learned.fixedSeconds],
    ['startup replaces the default inside a stored model', { startupSeconds: 2 }, { stored }, 2.5],
    ['startup alone, nothing measured', { startupSeconds: 2 }, {}, 2],
    ['--fixed-overhead wins over everything', { startupSeconds: 2, fixedOverhead: 7 }, { stored }, 7],
  ] as const)('%s', (_why, req, loaded, fixed) => {
    expect(chooseOverhead(req, loaded).fixedSeconds).toBeCloseTo(fixed, 9);
  });

  // Two runs in other orders: each first test paid its file's 0.5 s, each run's first test 1 s more.
  const cases: MappedCase[] = [
    { id: 't/test_a.py::test_1', time: 2, outcome: 'passed', report: 0 },
    { id: 't/test_a.py::test_2', time: 0.5, outcome: 'passed', report: 0 },
    { id: 't/test_b.py::test_1', time: 1, outcome: 'passed', report: 0 },
    { id: 't/test_b.py::test_2', time: 0.5, outcome: 'passed', report: 0 },
    { id: 't/test_b.py::test_2', time: 2, outcome: 'passed', report: 1 },
    { id: 't/test_b.py::test_1', time: 0.5, outcome: 'passed', report: 1 },
    { id: 't/test_a.py::test_2', time: 1, outcome: 'passed', report: 1 },
    { id: 't/test_a.py::test_1', time: 0.5, outcome: 'passed', report: 1 },
  ];
  it.each([
    ['learned from the JUnit cases', {}, 0.5, 1],
    ['--fixed-overhead covers the session setup', { fixedOverhead: 1 }, 0.5, 0],
    ['--per-file-overhead takes timings as they are', { perFileOverhead: 0 }, undefined, undefined],
  ] as const)('setups: %s', (_why, req, fileSetup, session) => {
    const s = chooseSetups(req, { cases });
    expect(s?.fileSeconds.get('t/test_b.py')).toBe(fileSetup);
    expect(s?.sessionSeconds).toBe(session);
  });
});

/** Random suites with many tests per file and class, so setups and cut classes matter. */
const clusteredSuite: fc.Arbitrary<RandomSuite> = fc
  .uniqueArray(
    fc.tuple(
      fc
        .record({
          file: fc.constantFrom('t/test_a.py', 't/test_b.py', 't/d/test_c.py'),
          cls: fc.constantFrom('', 'TestA::', 'TestB::', 'TestA::TestIn::'),
          fn: fc.constantFrom('test_1', 'test_2', 'test_3'),
          param: fc.constantFrom('', '[1]', '[x y]'),
        })
        .map(({ file, cls, fn, param }) => `${file}::${cls}${fn}${param}`),
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true })),
    ),
    { minLength: 1, maxLength: 60, selector: ([id]) => id },
  )
  .map((pairs) => ({ timings: new Map(pairs), ids: pairs.map(([id]) => id) }));

/** A setup model over random suites: a setup for some files and classes, taken from their first tests. */
function setupsFor(ids: readonly string[], timings: ReadonlyMap<string, number>, seed: number): SetupModel {
  const fileSeconds = new Map<string, number>();
  const classSeconds = new Map<string, number>();
  const fileShare = new Map<string, number>();
  const classShare = new Map<string, number>();
  let k = seed;
  for (const id of [...ids].sort()) {
    const file = fileOf(id);
    k = (k * 1103515245 + 12345) >>> 0;
    if (!fileSeconds.has(file)) {
      const setup = (k % 5) * 0.25;
      fileSeconds.set(file, setup);
      fileShare.set(id, Math.min(setup, timings.get(id) ?? 0));
      continue;
    }
    const m = /^(.*?::Test[A-Z])::/.exec(id);
    if (m && !classSeconds.has(m[1] as string)) {
      classSeconds.set(m[1] as string, (k % 3) * 0.5);
      classShare.set(id, Math.min((k % 3) * 0.5, timings.get(id) ?? 0));
    }
  }
  return { sessionSeconds: 0.25, fileSeconds, classSeconds, fileShare, classShare };
}

/** Predicted seconds of a shard, recomputed from its tests alone (K = 1). */
function recompute(plan: Plan, shard: Plan['shards'][number], timings: ReadonlyMap<string, number>, setups: SetupModel, cutClasses: Set<string>): number {
  if (shard.tests.length === 0) return 0;
  const files = new Set(shard.tests.map(fileOf));
  const classes = new Set<string>();
  let own = 0;
  for (const id of shard.tests) {
    const cls = /^(.*?::Test[A-Z])::/.exec(id)?.[1];
    const cut = cls !== undefined && cutClasses.has(cls);
    if (cut) classes.add(cls);
    own += Math.max(0, (timings.get(id) ?? 0) - (setups.fileShare.get(id) ?? 0) - (cut ? (setups.classShare.get(id) ?? 0) : 0));
  }
  let setup = 0;
  for (const f of files) setup += setups.fileSeconds.get(f) ?? 0;
  for (const c of classes) setup += setups.classSeconds.get(c) ?? 0;
  return plan.overhead.fixedSeconds + plan.overhead.perFileSeconds * files.size + own + setup;
}

describe('plans priced by the model', () => {
  const base = { algorithm: 'balanced', workers: 1, overhead: model(1, 0.2) } as const;

  it('predicts every shard as its own tests, files and setups say (test granularity: every class cut)', () => {
    fc.assert(
      fc.property(fc.oneof(randomSuite(80), clusteredSuite), fc.integer({ min: 1, max: 6 }), fc.nat(), (suite, splits, seed) => {
        const setups = setupsFor(suite.ids, suite.timings, seed);
        const plan = buildPlan(buildSuite({ timings: suite.timings }), { ...base, splits, granularity: 'test', setups });
        const cutClasses = new Set(suite.ids.map((id) => /^(.*?::Test[A-Z])::/.exec(id)?.[1]).filter((c): c is string => c !== undefined));
        expect(plan.overhead.fixedSeconds).toBeCloseTo(1.25, 3);
        for (const s of plan.shards) expect(s.predictedSeconds).toBeCloseTo(recompute(plan, s, suite.timings, setups, cutClasses), 2);
      }),
      { numRuns: 150 },
    );
  });

  it('predicts whole files with their setup once (file granularity)', () => {
    fc.assert(
      fc.property(fc.oneof(randomSuite(80), clusteredSuite), fc.integer({ min: 1, max: 6 }), fc.nat(), (suite, splits, seed) => {
        const setups = setupsFor(suite.ids, suite.timings, seed);
        const plan = buildPlan(buildSuite({ timings: suite.timings }), { ...base, splits, granularity: 'file', setups });
        // With fewer files than shards the plan falls back to single tests: then every class is cut.
        const split = new Set(plan.splitFiles);
        const cutClasses = new Set(suite.ids.filter((id) => split.has(fileOf(id))).map((id) => /^(.*?::Test[A-Z])::/.exec(id)?.[1] ?? ''));
        for (const s of plan.shards) expect(s.predictedSeconds).toBeCloseTo(recompute(plan, s, suite.timings, setups, cutClasses), 2);
        expect(plan.makespanSeconds).toBeGreaterThanOrEqual(plan.lowerBoundSeconds - 0.0015);
      }),
      { numRuns: 150 },
    );
  });

  // One heavy file of two classes of 6 x 1 s tests, light files of one 1 s test each; 1 s start-up,
  // 0.1 s per file, `setup` s of module setup in the heavy file.
  const heavySuite = (lights: number): Map<string, number> => {
    const t = new Map<string, number>();
    for (const c of ['A', 'B']) for (let i = 0; i < 6; i++) t.set(`t/test_heavy.py::Test${c}::test_${i}`, 1);
    for (let f = 0; f < lights; f++) t.set(`t/test_light_${String(f).padStart(2, '0')}.py::test_x`, 1);
    return t;
  };
  const withSetup = (file: string, seconds: number): SetupModel => ({
    sessionSeconds: 0,
    fileSeconds: new Map([[file, seconds]]),
    classSeconds: new Map(),
    fileShare: new Map(),
    classShare: new Map(),
  });
  const heavyPlan = (lights: number, setup: number, splits: number): Plan =>
    buildPlan(buildSuite({ timings: heavySuite(lights) }), {
      ...base,
      overhead: model(1, 0.1),
      splits,
      granularity: 'auto',
      setups: withSetup('t/test_heavy.py', setup),
    });

  it.each([
    // lights, setup, splits, cut?, slowest
    [11, 1, 2, false, 14.1], // whole: 14.1 / 13.1; cut, both shards would pay 1.1 s: 14.15
    [10, 1, 2, true, 13.6], // whole: 14.1 / 12; cut: 13.6 / 13.6
    [11, 0, 2, false, 13.1], // the heavy file is exactly a fair share: nothing to cut
    [11, 1, 3, true, 10.3], // whole: 14.1; cut: about 10 s each
    [11, 1, 1, false, 1 + 12 + 1 + 11 + 12 * 0.1], // one shard: nothing to gain
  ])('%i light files, heavy setup %f s, %i shards: cut = %s, slowest %f s', (lights, setup, splits, cut, slowest) => {
    const p = heavyPlan(lights, setup, splits);
    expect(p.splitFiles.includes('t/test_heavy.py')).toBe(cut);
    expect(p.makespanSeconds).toBeCloseTo(slowest, 3);
    for (const s of p.shards) {
      // Every shard that runs some of the heavy file pays its collection and its setup.
      const paysSetup = s.tests.some((t) => t.startsWith('t/test_heavy.py')) ? setup : 0;
      expect(s.overheadSeconds).toBeCloseTo(1 + 0.1 * s.files + paysSetup, 3);
    }
  });

  it('auto is never slower than keeping every file whole', () => {
    fc.assert(
      fc.property(fc.oneof(randomSuite(80), clusteredSuite), fc.integer({ min: 1, max: 6 }), fc.nat(), (suite, splits, seed) => {
        const setups = setupsFor(suite.ids, suite.timings, seed);
        const opts = { ...base, splits, setups };
        const auto = buildPlan(buildSuite({ timings: suite.timings }), { ...opts, granularity: 'auto' });
        const file = buildPlan(buildSuite({ timings: suite.timings }), { ...opts, granularity: 'file' });
        if (file.shards.every((s) => s.tests.length > 0)) expect(auto.makespanSeconds).toBeLessThanOrEqual(file.makespanSeconds + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    // workers, expected slowest: fixed 1 + one file 0.1 + max(tests / K, longest)
    [1, 1.1 + 12],
    [4, 1.1 + 3],
    [12, 1.1 + 2],
  ])('one file of a 2 s test and ten 1 s tests on %i workers: slowest %f', (workers, expected) => {
    const t = new Map<string, number>([['t/test_w.py::test_long', 2]]);
    for (let i = 0; i < 10; i++) t.set(`t/test_w.py::test_${i}`, 1);
    const p = buildPlan(buildSuite({ timings: t }), { ...base, overhead: model(1, 0.1), workers, splits: 1, granularity: 'auto' });
    expect(p.makespanSeconds).toBeCloseTo(expected, 3);
  });

  it('with workers, each worker that runs some of a file pays its setup, in parallel', () => {
    const t = new Map<string, number>();
    for (let i = 0; i < 8; i++) t.set(`t/test_w.py::test_${i}`, 1);
    const setups = withSetup('t/test_w.py', 2);
    const p = buildPlan(buildSuite({ timings: t }), { ...base, overhead: model(1, 0.1), workers: 4, splits: 1, granularity: 'file', setups });
    // 8 s of tests and 4 workers x 2 s of setup over 4 workers: 4 s.
    expect(p.makespanSeconds).toBeCloseTo(1 + 0.1 + 4, 3);
  });
});

describe('partition with per-file and per-group costs', () => {
  const arb = fc.array(
    fc.record({
      cost: fc.double({ min: 0, max: 20, noNaN: true }),
      file: fc.constantFrom('a.py', 'b.py', 'c.py', 'd.py'),
      cls: fc.constantFrom(undefined, 'K', 'L'),
    }),
    { maxLength: 40 },
  );
  const fileCosts: Record<string, number> = { 'a.py': 0, 'b.py': 3, 'c.py': 0.5, 'd.py': 8 };
  const toItems = (raw: { cost: number; file: string; cls: string | undefined }[]): Item[] =>
    raw.map((r) => ({
      cost: r.cost,
      file: r.file,
      fileCost: fileCosts[r.file] as number,
      ...(r.cls !== undefined ? { cutClass: `${r.file}::${r.cls}`, classCost: r.cls === 'K' ? 2 : 0.25 } : {}),
    }));
  /** Loads recomputed from scratch: items, plus each distinct file's and group's cost once. */
  const loads = (items: Item[], shards: number[][]): number[] =>
    shards.map((idxs) => {
      const once = new Map<string, number>();
      let l = 0;
      for (const i of idxs) {
        const it = items[i] as Item;
        l += it.cost;
        once.set(it.file, it.fileCost ?? 0);
        if (it.cutClass !== undefined) once.set(`g:${it.cutClass}`, it.classCost ?? 0);
      }
      for (const c of once.values()) l += c;
      return l;
    });

  it('balanced is never worse than lpt when loads are recomputed from scratch', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 6 }), (raw, splits) => {
        const items = toItems(raw);
        const lpt = Math.max(0, ...loads(items, partition(items, 'lpt', { splits, perFile: 0 })));
        const bal = Math.max(0, ...loads(items, partition(items, 'balanced', { splits, perFile: 0 })));
        expect(bal).toBeLessThanOrEqual(lpt + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the pieces of a file with a big setup together when that is cheaper', () => {
    // a.py together: 12 and 4; a.py split: at least 13 on both.
    const items: Item[] = [
      { cost: 1, file: 'a.py', fileCost: 10 },
      { cost: 1, file: 'a.py', fileCost: 10 },
      ...[0, 1, 2, 3].map(() => ({ cost: 1, file: 'b.py', fileCost: 0 })),
    ];
    // lpt splits a.py (each shard 13); the local search has to pass through a step that keeps the
    // slowest shard at 13 but stops paying a.py twice.
    const shards = partition(items, 'balanced', { splits: 2, perFile: 0 });
    expect(shards.map((s) => s.filter((i) => i < 2).length).sort()).toEqual([0, 2]);
  });
});

it('with nothing measured and no flags, a plan prices each shard on its test time alone', () => {
  const overhead = chooseOverhead({}, {});
  const timings = new Map<string, number>();
  for (const [f, n] of [
    ['a', 3],
    ['b', 5],
    ['c', 2],
    ['d', 4],
    ['e', 1],
  ] as const) {
    for (let i = 0; i < n; i++) timings.set(`tests/test_${f}.py::test_${i}`, 0.25 + i * 0.5);
  }
  const suite = buildSuite({ timings });
  const plan = buildPlan(suite, { splits: 3, granularity: 'file', algorithm: 'balanced', workers: 1, overhead });
  expect(plan.shards.every((s) => s.tests.length > 0)).toBe(true);
  for (const s of plan.shards) {
    const own = s.tests.reduce((sum, id) => sum + (timings.get(id) ?? Number.NaN), 0);
    expect({ group: s.group, overhead: s.overheadSeconds, predicted: s.predictedSeconds }).toEqual({
      group: s.group,
      overhead: 0,
      predicted: expect.closeTo(own, 9),
    });
  }
});

/**
 * Plan-level invariants on random suites: every test in exactly one shard, selectors that select
 * exactly the shard's tests, N shards, and byte-identical output whatever the input order.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan, type PlanOptions } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { ALGORITHMS, GRANULARITIES, type OverheadModel } from '../src/core/types.js';
import { formatPlan } from '../src/formats/planJson.js';
import { randomSuite, shuffled } from './helpers/suites.js';

/** What pytest would run for a selector: the id itself, or everything below a file/class prefix. */
function selects(selector: string, id: string): boolean {
  return id === selector || id.startsWith(selector + '::');
}

function checkExactlyOnce(plan: Plan, ids: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const s of plan.shards) for (const t of s.tests) seen.set(t, (seen.get(t) ?? 0) + 1);
  expect([...seen.keys()].sort()).toEqual([...ids].sort());
  expect([...seen.values()].every((c) => c === 1)).toBe(true);
  // Selectors of all shards together pick each test exactly once, and the shard's own tests.
  for (const id of ids) {
    const owners = plan.shards.filter((s) => s.selectors.some((sel) => selects(sel, id)));
    expect(owners).toHaveLength(1);
    expect(owners[0]?.tests).toContain(id);
  }
}

const options = fc.record({
  splits: fc.integer({ min: 1, max: 9 }),
  granularity: fc.constantFrom(...GRANULARITIES),
  algorithm: fc.constantFrom(...ALGORITHMS),
  workers: fc.constantFrom(1, 4),
  overhead: fc.constantFrom<OverheadModel>(DEFAULT_OVERHEAD, { fixedSeconds: 1, perFileSeconds: 0.2, source: 'flag', samples: 0 }),
});

/** Suites of a few big files (so that auto cuts some), with classes and one slow file. */
const fewFileSuite = fc
  .uniqueArray(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('', 'TestA::', 'TestB::'), fc.integer({ min: 0, max: 999 }), fc.double({ min: 0, max: 3, noNaN: true })),
    { minLength: 2, maxLength: 80, selector: ([f, c, t]) => `${f}${c}${t}` },
  )
  .map((rows) => new Map(rows.map(([f, c, t, secs]) => [`tests/test_m${f}.py::${c}test_${t}`, f === 0 ? secs * 4 : secs])));

describe('buildPlan', () => {
  it('runs every test exactly once, in exactly N shards (timings only)', () => {
    fc.assert(
      fc.property(randomSuite(), options, (suite, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings: suite.timings }), opts);
        expect(plan.shards).toHaveLength(opts.splits);
        checkExactlyOnce(plan, suite.ids);
        const empty = plan.shards.filter((s) => s.tests.length === 0).length;
        if (suite.ids.length >= opts.splits) expect(empty).toBe(0);
        else expect(plan.warnings.join('\n')).toMatch(/have no tests; use fewer splits/);
      }),
      { numRuns: 200 },
    );
  });

  it('with a collected list, plans exactly that list and estimates the unknown', () => {
    fc.assert(
      fc.property(randomSuite(), randomSuite(40), options, (timed, extra, opts: PlanOptions) => {
        const collected = [...new Set([...timed.ids.slice(0, Math.ceil(timed.ids.length / 2)), ...extra.ids])];
        const plan = buildPlan(buildSuite({ timings: timed.timings, collected }), opts);
        checkExactlyOnce(plan, collected);
        const unknown = collected.filter((id) => !timed.timings.has(id)).length;
        expect(plan.estimatedTests).toBe(unknown);
        expect(plan.staleEntries).toBe(timed.ids.filter((id) => !collected.includes(id)).length);
      }),
      { numRuns: 150 },
    );
  });

  it('gives byte-identical JSON whatever the order of keys and collected lines', () => {
    fc.assert(
      fc.property(randomSuite(), options, fc.integer(), (suite, opts: PlanOptions, seed) => {
        const a = formatPlan(buildPlan(buildSuite({ timings: suite.timings, collected: suite.ids }), opts));
        const order = shuffled(suite.ids, seed);
        const timings = new Map(order.map((id) => [id, suite.timings.get(id) as number]));
        const b = formatPlan(buildPlan(buildSuite({ timings, collected: shuffled(suite.ids, seed + 1) }), opts));
        expect(b).toBe(a);
      }),
      { numRuns: 150 },
    );
  });

  it('auto selects a file by pieces only when the pieces run in different shards (whole, new tests run too)', () => {
    const fileOfSelector = (sel: string): string => sel.split('::')[0] as string;
    let cut = 0;
    fc.assert(
      fc.property(fewFileSuite, options, (timings, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings }), { ...opts, granularity: 'auto' });
        const shardsOf = new Map<string, Set<number>>();
        for (const s of plan.shards) {
          for (const sel of s.selectors) {
            if (!sel.includes('::')) continue;
            const set = shardsOf.get(fileOfSelector(sel)) ?? new Set<number>();
            shardsOf.set(fileOfSelector(sel), set.add(s.group));
          }
        }
        for (const [file, groups] of shardsOf) {
          // Pieces of a file confined to one shard: some other shard must select this file too.
          const elsewhere = plan.shards.some((s) => !groups.has(s.group) && s.selectors.some((sel) => fileOfSelector(sel) === file));
          expect({ file, spread: groups.size > 1 || elsewhere }).toEqual({ file, spread: true });
        }
        expect([...shardsOf.keys()].sort()).toEqual(plan.splitFiles);
        cut += plan.splitFiles.length;
      }),
      { numRuns: 300 },
    );
    expect(cut).toBeGreaterThan(0); // the property met files that were cut
  });

  it('never reports a slowest shard below the lower bound', () => {
    fc.assert(
      fc.property(randomSuite(), options, (suite, opts: PlanOptions) => {
        const plan = buildPlan(buildSuite({ timings: suite.timings }), opts);
        expect(plan.makespanSeconds).toBeGreaterThanOrEqual(plan.lowerBoundSeconds - 0.0015);
      }),
      { numRuns: 150 },
    );
  });
});

describe('granularity', () => {
  const timings = new Map<string, number>([
    ['tests/test_big.py::TestA::test_1', 10],
    ['tests/test_big.py::TestA::test_2', 10],
    ['tests/test_big.py::TestB::test_1', 10],
    ['tests/test_big.py::test_free[a b]', 10],
    ['tests/test_big.py::test_free[c]', 10],
    ['tests/test_small.py::test_x', 2],
    ['tests/test_small.py::test_y', 2],
    ['tests/other/test_z.py::TestZ::test_q', 3],
  ]);
  const plan = (granularity: PlanOptions['granularity'], splits = 3): Plan =>
    buildPlan(buildSuite({ timings }), { splits, granularity, algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });

  it.each([
    ['file', ['tests/other/test_z.py', 'tests/test_big.py', 'tests/test_small.py']],
    [
      'class',
      [
        'tests/other/test_z.py',
        'tests/test_big.py::TestA',
        'tests/test_big.py::TestB',
        'tests/test_big.py::test_free[a b]',
        'tests/test_big.py::test_free[c]',
        'tests/test_small.py::test_x',
        'tests/test_small.py::test_y',
      ],
    ],
  ] as const)('%s granularity selects %j', (granularity, selectors) => {
    expect(plan(granularity).shards.flatMap((s) => s.selectors).sort()).toEqual([...selectors].sort());
  });

  it('auto keeps small files whole and cuts only the file bigger than a fair share', () => {
    const p = plan('auto');
    const all = p.shards.flatMap((s) => s.selectors);
    expect(all).toContain('tests/test_small.py');
    expect(all).toContain('tests/other/test_z.py');
    expect(all).not.toContain('tests/test_big.py');
    expect(p.splitFiles).toEqual(['tests/test_big.py']);
    expect(p.warnings.join('\n')).toMatch(/cut into pieces without --collected/);
  });

  it('auto with one shard keeps every file whole', () => {
    expect(plan('auto', 1).shards[0]?.selectors).toEqual(['tests/other/test_z.py', 'tests/test_big.py', 'tests/test_small.py']);
  });

  it('test granularity finds the best split (five 10 s tests cannot share two shards better than 30/27)', () => {
    const p = plan('test', 2);
    expect(p.makespanSeconds).toBe(30);
    expect(p.lowerBoundSeconds).toBe(28.5);
  });
});

describe('estimation of unknown tests', () => {
  const timings = new Map<string, number>([
    ['tests/a/test_one.py::test_1', 1],
    ['tests/a/test_one.py::test_2', 3],
    ['tests/a/test_one.py::test_3', 100],
    ['tests/a/test_two.py::test_1', 7],
    ['tests/b/test_three.py::test_1', 0.5],
  ]);
  it.each([
    ['same file: median of its tests', 'tests/a/test_one.py::test_new', 3],
    ['same directory: median of the directory', 'tests/a/test_new.py::test_x', 5],
    ['parent directory when the own one has nothing', 'tests/c/test_new.py::test_x', 3],
    ['whole suite for a file at the root', 'test_root.py::test_x', 3],
  ])('%s', (_why, id, expected) => {
    const suite = buildSuite({ timings, collected: [...timings.keys(), id] });
    const t = suite.tests.find((x) => x.id === id);
    expect(t?.estimated).toBe(true);
    expect(t?.seconds).toBe(expected);
  });

  it('a file on disk that no timing names is planned whole and estimated', () => {
    const suite = buildSuite({ timings, discoveredFiles: ['tests/a/test_one.py', 'tests/b/test_new.py'] });
    expect(suite.unknownFiles).toEqual([{ file: 'tests/b/test_new.py', seconds: 0.5 }]);
    const p = buildPlan(suite, { splits: 2, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });
    expect(p.shards.flatMap((s) => s.selectors)).toContain('tests/b/test_new.py');
    expect(p.estimatedTests).toBe(1);
  });
});

/**
 * pytest-xdist in the cost model (src/core/costModel.ts, src/core/xdist.ts): tests spread over
 * workers, worker start-up, selectors longest first, and what JUnit reports of xdist runs teach.
 * The xdist reports are real (fixtures/xdist/PROVENANCE.md).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { chooseSetups, chooseWorkerStart } from '../src/app/plan.js';
import { overheadSamples } from '../src/app/inputs.js';
import { fixedCost, orderSelectors, priceShard, shardSeconds, spreadSeconds, workerStartSeconds, type CostModel } from '../src/core/costModel.js';
import { mapReports, type MapContext } from '../src/core/junitMap.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import type { JUnitReport, MappedCase, OverheadModel } from '../src/core/types.js';
import {
  fileReturns,
  learnWorkerStart,
  looksParallel,
  parallelEvidence,
  parallelReports,
  parallelSamples,
  reportShapes,
  type ParallelSample,
} from '../src/core/xdist.js';
import { parseJUnit } from '../src/formats/junit.js';
import { fileOf } from '../src/core/nodeid.js';
import { randomSuite } from './helpers/suites.js';

const model = (fixedSeconds: number, perFileSeconds: number, workerStartSeconds?: number): OverheadModel => ({
  fixedSeconds,
  perFileSeconds,
  source: 'flag',
  samples: 0,
  ...(workerStartSeconds !== undefined ? { workerStartSeconds } : {}),
});

/** The best possible makespan, by trying every assignment (small inputs only). */
function optimum(jobs: readonly number[], workers: number): number {
  let best = Infinity;
  const loads = new Array<number>(workers).fill(0);
  const go = (i: number): void => {
    if (i === jobs.length) {
      best = Math.min(best, Math.max(...loads));
      return;
    }
    for (let w = 0; w < workers; w++) {
      loads[w] = (loads[w] as number) + (jobs[i] as number);
      if ((loads[w] as number) < best) go(i + 1);
      loads[w] = (loads[w] as number) - (jobs[i] as number);
      if (loads[w] === 0) break; // empty workers are interchangeable
    }
  };
  go(0);
  return best;
}

describe('spreadSeconds: tests over K workers, longest first', () => {
  it.each([
    // why, seconds, workers, expected
    ['no tests', [], 2, 0],
    ['one worker runs them all', [3, 1, 2], 1, 6],
    ['more workers than tests: the longest', [3, 1, 2], 4, 3],
    ['even split', [1, 1, 1, 1], 2, 2],
    ['a long test sets the floor', [10, 1, 1, 1], 2, 10],
    ['LPT: 10 | 6 + 5, above sum / K', [10, 6, 5], 2, 11],
    ['order of input does not matter', [5, 10, 6], 2, 11],
    ['a 2 s test and ten 1 s tests on 4 workers', [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 4, 3],
  ])('%s', (_why, seconds, workers, expected) => {
    expect(spreadSeconds(seconds, workers)).toBeCloseTo(expected, 9);
  });

  it('is at least sum / K and the longest, at most 4/3 of the best possible, and the same with a heap (K > 16)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { maxLength: 9 }), fc.integer({ min: 1, max: 4 }), (jobs, workers) => {
        const got = spreadSeconds(jobs, workers);
        const total = jobs.reduce((a, b) => a + b, 0);
        const longest = Math.max(0, ...jobs);
        expect(got).toBeGreaterThanOrEqual(Math.max(total / workers, longest) - 1e-9);
        expect(got).toBeLessThanOrEqual((4 / 3) * optimum(jobs, workers) + 1e-9);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { maxLength: 200 }), fc.integer({ min: 17, max: 40 }), (jobs, workers) => {
        // The heap path against the same greedy written plainly.
        const loads = new Array<number>(workers).fill(0);
        for (const j of [...jobs].sort((a, b) => b - a)) {
          const min = loads.indexOf(Math.min(...loads));
          loads[min] = (loads[min] as number) + j;
        }
        expect(spreadSeconds(jobs, workers)).toBeCloseTo(jobs.length === 0 ? 0 : Math.max(...loads), 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('worker start-up and shard prices', () => {
  const withStart = (workers: number): CostModel => ({ workers, overhead: model(2, 0.5, 1.5) });
  it.each([
    ['one worker: plain pytest, no workers to start', 1, 0, 2],
    ['two workers: start-up, then the workers', 2, 1.5, 3.5],
    ['eight workers: the same start-up (each has a core)', 8, 1.5, 3.5],
  ])('%s', (_why, workers, start, fixed) => {
    expect(workerStartSeconds(withStart(workers))).toBe(start);
    expect(fixedCost(withStart(workers))).toBe(fixed);
  });

  it('collection is not divided by the workers; tests are spread longest first', () => {
    // Two files, 4 tests: 3, 2, 2, 1 s; 2 workers: LPT 3+1 | 2+2 = 4 s.
    const units = [
      { file: 'a.py', tests: ['a'], seconds: 3, longest: 3 },
      { file: 'b.py', tests: ['b1', 'b2', 'b3'], seconds: 5, longest: 2 },
    ];
    const perTest = (u: (typeof units)[number]): number[] => (u.file === 'a.py' ? [3] : [2, 2, 1]);
    const cost = priceShard(withStart(2), units, perTest);
    expect(cost.predicted).toBeCloseTo(2 + 1.5 + 0.5 * 2 + 4, 9);
    expect(cost.own).toBeCloseTo(4, 9);
    // Without per-test seconds the units count as max(sum / K, longest) = 4 as well here.
    expect(shardSeconds(withStart(2).overhead, { files: 2, testSeconds: 8, setupSeconds: 0, longest: 3 }, 2)).toBeCloseTo(8.5, 9);
  });
});

describe('orderSelectors', () => {
  const units = [
    { selectors: ['t/test_a.py'], seconds: 1 },
    { selectors: ['t/test_b.py::TestX', 't/test_b.py::test_y'], seconds: 5 },
    { selectors: ['t/test_c.py'], seconds: 3 },
    { selectors: ['t/test_d.py'], seconds: 3 },
  ];
  it.each([
    ['one worker: path order', 1, [], ['t/test_a.py', 't/test_b.py::TestX', 't/test_b.py::test_y', 't/test_c.py', 't/test_d.py']],
    [
      'workers: longest first, ties in the given order, a unit kept together',
      2,
      [],
      ['t/test_b.py::TestX', 't/test_b.py::test_y', 't/test_c.py', 't/test_d.py', 't/test_a.py'],
    ],
    [
      'a leading plugin directory stays first',
      4,
      ['plugins'],
      ['plugins', 't/test_b.py::TestX', 't/test_b.py::test_y', 't/test_c.py', 't/test_d.py', 't/test_a.py'],
    ],
  ])('%s', (_why, workers, lead, expected) => {
    expect(orderSelectors(units, workers, lead)).toEqual(expected);
  });

  it('plans write selectors longest first with workers, in path order without', () => {
    const t = new Map<string, number>([
      ['t/test_a.py::test_1', 1],
      ['t/test_b.py::test_1', 9],
      ['t/test_c.py::test_1', 4],
      ['t/test_d.py::test_1', 6],
    ]);
    const opts = { splits: 1, granularity: 'file', algorithm: 'balanced', overhead: model(0, 0) } as const;
    expect(buildPlan(buildSuite({ timings: t }), { ...opts, workers: 1 }).shards[0]?.selectors).toEqual([
      't/test_a.py',
      't/test_b.py',
      't/test_c.py',
      't/test_d.py',
    ]);
    const two = buildPlan(buildSuite({ timings: t }), { ...opts, workers: 2, overhead: model(1, 0.1, 2) });
    expect(two.shards[0]?.selectors).toEqual(['t/test_b.py', 't/test_d.py', 't/test_c.py', 't/test_a.py']);
    expect(two.shards[0]?.tests).toEqual(['t/test_a.py::test_1', 't/test_b.py::test_1', 't/test_c.py::test_1', 't/test_d.py::test_1']);
    // 1 s start-up + 2 s for the workers + 4 files x 0.1 s + LPT of 9, 6, 4, 1 over 2 = 10.
    expect(two.makespanSeconds).toBeCloseTo(1 + 2 + 0.4 + 10, 3);
    expect(two.overhead.workerStartSeconds).toBe(2);
    expect(buildPlan(buildSuite({ timings: t }), { ...opts, workers: 1, overhead: model(1, 0.1, 2) }).overhead.workerStartSeconds).toBeUndefined();
  });
});

describe('plans with workers, priced independently', () => {
  it('every shard: start-up + worker start-up + collection of its files + its tests spread longest first; every test once; selectors longest first', () => {
    fc.assert(
      fc.property(
        randomSuite(80),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom('auto', 'file', 'test'),
        (suite, splits, workers, granularity) => {
          const overhead = model(1, 0.1, 1.5);
          const plan = buildPlan(buildSuite({ timings: suite.timings }), { splits, workers, granularity, algorithm: 'balanced', overhead });
          const seen: string[] = [];
          for (const s of plan.shards) {
            seen.push(...s.tests);
            if (s.tests.length === 0) {
              expect(s.predictedSeconds).toBe(0);
              continue;
            }
            const times = s.tests.map((id) => suite.timings.get(id) ?? 0);
            const files = new Set(s.tests.map(fileOf)).size;
            expect(s.files).toBe(files);
            expect(s.predictedSeconds).toBeCloseTo(1 + 1.5 + 0.1 * files + spreadSeconds(times, workers), 2);
            // Longest first: each selector's tests take no longer, together, than the previous one's
            // (with file or test granularity every unit has one selector: a file or a test).
            if (granularity === 'auto') continue;
            const secondsOf = (sel: string): number =>
              s.tests.filter((id) => id === sel || id.startsWith(`${sel}::`)).reduce((a, id) => a + (suite.timings.get(id) ?? 0), 0);
            const bySelector = s.selectors.map(secondsOf);
            for (let i = 1; i < bySelector.length; i++) expect(bySelector[i] as number).toBeLessThanOrEqual((bySelector[i - 1] as number) + 1e-9);
          }
          expect(seen.sort()).toEqual([...suite.ids].sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Reports

const XDIST = fileURLToPath(new URL('./fixtures/xdist/', import.meta.url));
const JUNIT = fileURLToPath(new URL('./fixtures/junit/', import.meta.url));
const read = (dir: string, name: string): JUnitReport => parseJUnit(readFileSync(`${dir}${name}`, 'utf8'), name);
const collected = readFileSync(`${XDIST}collected.txt`, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const xdistCtx: MapContext = { knownIds: new Set(collected), isFile: () => false };

function shapesOf(reports: JUnitReport[], ctx: MapContext) {
  const { cases } = mapReports(reports, ctx);
  return { cases, shapes: reportShapes(reports, cases) };
}

describe('telling a pytest-xdist report apart', () => {
  const plain = read(XDIST, 'plain.xml');
  const xdist = read(XDIST, 'xdist-n2.xml');

  it('real reports of the same suite: plain is plain, -n 2 interleaves its files', () => {
    const { shapes } = shapesOf([plain, xdist], xdistCtx);
    expect(shapes.map((s) => s.cases.length)).toEqual([15, 15]);
    expect(shapes.map((s) => fileReturns(s.cases))).toEqual([0, 2]);
    expect(shapes.map(parallelEvidence)).toEqual([undefined, 'interleaved']);
    expect([...parallelReports(shapes)]).toEqual([1]);
  });

  it('a real -n 2 shard of libcst whose workers started in one big file: its files come back twice', () => {
    const files = new Set(
      readFileSync(`${XDIST}libcst-n2-shard.args`, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
    const { shapes } = shapesOf([read(XDIST, 'libcst-n2-shard.xml')], { knownIds: new Set(), isFile: (p) => files.has(p) });
    const shape = shapes[0] as (typeof shapes)[number];
    expect(shape.cases).toHaveLength(133);
    expect(new Set(shape.cases.map((c) => c.file)).size).toBe(12);
    expect(fileReturns(shape.cases)).toBe(2);
    expect(parallelEvidence(shape)).toBe('interleaved');
  });

  it.each<[string, string[], number[]]>([
    ['nothing tells', ['unknown', 'unknown'], []],
    ['plain ones tell plain', ['plain', 'unknown', 'plain'], []],
    ['a parallel one among plain ones: only it', ['sum', 'plain', 'plain', 'unknown'], [0]],
    ['the shards of one run are run alike: the few-file shard follows', ['interleaved', 'unknown'], [0, 1]],
    ['as many parallel as plain: the unknown goes parallel', ['plain', 'interleaved', 'unknown'], [1, 2]],
    ['a plain and a parallel report side by side stay what they are', ['plain', 'sum'], [1]],
  ])('parallelReports: %s', (_why, kinds, expected) => {
    const shapes = kinds.map((k) => {
      switch (k) {
        case 'sum': // testcases over their session
          return { suiteSeconds: 1, cases: [{ file: 'a.py', seconds: 2 }] };
        case 'interleaved': // files coming back twice
          return { cases: ['a.py', 'b.py', 'a.py', 'b.py'].map((file) => ({ file, seconds: 0.1 })) };
        case 'plain': // three files, none back
          return { suiteSeconds: 5, cases: ['a.py', 'a.py', 'b.py', 'c.py'].map((file) => ({ file, seconds: 0.1 })) };
        default: // two files, one back: cannot tell
          return { suiteSeconds: 5, cases: ['a.py', 'b.py', 'a.py'].map((file) => ({ file, seconds: 0.1 })) };
      }
    });
    expect([...parallelReports(shapes)]).toEqual(expected);
  });

  it.each([
    ['PyGithub', 'PyGithub__PyGithub__pytest.xml', { knownIds: new Set<string>(), isFile: (p: string) => /^tests\/[^/]+\.py$/.test(p) }],
    ['tagreader', 'equinor__tagreader-python__pytest.xml', { knownIds: new Set<string>(), isFile: () => false }],
    ['mosaik', 'OFFIS-mosaik__mosaik__pytest.xml', { knownIds: new Set<string>(), isFile: () => false }],
  ])('a real plain report from %s is not taken for a parallel one', (_name, file, ctx) => {
    const { shapes } = shapesOf([read(JUNIT, file)], ctx);
    expect(shapes[0]?.cases.length).toBeGreaterThan(100);
    expect(looksParallel(shapes[0] as (typeof shapes)[number])).toBe(false);
  });

  it.each([
    // why, suite seconds, cases [file, seconds], expected
    [
      'testcases adding up to more than the session',
      3,
      [
        ['a.py', 2],
        ['a.py', 2],
      ],
      'sum',
    ],
    ['a millisecond of rounding per testcase is no evidence', 1, Array.from({ length: 100 }, () => ['a.py', 0.0105]), undefined],
    [
      'one file back after another once',
      10,
      [
        ['a.py', 1],
        ['b.py', 1],
        ['a.py', 1],
        ['c.py', 1],
        ['d.py', 1],
      ],
      undefined,
    ],
    // As libcst's tests ran under -n 2: both workers start in one big file and meet elsewhere twice.
    [
      'two files back once each, among many files',
      10,
      [
        ['a.py', 1],
        ['a.py', 1],
        ['b.py', 1],
        ['a.py', 1],
        ['c.py', 1],
        ['d.py', 1],
        ['c.py', 1],
        ['e.py', 1],
        ['f.py', 1],
        ['g.py', 1],
      ],
      'interleaved',
    ],
    [
      'no suite time and contiguous files',
      undefined,
      [
        ['a.py', 1],
        ['b.py', 1],
      ],
      undefined,
    ],
    [
      'files interleaving twice among three',
      undefined,
      [
        ['a.py', 1],
        ['b.py', 1],
        ['a.py', 1],
        ['c.py', 1],
        ['b.py', 1],
      ],
      'interleaved',
    ],
  ] as [string, number | undefined, [string, number][], string | undefined][])('%s', (_why, suiteSeconds, cases, expected) => {
    const shape = { ...(suiteSeconds !== undefined ? { suiteSeconds } : {}), cases: cases.map(([file, seconds]) => ({ file, seconds })) };
    expect(parallelEvidence(shape)).toBe(expected);
  });

  it('an xdist report is no plain overhead sample and shows no setups', () => {
    const { cases } = shapesOf([plain, xdist], xdistCtx);
    const samples = overheadSamples([plain, xdist], cases);
    expect(samples).toHaveLength(1);
    expect(samples[0]?.suiteSeconds).toBeCloseTo(3.772, 9);
    // The plain run alone shows test_alpha.py's module setup in test_step[0]; the xdist run would
    // add test_step[2]'s, paid by the second worker, as if it were a test's own time.
    const both = chooseSetups({}, { cases, parallel: new Set([1]) });
    const plainOnly = chooseSetups({}, { cases: cases.filter((c) => c.report === 0) });
    expect(both).toEqual(plainOnly);
    // Had the second worker finished test_step[2] first, the xdist report would read as another
    // order of test_alpha.py (a setup paid by whichever test ran first): it must still teach nothing.
    const step2 = cases.find((c) => c.report === 1 && c.id.endsWith('test_step[2]'));
    const reordered = step2 ? [...cases.filter((c) => c.report === 0), step2, ...cases.filter((c) => c.report === 1 && c !== step2)] : cases;
    expect(chooseSetups({}, { cases: reordered, parallel: new Set([1]) })).toEqual(plainOnly);
    expect(chooseSetups({}, { cases: reordered })?.fileSeconds.get('test_alpha.py')).toBeGreaterThan(0.6);
  });
});

describe('what xdist reports teach: worker start-up', () => {
  // Sessions built from the model itself: start 2 s, 0.1 s per file, tests over 2 workers.
  const sample = (files: number, cases: number[], start = 2, perFile = 0.1): ParallelSample => ({
    suiteSeconds: start + perFile * files + spreadSeconds(cases, 2),
    caseSeconds: cases,
    files,
  });

  it.each([
    [
      'plain reports know collection: the rest is start-up',
      [sample(10, [1, 1, 2])],
      { perFileSeconds: 0.1, inSessionSeconds: 0 },
      { workerStartSeconds: 2, samples: 1 },
    ],
    [
      "the session's own fixed part is not the workers'",
      [sample(10, [1, 1, 2])],
      { perFileSeconds: 0.1, inSessionSeconds: 0.5 },
      { workerStartSeconds: 1.5, samples: 1 },
    ],
    [
      'three reports beside plain ones: their own line, collection slower than plain',
      [sample(10, [1, 1], 2.5, 0.2), sample(20, [3, 3], 2.5, 0.2), sample(30, [1, 2], 2.5, 0.2)],
      { perFileSeconds: 0.1, inSessionSeconds: 0.5 },
      { workerStartSeconds: 2, perFileSeconds: 0.2, samples: 3 },
    ],
    [
      'two reports beside plain ones: too few for a line',
      [sample(10, [3, 3], 2, 0.2), sample(30, [1, 2], 2, 0.2)],
      { perFileSeconds: 0.1, inSessionSeconds: 0 },
      { workerStartSeconds: 4, samples: 2 },
    ],
    [
      'alone, several file counts: a line separates start-up and collection',
      [sample(10, [3, 3]), sample(30, [1, 2, 3])],
      undefined,
      { workerStartSeconds: 2, perFileSeconds: 0.1, samples: 2 },
    ],
    ['alone, one file count: all start-up', [sample(10, [3, 3]), sample(10, [1, 1])], undefined, { workerStartSeconds: 3, perFileSeconds: 0, samples: 2 }],
  ])('%s', (_why, samples, plain, expected) => {
    const got = learnWorkerStart(samples, 2, plain);
    expect(got?.workerStartSeconds).toBeCloseTo(expected.workerStartSeconds, 9);
    expect(got?.samples).toBe(expected.samples);
    if ('perFileSeconds' in expected) expect(got?.perFileSeconds).toBeCloseTo(expected.perFileSeconds, 9);
    else expect(got?.perFileSeconds).toBeUndefined();
  });

  it('nothing to learn with one worker or without samples', () => {
    expect(learnWorkerStart([sample(10, [1])], 1)).toBeUndefined();
    expect(learnWorkerStart([], 2)).toBeUndefined();
  });

  const learned: OverheadModel = { fixedSeconds: 1, perFileSeconds: 0.1, source: 'junit', samples: 2 };
  const xdistSamples = [sample(10, [1, 1, 2], 3, 0.1)];
  it.each([
    ['one worker: nothing added', { workers: 1 }, {}, undefined],
    ['the flag wins', { workers: 2, workerStartup: 4 }, { parallelSamples: xdistSamples, learned }, 4],
    ['learned from xdist reports, beside plain ones', { workers: 2 }, { parallelSamples: xdistSamples, learned }, 3 - (1 - 0.3)],
    ['default: a start like pytest itself plus the bring-up', { workers: 2 }, { learned }, 0.3 + 0.4],
    ['default with --startup-seconds', { workers: 4, startupSeconds: 2 }, {}, 2.4],
  ] as const)('chooseWorkerStart: %s', (_why, req, loaded, expected) => {
    const o = chooseWorkerStart(req, loaded, loaded && 'learned' in loaded ? learned : { fixedSeconds: 0, perFileSeconds: 0, source: 'default', samples: 0 });
    expect(o.workerStartSeconds === undefined ? undefined : Math.round(o.workerStartSeconds * 1e9) / 1e9).toBe(expected);
  });

  it('only xdist reports: they teach collection per file too', () => {
    const o = chooseWorkerStart(
      { workers: 2 },
      { parallelSamples: [sample(10, [3, 3]), sample(30, [1, 2, 3])] },
      { fixedSeconds: 0, perFileSeconds: 0, source: 'default', samples: 0 },
    );
    expect(o).toMatchObject({ source: 'junit', samples: 2, fixedSeconds: 0.3 });
    expect(o.perFileSeconds).toBeCloseTo(0.1, 9);
    expect(o.workerStartSeconds).toBeCloseTo(2, 9);
  });

  it('the real -n 2 report: its start-up beyond what the plain run of the same suite shows', () => {
    const plain = read(XDIST, 'plain.xml');
    const xdist = read(XDIST, 'xdist-n2.xml');
    const { cases, shapes } = shapesOf([plain, xdist], xdistCtx);
    const samples = parallelSamples(shapes, parallelReports(shapes));
    expect(samples).toHaveLength(1);
    const one = samples[0] as ParallelSample;
    expect(one.files).toBe(3);
    const plainExtra = 3.772 - cases.filter((c: MappedCase) => c.report === 0).reduce((a, c) => a + c.time, 0);
    const got = learnWorkerStart(samples, 2, { perFileSeconds: plainExtra / 3, inSessionSeconds: 0 });
    // 5.86 s of session, 4.98 s of testcases spread over 2 workers (LPT 2.55 s), 0.41 s collection.
    expect(got?.workerStartSeconds).toBeCloseTo(5.86 - spreadSeconds(one.caseSeconds, 2) - plainExtra, 6);
    expect(got?.workerStartSeconds).toBeGreaterThan(1);
  });
});

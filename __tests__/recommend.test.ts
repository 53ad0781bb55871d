/**
 * Choosing N: the rules on synthetic cost curves, billing arithmetic, agreement with `--splits N`
 * on the demo data, search against exhaustive evaluation on real timing files, and the CLI.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan } from '../src/core/plan.js';
import {
  chooseSplits,
  compareWorkers,
  contextSplits,
  coreBudgets,
  recommend,
  rowOf,
  type PickRule,
  type SplitsRow,
  type WorkersRow,
} from '../src/core/recommend.js';
import { formatRecommendation } from '../src/render/recommend.js';
import { buildSuite } from '../src/core/suite.js';
import { parseDurations } from '../src/formats/durations.js';
import { cliPath, repoRoot, fixturePath } from './helpers/paths.js';

const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');
const planOpts = { granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD } as const;

function suiteOf(path: string) {
  return buildSuite({ timings: parseDurations(readFileSync(path, 'utf8'), path).timings });
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * An idealised suite: `work` seconds of tests split perfectly, no shard faster than `longest`,
 * `jobOverhead` per job. Counts the N it was asked for.
 */
function idealCurve(work: number, longest: number, jobOverhead: number) {
  const asked: number[] = [];
  const evaluate = (n: number): SplitsRow => {
    asked.push(n);
    const slowest = Math.round(Math.max(work / n, longest) * 1000) / 1000;
    const wall = Math.round((jobOverhead + slowest) * 1000) / 1000;
    return {
      splits: n,
      jobs: n,
      slowestSeconds: slowest,
      wallSeconds: wall,
      billedMinutes: n * Math.ceil(wall / 60),
      efficiency: Math.round(Math.min(1, work / (n * wall)) * 1e4) / 1e4,
    };
  };
  return { evaluate, asked };
}

describe('chooseSplits on ideal cost curves', () => {
  it.each<[string, [number, number, number], number | undefined, number, PickRule, RegExp]>([
    // 600 s of 1 s tests, 30 s per job: efficiency reaches 50% at 20 shards (wall 60 s); 19 comes
    // within 5% of that wall but just over a minute (2 billed minutes each), 20 fits in one minute.
    ['overhead-bound suite', [600, 1, 30], undefined, 20, 'efficiency', /20 shards bring the wall within 1 minute and bill 20 min instead of 38/],
    // One 300 s test: the wall stops falling at 10 shards although efficiency stays above 50% to 18.
    ['wall flattened by a long test', [3000, 300, 30], undefined, 10, 'efficiency', /18 is the largest N .* and 10 already comes within 5% of its wall/],
    ['suite shorter than the job overhead', [10, 1, 30], undefined, 1, 'efficiency', /even 1 shard spends less than 50%/],
    ['target met at exactly 60 s', [600, 1, 30], 60, 20, 'target', /^20 is the smallest N whose predicted wall .*60 s\) meets the 60 s target$/],
    ['target of 90 s', [600, 1, 30], 90, 10, 'target', /^10 is the smallest N/],
    ['target met by one shard', [100, 1, 30], 600, 1, 'target', /^1 is the smallest N/],
    ['target below the floor falls back', [600, 1, 30], 20, 20, 'target-unreachable', /^no N up to 64 meets the 20 s target; more shards stop paying off/],
  ])('%s', (_name, [work, longest, jobOverhead], targetSeconds, splits, rule, reason) => {
    const opts = { maxSplits: 64, ...(targetSeconds !== undefined ? { targetSeconds } : {}) };
    const searched = idealCurve(work, longest, jobOverhead);
    const choice = chooseSplits(searched.evaluate, opts);
    expect(choice).toMatchObject({ splits, rule });
    expect(choice.reason).toMatch(reason);
    // The exhaustive rule agrees on these monotone curves, with far fewer evaluations.
    const exhaustive = idealCurve(work, longest, jobOverhead);
    expect(chooseSplits(exhaustive.evaluate, { ...opts, exhaustive: true })).toEqual(choice);
    expect(new Set(searched.asked).size).toBeLessThanOrEqual(2 * Math.log2(64) + 6);
  });

  it('never plans beyond twice the target pick', () => {
    const c = idealCurve(6000, 1, 30);
    const choice = chooseSplits(c.evaluate, { maxSplits: 256, targetSeconds: 100 });
    expect(choice.splits).toBe(86); // 30 + 6000 / 86 = 99.77
    expect(Math.max(...c.asked)).toBeLessThanOrEqual(2 * choice.splits);
  });

  it('uses every N up to maxSplits when there is no overhead to pay', () => {
    const c = idealCurve(100, 0, 0);
    expect(chooseSplits(c.evaluate, { maxSplits: 8 }).splits).toBe(8);
    expect(chooseSplits(idealCurve(100, 0, 0).evaluate, { maxSplits: 1 }).splits).toBe(1);
  });
});

describe('rowOf: billed minutes and efficiency', () => {
  const plan = (totalSeconds: number, workers: number, shards: [number, number][]): Plan =>
    ({
      splits: shards.length,
      workers,
      totalSeconds,
      makespanSeconds: Math.max(...shards.map(([s]) => s)),
      shards: shards.map(([predictedSeconds, tests], i) => ({ group: i + 1, predictedSeconds, tests: Array.from({ length: tests }, (_, k) => `t${i}_${k}`) })),
    }) as unknown as Plan;
  it.each<[string, Plan, number, Partial<SplitsRow>]>([
    [
      'exactly one minute per job is one minute',
      plan(60, 1, [
        [30, 1],
        [30, 1],
      ]),
      30,
      { jobs: 2, wallSeconds: 60, billedMinutes: 2 },
    ],
    [
      'a millisecond over is two',
      plan(60, 1, [
        [30.001, 1],
        [30, 1],
      ]),
      30,
      { wallSeconds: 60.001, billedMinutes: 3 },
    ],
    [
      'shards without tests are not jobs',
      plan(50, 1, [
        [50, 3],
        [0, 0],
      ]),
      30,
      { jobs: 1, billedMinutes: 2, efficiency: 0.625 },
    ],
    [
      'balanced with no overhead is fully efficient',
      plan(100, 1, [
        [50, 1],
        [50, 1],
      ]),
      0,
      { efficiency: 1 },
    ],
    [
      'half the machine time in overhead',
      plan(100, 1, [
        [50, 1],
        [50, 1],
      ]),
      50,
      { wallSeconds: 100, efficiency: 0.5 },
    ],
    [
      'workers divide the work',
      plan(100, 2, [
        [25, 1],
        [25, 1],
      ]),
      0,
      { efficiency: 1 },
    ],
    ['fractional job overhead', plan(10, 1, [[10, 1]]), 50.0004, { wallSeconds: 60, billedMinutes: 1 }],
  ])('%s', (_name, p, jobOverhead, expected) => {
    expect(rowOf(p, jobOverhead)).toMatchObject(expected);
  });
});

describe('recommend on the demo data', () => {
  const suite = suiteOf(demo);

  it('predicts for each N exactly what buildPlan plans', () => {
    const rec = recommend(suite, { plan: planOpts, jobOverheadSeconds: 30, maxSplits: 256, context: true });
    expect(rec.rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rec.rows) {
      expect(row).toEqual(rowOf(buildPlan(suite, { ...planOpts, splits: row.splits }), 30));
    }
    expect(rec.plan).toEqual(buildPlan(suite, { ...planOpts, splits: rec.splits }));
    // The demo's pick: 5 shards finish within a minute (5 billed minutes); 4 bill 8.
    expect(rec.splits).toBe(5);
    expect(formatRecommendation(rec)).toMatch(/^\* +5 +5 +27\.09 +57\.09 +5 +47\.4%$/m);
  });

  it('gives a table whose predicted times match `split-plan --splits N`', () => {
    const r = cli(['recommend', '--durations', demo, '--no-discover', '--all', '--max-splits', '6', '--json', '-']);
    expect(r.code).toBe(0);
    const table = JSON.parse(r.stdout) as { splits: number; rows: SplitsRow[] };
    expect(table.rows.map((x) => x.splits)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const row of table.rows) {
      const planned = cli(['--durations', demo, '--no-discover', '--splits', String(row.splits), '--json', '-', '--quiet']);
      const plan = JSON.parse(planned.stdout) as Plan;
      expect(row.slowestSeconds).toBe(plan.makespanSeconds);
      const billed = plan.shards.filter((s) => s.tests.length > 0).reduce((a, s) => a + Math.ceil((30 + s.predictedSeconds) / 60), 0);
      expect(row.billedMinutes).toBe(billed);
    }
  });

  it('--splits auto plans exactly what --splits <pick> plans', () => {
    for (const extra of [[], ['--target-seconds', '45', '--job-overhead', '30']]) {
      const auto = cli(['--durations', demo, '--no-discover', '--splits', 'auto', '--json', '-', ...extra]);
      expect(auto.code).toBe(0);
      const picked = /^split-plan: --splits auto chose (\d+): /.exec(auto.stderr);
      expect(picked).not.toBeNull();
      const fixed = cli(['--durations', demo, '--no-discover', '--splits', (picked as RegExpExecArray)[1] as string, '--json', '-', '--quiet']);
      expect(auto.stdout).toBe(fixed.stdout);
    }
  });

  it('prints the table with the pick marked', () => {
    const r = cli(['recommend', '--durations', demo, '--no-discover', '--target-seconds', '45']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^\s+N\s+jobs\s+slowest s\s+wall s\s+billed min\s+efficiency$/);
    expect(lines.filter((l) => l.startsWith('*'))).toEqual([expect.stringMatching(/^\* +10 +10 /)]);
    expect(r.stdout).toContain('pick: --splits 10 (10 is the smallest N whose predicted wall');
  });
});

describe('search agrees with planning every N on real timing files', () => {
  it.each<[string, number, number | undefined]>([
    ['durations/MacPhobos__image-search-service.json', 30, undefined],
    ['durations/MacPhobos__image-search-service.json', 30, 50],
    ['durations/iterative__dvc.json', 30, undefined],
    ['durations/iterative__dvc.json', 120, 200],
    ['durations/pgmpy__pgmpy.json', 30, undefined],
    ['durations/BrikerMan__Kashgari.json', 30, 300],
  ])('%s, job overhead %i s, target %s', (file, jobOverheadSeconds, targetSeconds) => {
    const suite = suiteOf(fixturePath(file));
    const opts = { plan: planOpts, jobOverheadSeconds, maxSplits: 48, ...(targetSeconds !== undefined ? { targetSeconds } : {}) };
    const searched = recommend(suite, opts);
    const exhaustive = recommend(suite, { ...opts, exhaustive: true });
    expect(exhaustive.rows).toHaveLength(48);
    expect(searched.splits).toBe(exhaustive.splits);
    expect(searched.reason).toBe(exhaustive.reason);
    expect(searched.rows.length).toBeLessThan(20);
  });
});

describe('shards or workers for the same cores', () => {
  it.each<[number, number, number[]]>([
    [1, 1024, [2, 4]],
    [3, 1024, [2, 4, 8]],
    [5, 1024, [2, 4, 8, 16]],
    [5, 8, [2, 4, 8]],
  ])('budgets around a pick of %i (at most %i cores)', (pick, max, expected) => {
    expect(coreBudgets(pick, max)).toEqual(expected);
  });

  /** 40 files of ten 0.5 s tests; `perFile` s to collect each, `start` s to bring workers up. */
  const suite = (() => {
    const t = new Map<string, number>();
    for (let f = 0; f < 40; f++) for (let i = 0; i < 10; i++) t.set(`t/test_${String(f).padStart(2, '0')}.py::test_${i}`, 0.5);
    return buildSuite({ timings: t });
  })();
  const opts = (perFile: number, start: number) =>
    ({
      granularity: 'auto',
      algorithm: 'balanced',
      overhead: { fixedSeconds: 2, perFileSeconds: perFile, source: 'flag', samples: 0, workerStartSeconds: start },
    }) as const;
  const best = (rows: WorkersRow[], cores: number): string => {
    const r = rows.find((x) => x.cores === cores && x.best) as WorkersRow;
    return `${r.splits} x ${r.workers}`;
  };

  it('prices every row as --splits N --workers K plans it', () => {
    const rows = compareWorkers(suite, { plan: opts(0.05, 1), jobOverheadSeconds: 30, cores: [4], maxSplits: 256 });
    expect(rows.map((r) => `${r.splits} x ${r.workers}`)).toEqual(['4 x 1', '2 x 2', '1 x 4']);
    for (const r of rows) {
      const plan = buildPlan(suite, { ...opts(0.05, 1), splits: r.splits, workers: r.workers });
      expect(r).toEqual({ ...rowOf(plan, 30), cores: 4, workers: r.workers, best: r.best });
    }
    expect(rows.filter((r) => r.best)).toHaveLength(1);
  });

  it.each<[string, number, number, number, string]>([
    // 200 s of tests on 4 cores: 50 s each way, plus what each way pays.
    ['cheap collection, cheap workers: one job of 4 workers bills least at about the same wall', 0.01, 0.5, 30, '1 x 4'],
    // Each worker collects all 40 files (20 s): 4 shards of 10 files collect 5 s each.
    ['costly collection: more shards', 0.5, 0.5, 30, '4 x 1'],
    // Without job overhead billing, a 20 s worker start-up decides for shards.
    ['costly worker start-up: more shards', 0.01, 20, 0, '4 x 1'],
  ])('%s', (_why, perFile, start, jobOverhead, expected) => {
    const rows = compareWorkers(suite, { plan: opts(perFile, start), jobOverheadSeconds: jobOverhead, cores: [4], maxSplits: 256 });
    expect(best(rows, 4)).toBe(expected);
  });

  it('recommend --workers auto adds the table and its JSON rows', () => {
    const r = cli(['recommend', '--durations', demo, '--no-discover', '--workers', 'auto', '--worker-startup', '1', '--json', '-']);
    expect(r.code).toBe(0);
    // --json - puts the JSON on stdout and the table on stderr.
    expect(r.stderr).toMatch(/^shards or pytest-xdist workers, for the same cores \(N shards x K workers\):$/m);
    expect(r.stderr).toMatch(/^\*? +4 +1 x 4 +1 /m);
    expect(r.stderr).toMatch(/^best \(\*\): 2 cores as /m);
    const json = JSON.parse(r.stdout) as { splits: number; workers: WorkersRow[] };
    expect(json.workers.map((w) => [w.cores, w.splits, w.workers])).toEqual([
      [2, 2, 1],
      [2, 1, 2],
      [4, 4, 1],
      [4, 2, 2],
      [4, 1, 4],
      [8, 8, 1],
      [8, 4, 2],
      [8, 2, 4],
      [16, 16, 1],
      [16, 8, 2],
      [16, 4, 4],
    ]);
    const plain = cli(['recommend', '--durations', demo, '--no-discover']);
    expect(plain.stdout).not.toContain('shards or pytest-xdist workers');
    // The N table is the plain one either way.
    expect(r.stderr.startsWith(plain.stdout.trimEnd())).toBe(true);
  });
});

describe('contextSplits', () => {
  it.each<[number, number, number[]]>([
    [1, 256, [1, 2]],
    [5, 256, [1, 2, 4, 6, 8]],
    [5, 5, [1, 2, 4]],
    [64, 64, [1, 2, 4, 8, 16, 32, 63, 64]],
  ])('pick %i of at most %i', (pick, max, expected) => {
    expect(contextSplits(pick, max)).toEqual(expected);
  });
});

describe('CLI usage errors', () => {
  it.each<[string[], string]>([
    [['--splits', '3', '--target-seconds', '60'], '--target-seconds only applies with --splits auto'],
    [['--splits', '3', '--job-overhead', '10'], '--job-overhead only applies with --splits auto'],
    [['--splits', 'auto', '--max-splits', '0'], '--max-splits must be an integer from 1 to 256, got "0"'],
    [['--splits', 'auto', '--max-splits', '300'], '--max-splits must be an integer from 1 to 256, got "300"'],
    [['--splits', 'auto', '--job-overhead', '-5'], '--job-overhead must be a non-negative number of seconds, got "-5"'],
    [['--splits', 'auto', '--target-seconds', 'soon'], '--target-seconds must be a non-negative number of seconds, got "soon"'],
    [['--splits', 'automatic'], '--splits must be an integer from 1 to 256, got "automatic"'],
    [['recommend', '--splits', '3'], 'recommend chooses the number of shards itself; drop --splits'],
    [['recommend', '--max-splits', 'x'], '--max-splits must be an integer from 1 to 256, got "x"'],
    [[], 'Missing required argument: splits'],
  ])('%j', (args, message) => {
    const r = cli([...args, '--durations', demo, '--no-discover']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`split-plan: error: ${message}`)]);
  });
});

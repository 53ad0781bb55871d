/** `split-plan explain`: what it reports on a hand-made suite, bounded lists, moves, markdown, bars, and the CLI. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainPlan, shardBars, type Explanation, type MoveReason, type SplitReason } from '../src/core/explain.js';
import { describeMoveReason, describeSplitReason, explainMarkdown, formatExplanation, type WordedExplanation } from '../src/render/explain.js';
import { ACTION_WORDS } from '../src/action/words.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { DEFAULT_OVERHEAD, NO_SETUPS, type SetupModel } from '../src/core/overhead.js';
import { buildPlan, type PlanOptions } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import type { OverheadModel } from '../src/core/types.js';
import { cliPath, repoRoot } from './helpers/paths.js';
import { randomSuite } from './helpers/suites.js';

const BIG = 'tests/a/test_big.py';
const SMALL = 'tests/a/test_small.py';
const NEW = 'tests/b/test_new.py';
const MIXED = 'tests/b/test_mixed.py';
const GONE = 'tests/gone.py::test_old';

/** 7 tests of 65 s in one file, 3 small ones, 3 without timing, one stale entry. */
function sample(overrides: Record<string, number> = {}, extraCollected: string[] = []) {
  const timings = new Map<string, number>([
    ...Array.from({ length: 6 }, (_, i): [string, number] => [`${BIG}::TestX::test_${i}`, 10]),
    [`${BIG}::test_f`, 5],
    ...Array.from({ length: 3 }, (_, i): [string, number] => [`${SMALL}::test_${i}`, 1]),
    [`${MIXED}::test_timed`, 2],
    [GONE, 9],
  ]);
  for (const [id, s] of Object.entries(overrides)) timings.set(id, s);
  const collected = [...timings.keys()].filter((id) => id !== GONE).concat([`${NEW}::test_a`, `${NEW}::test_b`, `${MIXED}::test_untimed`], extraCollected);
  return buildSuite({ timings, collected });
}

const opts = (splits: number, overhead: OverheadModel = DEFAULT_OVERHEAD): PlanOptions => ({
  splits,
  granularity: 'auto',
  algorithm: 'balanced',
  workers: 1,
  overhead,
});

describe('explainPlan on a hand-made suite', () => {
  const suite = sample();
  const plan = buildPlan(suite, opts(3));
  const ex = explainPlan(plan, suite);
  const groupOf = (id: string) => plan.shards.find((s) => s.tests.includes(id))?.group;

  it('counts known and estimated tests and time', () => {
    expect(ex.coverage).toEqual({ tests: 14, knownTests: 11, estimatedTests: 3, seconds: 76, knownSeconds: 70, estimatedSeconds: 6 });
  });

  it('lists estimated tests by file, most first', () => {
    expect(ex.estimatedFiles).toEqual({
      total: 2,
      items: [
        { file: NEW, estimated: 2, tests: 2, estimatedSeconds: 4, wholeFile: false },
        { file: MIXED, estimated: 1, tests: 2, estimatedSeconds: 2, wholeFile: false },
      ],
    });
  });

  it('lists stale entries', () => {
    expect(ex.stale).toEqual({ total: 1, items: [GONE] });
  });

  it('names the slowest tests with their shard, and the slowest files with theirs', () => {
    expect(ex.slowestTests.total).toBe(14);
    expect(ex.slowestTests.items.slice(0, 6).map((t) => t.seconds)).toEqual([10, 10, 10, 10, 10, 10]);
    for (const t of ex.slowestTests.items) expect(t.group).toBe(groupOf(t.id));
    expect(ex.slowestTests.items[6]).toMatchObject({ id: `${BIG}::test_f`, seconds: 5 });
    expect(ex.slowestFiles.items[0]).toMatchObject({ file: BIG, seconds: 65, tests: 7 });
    expect((ex.slowestFiles.items[0] as { groups: number[] }).groups.length).toBeGreaterThan(1);
  });

  it('says which files were cut and why', () => {
    expect(plan.splitFiles).toEqual([BIG]);
    expect(ex.fairShareSeconds).toBeCloseTo(76 / 3, 3);
    expect(ex.splitFiles.total).toBe(1);
    const [big] = ex.splitFiles.items;
    expect(big).toMatchObject({ file: BIG, costSeconds: 65, code: 'over-share', shareSeconds: 25.333 });
    expect(big && describeSplitReason(big, CLI_WORDS)).toBe("costs 65.00 s, more than a shard's fair share of 25.33 s");
  });

  it('weighs files as the planner does, with learned setups and several workers', () => {
    // BIG's module setup (8 of its first test's 10 s); with 4 workers each worker that runs some
    // of BIG pays it, so BIG costs (65 - 8) / 4 + 8 to a shard, not 65 / 4.
    const setups: SetupModel = {
      ...NO_SETUPS,
      fileSeconds: new Map([[BIG, 8]]),
      fileShare: new Map([[`${BIG}::TestX::test_0`, 8]]),
    };
    const withSetups: PlanOptions = { ...opts(3), workers: 4, setups };
    const p = buildPlan(suite, withSetups);
    const e = explainPlan(p, suite, { setups });
    const own = (65 - 8) / 4 + 8;
    const rest = (76 - 65) / 4; // the other files' tests, 3 unknown ones at their estimates included
    expect(e.fairShareSeconds).toBeCloseTo((own + rest) / 3, 3);
    expect(e.splitFiles.items.map((f) => f.file)).toEqual([BIG]);
    expect(e.splitFiles.items[0]?.costSeconds).toBeCloseTo(own, 3);
    expect(p.splitFiles).toEqual(e.splitFiles.items.map((f) => f.file));
  });

  it.each<[string, number, RegExp]>([
    ['one worker', 1, /^every shard pays 1\.50 s to start and 0\.2000 s per file it collects, then runs its tests one after another$/m],
    [
      'two workers',
      2,
      /^every shard pays 1\.50 s to start and 2\.00 s to bring up its 2 pytest-xdist workers; each worker collects every file of the shard \(0\.2000 s each\)/m,
    ],
  ])("says what every shard pays beyond its tests (%s), from the plan's cost model", (_name, workers, line) => {
    const overhead: OverheadModel = { fixedSeconds: 1.5, perFileSeconds: 0.2, source: 'flag', samples: 0, workerStartSeconds: 2 };
    const e = explainPlan(buildPlan(suite, { ...opts(3, overhead), workers }), suite);
    expect(e.cost).toEqual({ workers, fixedSeconds: 1.5, workerStartSeconds: workers > 1 ? 2 : 0, perFileSeconds: 0.2 });
    expect(formatExplanation(e, CLI_WORDS)).toMatch(line);
  });

  it.each<[string, 'class' | 'test', string, string]>([
    ['class granularity', 'class', '--granularity class schedules every class on its own', 'granularity: class schedules every class on its own'],
    ['test granularity', 'test', '--granularity test schedules every test on its own', 'granularity: test schedules every test on its own'],
  ])('gives the reason for %s as a code, worded by each edge', (_name, granularity, cli, action) => {
    const p = buildPlan(suite, { ...opts(2), granularity });
    const e = explainPlan(p, suite);
    expect(e.splitFiles.total).toBeGreaterThan(0);
    for (const f of e.splitFiles.items) {
      expect(f).toMatchObject({ code: 'granularity', granularity });
      expect(describeSplitReason(f, CLI_WORDS)).toBe(cli);
      expect(describeSplitReason(f, ACTION_WORDS)).toBe(action);
    }
    expect(formatExplanation(e, CLI_WORDS)).toContain(`; ${cli}\n`);
  });

  it('bounds every list and says how many it left out', () => {
    const short = explainPlan(plan, suite, { limit: 1 });
    expect(short.estimatedFiles).toMatchObject({ total: 2, items: [{ file: NEW }] });
    expect(short.slowestTests.items).toHaveLength(1);
    expect(short.slowestFiles).toMatchObject({ total: 4, items: [{ file: BIG }] });
    const text = formatExplanation(short, CLI_WORDS);
    expect(text).toContain('  ... (and 1 more)');
  });

  it('prints a plain-text report', () => {
    const text = formatExplanation(ex, CLI_WORDS);
    expect(text).toContain('split-plan explain: 14 tests in 3 shards\n');
    expect(text).toContain('timings known for 11 of 14 tests (78.6%), covering 70.00 of 76.00 s (92.1%)\n');
    expect(text).toContain(`  ${NEW}: 2 of 2 tests estimated (4.00 s)\n`);
    expect(text).toContain(`stale timing entries (tests no longer collected, ignored): 1\n  ${GONE}\n`);
    expect(text).toMatch(new RegExp(`files cut across shards: 1\\n  ${BIG}: shards [\\d, ]+; costs 65.00 s`));
  });
});

describe('explainPlan --against an older plan', () => {
  const suite = sample();
  const plan = buildPlan(suite, opts(3));

  it('reports nothing moved against itself', () => {
    expect(explainPlan(plan, suite, { against: plan }).moves).toEqual({ oldSplits: 3, moved: 0, added: 0, removed: 0, files: { total: 0, items: [] } });
  });

  it('blames a change in the number of shards', () => {
    const old = buildPlan(suite, opts(2));
    const moves = explainPlan(plan, suite, { against: old }).moves as NonNullable<Explanation['moves']>;
    expect(moves.moved).toBeGreaterThan(0);
    expect(moves.files.items.length).toBeGreaterThan(0);
    for (const f of moves.files.items) expect(describeMoveReason(f)).toBe('the number of shards changed from 2 to 3');
  });

  it('counts added and removed tests and blames the files that changed', () => {
    const oldSuite = sample({ [`${SMALL}::test_gone`]: 1 }, [`${SMALL}::test_gone`]);
    const newSuite = sample({}, [`${MIXED}::test_added`]);
    const old = buildPlan(oldSuite, opts(3));
    const now = buildPlan(newSuite, opts(3));
    const moves = explainPlan(now, newSuite, { against: old }).moves as NonNullable<Explanation['moves']>;
    expect(moves).toMatchObject({ added: 1, removed: 1 });
    const moved = new Set(moves.files.items.map((f) => f.file));
    for (const f of moves.files.items) {
      if (f.file === SMALL) expect(describeMoveReason(f)).toBe('the file gained 0 and lost 1 test(s)');
      else if (f.file === MIXED) expect(describeMoveReason(f)).toBe('the file gained 1 and lost 0 test(s)');
      else expect(describeMoveReason(f)).toMatch(/^rebalanced: the suite's time went from 77.00 s to 78.00 s$|^the file is (now|no longer) cut across shards$/);
    }
    expect(moves.moved).toBe(moves.files.items.reduce((a, f) => a + f.moved, 0));
    expect(moved.size).toBe(moves.files.total);
  });

  it('says when a file became cut', () => {
    // Before: the big file was cheap enough to stay whole.
    const cheap = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`${BIG}::TestX::test_${i}`, 0.5]).concat([[`${BIG}::test_f`, 0.5]]));
    const oldSuite = sample(cheap);
    const old = buildPlan(oldSuite, opts(3));
    expect(old.splitFiles).toEqual([]);
    const moves = explainPlan(plan, suite, { against: old }).moves as NonNullable<Explanation['moves']>;
    const big = moves.files.items.find((f) => f.file === BIG);
    expect(big).toMatchObject({ code: 'now-cut' });
    expect(big && describeMoveReason(big)).toBe('the file is now cut across shards');
  });
});

describe('reason codes', () => {
  // Every code of each union, checked complete by the compiler (a new code breaks the build here).
  const SPLIT_CODES: Record<SplitReason['code'], true> = { granularity: true, 'over-share': true, 'few-files': true, faster: true };
  const MOVE_CODES: Record<MoveReason['code'], true> = {
    'splits-changed': true,
    'settings-changed': true,
    'now-cut': true,
    'no-longer-cut': true,
    'tests-changed': true,
    rebalanced: true,
  };

  it.each([...Object.keys(SPLIT_CODES), ...Object.keys(MOVE_CODES)])('docs/cli.md names %s', (code) => {
    const text = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain(`\`${code}\``);
  });

  it.each<[SplitReason & { costSeconds: number }, string]>([
    [{ code: 'few-files', files: 2, splits: 4, costSeconds: 1 }, 'only 2 file(s) for 4 shards, so tests are placed singly to fill every shard'],
    [{ code: 'faster', shareSeconds: 3, costSeconds: 2.5 }, 'cutting it gave a faster slowest shard (2.50 s against a fair share of 3.00 s)'],
  ])('words %j', (reason, text) => {
    expect(describeSplitReason(reason, CLI_WORDS)).toBe(text);
    expect(describeSplitReason(reason, ACTION_WORDS)).toBe(text);
  });

  it('words a change of plan settings', () => {
    const r: MoveReason = { code: 'settings-changed', oldGranularity: 'file', granularity: 'class', oldAlgorithm: 'balanced', algorithm: 'greedy' };
    expect(describeMoveReason(r)).toBe('the plan settings changed (granularity file -> class, algorithm balanced -> greedy)');
  });
});

describe('explainMarkdown (the Action summary form)', () => {
  const suite = sample({ 'tests/a/test_small.py::test_q[`x`]': 99 }, ['tests/a/test_small.py::test_q[`x`]']);
  const plan = buildPlan(suite, opts(3));
  const md = explainMarkdown(explainPlan(plan, suite, { against: plan }));

  it('is a short list of bullets', () => {
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('#### Why this plan');
    expect(lines.slice(1).every((l) => l.startsWith('- '))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(md).toContain('- Timings known for **12 of 15** tests (80.0%)');
    expect(md).toContain('- 1 stale timing entry ignored (tests no longer collected).');
    expect(md).toContain('- Against the previous plan: 0 test(s) moved shard, 0 added, 0 removed.');
  });

  it('quotes node ids containing backticks intact', () => {
    expect(md).toContain('- Slowest test: ``tests/a/test_small.py::test_q[`x`]``, 99.00 s, in shard ');
  });
});

describe('shardBars', () => {
  it.each<[string, number, [number, number, number]]>([
    // One measured 4 s test and one estimated (the file's median, 4 s) in one shard.
    ['one worker', 1, [0, 4, 4]],
    ['two workers share the 8 s: 4 s of wall, half of it estimated', 2, [0, 2, 2]],
  ])('splits the shard time in proportion to the tests (%s)', (_name, workers, expected) => {
    const suite = buildSuite({
      timings: new Map([['tests/test_a.py::test_known', 4]]),
      collected: ['tests/test_a.py::test_known', 'tests/test_a.py::test_new'],
    });
    const plan = buildPlan(suite, { ...opts(1), workers });
    const [bar] = shardBars(plan, suite);
    expect([bar?.overheadSeconds, bar?.knownSeconds, bar?.estimatedSeconds]).toEqual(expected);
  });

  it('splits every shard into overhead, measured and estimated time that add up to its prediction (any workers)', () => {
    fc.assert(
      fc.property(randomSuite(60), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.integer({ min: 1, max: 3 }), (rs, splits, withOverhead, workers) => {
        const collected = rs.ids.filter((_, i) => i % 4 !== 0).concat(['tests/new/test_n.py::test_1', 'tests/new/test_n.py::test_2']);
        const suite = buildSuite({ timings: rs.timings, collected });
        const overhead: OverheadModel = withOverhead ? { fixedSeconds: 2, perFileSeconds: 0.5, source: 'flag', samples: 0 } : DEFAULT_OVERHEAD;
        const plan = buildPlan(suite, { ...opts(splits, overhead), workers });
        const bars = shardBars(plan, suite);
        expect(bars.map((b) => b.group)).toEqual(plan.shards.map((s) => s.group));
        for (const [i, b] of bars.entries()) {
          const shard = plan.shards[i] as (typeof plan.shards)[number];
          expect(b.overheadSeconds).toBe(shard.overheadSeconds);
          expect(Math.abs(b.overheadSeconds + b.knownSeconds + b.estimatedSeconds - shard.predictedSeconds)).toBeLessThan(0.0015);
          expect(b.knownSeconds).toBeGreaterThanOrEqual(0);
          expect(b.estimatedSeconds).toBeGreaterThanOrEqual(0);
          if (shard.estimated === 0) expect(b.estimatedSeconds).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('split-plan explain (built CLI)', () => {
  const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');
  const tmp = mkdtempSync(join(tmpdir(), 'split-plan-explain-'));
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: tmp, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('explains the demo plan and which tests moved after one file got slower', () => {
    // The old plan was made when tests/api/test_search.py was ten times faster.
    const data = JSON.parse(readFileSync(demo, 'utf8')) as Record<string, number>;
    const faster = Object.fromEntries(Object.entries(data).map(([id, s]) => [id, id.startsWith('tests/api/test_search.py::') ? s / 10 : s]));
    writeFileSync(join(tmp, 'old.test_durations'), JSON.stringify(faster));
    expect(cli(['--durations', 'old.test_durations', '--splits', '4', '--json', 'old.json', '--quiet', '--no-discover']).code).toBe(0);
    const r = cli(['explain', '--durations', demo, '--splits', '4', '--against', 'old.json', '--no-discover', '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('split-plan explain: 1105 tests in 4 shards\n');
    expect(r.stdout).toContain('timings known for 1105 of 1105 tests (100.0%)');
    expect(r.stdout).toMatch(/compared with the old plan \(4 shards\): [1-9]\d* test\(s\) moved shard, 0 added, 0 removed\n/);
    expect(r.stdout).toMatch(/rebalanced: the suite's time went from \d+\.\d\d s to 135\.44 s/);
    const json = cli(['explain', '--durations', demo, '--splits', '4', '--against', 'old.json', '--no-discover', '--json', '-']);
    const ex = JSON.parse(json.stdout) as WordedExplanation;
    expect(ex.moves?.moved).toBeGreaterThan(0);
    expect(json.stderr).toBe(formatExplanation(ex, CLI_WORDS));
    // Each moved or cut file carries its reason's code (and data) and, as before, the reason in words.
    const reasoned = [...(ex.moves?.files.items ?? []), ...ex.splitFiles.items];
    expect(reasoned.length).toBeGreaterThan(0);
    for (const f of ex.moves?.files.items ?? []) expect(f.reason).toBe(describeMoveReason(f));
    for (const f of ex.splitFiles.items) expect(f.reason).toBe(describeSplitReason(f, CLI_WORDS));
    for (const f of reasoned) expect(typeof f.code).toBe('string');
  });

  it('prints the markdown form and follows --splits auto', () => {
    const r = cli(['explain', '--durations', demo, '--splits', 'auto', '--no-discover', '--markdown']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^split-plan: --splits auto chose 5: /);
    expect(r.stdout).toMatch(/^#### Why this plan\n- Timings known for \*\*1105 of 1105\*\* tests/);
  });

  it.each<[string[], number, string]>([
    [['--against', 'missing.json'], 1, '--against: '],
    [['--against', 'bad.json'], 1, 'bad.json: invalid plan JSON'],
    [['--limit', '0'], 2, '--limit must be an integer from 1 to 100000, got "0"'],
  ])('%j fails with exit %i', (args, code, message) => {
    writeFileSync(join(tmp, 'bad.json'), '{"version": 1');
    const r = cli(['explain', '--durations', demo, '--splits', '2', '--no-discover', ...args]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(message)]);
  });
});

/**
 * Predicted against measured seconds per shard and moved tests (src/core/verifyTiming.ts), their
 * renderings (src/render/verify.ts: Markdown with a Mermaid chart, HTML with SVG), and the CLI's
 * `verify --html/--markdown/--durations`.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanShard } from '../src/core/plan.js';
import type { JUnitReport, MappedCase, OverheadModel } from '../src/core/types.js';
import { verifyRun } from '../src/core/verify.js';
import { timingReport, type TimingReport, type Verdict } from '../src/core/verifyTiming.js';
import { verifyChart, verifyHtml, verifyMarkdown, verifySvg } from '../src/render/verify.js';
import { cliPath } from './helpers/paths.js';
import { pytestJUnit } from './helpers/pytestJunit.js';

const shard = (group: number, tests: string[], predictedSeconds: number): PlanShard => ({
  group,
  predictedSeconds,
  testSeconds: predictedSeconds,
  overheadSeconds: 0,
  files: 1,
  selectors: [...new Set(tests.map((t) => t.split('::')[0] as string))],
  tests,
  estimated: 0,
});

const overhead = (o: Partial<OverheadModel> = {}): OverheadModel => ({
  fixedSeconds: 1,
  perFileSeconds: 0.5,
  source: 'junit',
  samples: 1,
  startupSeconds: 0.5,
  ...o,
});

/** One shard of four 1 s tests in one file: predicted 1 + 0.5 + 4 = 5.5 s (5 s in session). */
const TESTS = ['t/test_a.py::test_1', 't/test_a.py::test_2', 't/test_a.py::test_3', 't/test_a.py::test_4'];
const STORED = new Map(TESTS.map((id) => [id, 1]));

/** A run of the one shard: each test's measured seconds, and the session's. */
function run(times: number[], session: number | undefined, workers = 1, o: Partial<OverheadModel> = {}): TimingReport {
  const plan = { workers, overhead: overhead(o), shards: [shard(1, TESTS, 5.5), shard(2, ['t/test_b.py::test_1'], 2)] };
  const cases: MappedCase[] = times.map((time, i) => ({ id: TESTS[i] as string, time, outcome: 'passed', report: 0 }));
  const reports: JUnitReport[] =
    session === undefined
      ? []
      : [
          {
            source: 'shard-1.xml',
            suites: [{ name: 'pytest', time: session, cases: cases.map((c) => ({ classname: 'x', name: c.id, time: c.time, outcome: 'passed' })) }],
          },
        ];
  const result = verifyRun(plan, reports, session === undefined ? [] : cases);
  return timingReport(plan, result, reports, session === undefined ? [] : cases, { stored: STORED });
}

describe('timingReport: why a shard missed its prediction', () => {
  it.each<[string, number[], number, Verdict, Partial<TimingReport['shards'][number]>]>([
    // in session: 0.5 s fixed + 0.5 s collection + tests
    ['as predicted', [1, 1, 1, 1], 5.2, 'as-predicted', { predictedSeconds: 5, measuredSeconds: 5.2, modelSeconds: 5, error: 0.04, testRatio: 1 }],
    ['every test twice as slow: the machine', [2, 2, 2, 2], 9, 'runner-speed', { modelSeconds: 9, testRatio: 2 }],
    ['one test 5 x, the rest as stored: tests moved', [5, 1, 1, 1], 9.1, 'tests-moved', { modelSeconds: 9, testRatio: 1 }],
    ['tests as stored, the session far longer: overhead', [1, 1, 1, 1], 9, 'overhead', { modelSeconds: 5, testRatio: 1 }],
  ])('%s', (_why, times, session, verdict, fields) => {
    const t = run(times, session);
    expect(t.shards[0]).toMatchObject({ group: 1, verdict, ...fields });
    expect(t.shards[0]?.reason).not.toBe('');
  });

  it('a shard without a report is missing; without a start-up nothing is taken off', () => {
    const t = run([], undefined, 1, { startupSeconds: undefined });
    expect(t.shards.map((s) => [s.group, s.verdict, s.predictedSeconds])).toEqual([
      [1, 'missing', 5.5],
      [2, 'missing', 2],
    ]);
    expect(t.startupSeconds).toBe(0);
  });

  it('with workers the model on this run spreads its testcases and adds the workers start-up', () => {
    // 2 workers: 0.5 s fixed in session + 2 s worker start + 0.5 s collection + LPT(5, 1, 1, 1) = 5.
    const t = run([5, 1, 1, 1], 8, 2, { workerStartSeconds: 2 });
    expect(t.shards[0]?.modelSeconds).toBeCloseTo(8, 9);
    expect(t.workers).toBe(2);
  });

  it('lists the tests that moved most, by absolute change, bounded, and counts the unstored ones', () => {
    const plan = { workers: 1, overhead: overhead(), shards: [shard(1, [...TESTS, 't/test_a.py::test_new'], 5.5)] };
    const times = [3, 0.5, 1, 1.2, 7];
    const cases: MappedCase[] = [...TESTS, 't/test_a.py::test_new'].map((id, i) => ({ id, time: times[i] as number, outcome: 'passed', report: 0 }));
    const reports: JUnitReport[] = [{ source: 'r.xml', suites: [{ name: 'pytest', time: 14, cases: [] }] }];
    const t = timingReport(plan, verifyRun(plan, reports, cases), reports, cases, { stored: STORED, limit: 2 });
    expect(t.moved).toEqual([
      { id: 't/test_a.py::test_1', group: 1, storedSeconds: 1, measuredSeconds: 3, changeSeconds: 2 },
      { id: 't/test_a.py::test_2', group: 1, storedSeconds: 1, measuredSeconds: 0.5, changeSeconds: -0.5 },
    ]);
    expect([t.compared, t.unstored, t.stored]).toEqual([4, 1, true]);
    const none = timingReport(plan, verifyRun(plan, reports, cases), reports, cases);
    expect([none.moved, none.stored, none.shards[0]?.testRatio]).toEqual([[], false, undefined]);
  });

  it('reads plans that carry neither workers nor overhead', () => {
    const plan = { shards: [shard(1, TESTS, 4)] } as unknown as Parameters<typeof timingReport>[0];
    const cases: MappedCase[] = TESTS.map((id) => ({ id, time: 1, outcome: 'passed', report: 0 }));
    const reports: JUnitReport[] = [{ source: 'r.xml', suites: [{ name: 'pytest', time: 4.2, cases: [] }] }];
    const t = timingReport(plan, verifyRun(plan, reports, cases), reports, cases);
    expect(t.shards[0]).toMatchObject({ predictedSeconds: 4, measuredSeconds: 4.2, modelSeconds: 4, verdict: 'as-predicted' });
  });
});

describe('rendering', () => {
  const t = run([5, 1, 1, 1], 9.1);
  const plan = { workers: 1, overhead: overhead(), shards: [shard(1, ['t/test_a.py::test_<b>|x'], 2)] };

  it('Markdown: a Mermaid chart of measured bars and a predicted line, the table, the moved tests', () => {
    const chart = verifyChart(t);
    expect(chart).toContain('  x-axis "shard" ["1", "2"]');
    expect(chart).toContain('  bar [9.10, 0.00]');
    expect(chart).toContain('  line [5.00, 1.50]');
    const result = verifyRun(plan, [], []);
    const md = verifyMarkdown(result, { timing: t });
    expect(md).toContain('### Predicted against measured');
    expect(md).toContain('| 1 | 5.00 | 9.10 | +82% | 9.00 | 1.00 | **tests moved**:');
    expect(md).toContain('| 2 | 1.50 | missing |');
    expect(md).toContain('| `t/test_a.py::test_1` | 1 | 1.00 | 5.00 | +4.00 |');
    expect(md).toContain('less the 0.50 s of start-up');
  });

  it('HTML: one group per shard, a measured bar only where a report ran, ids escaped, same bytes twice', () => {
    const result = verifyRun(plan, [], []);
    const html = verifyHtml(result, t);
    expect(html.match(/<g class="shard" data-shard="/g)).toHaveLength(2);
    expect(html.match(/data-part="measured"/g)).toHaveLength(1);
    expect(html.match(/data-part="model"/g)).toHaveLength(1);
    expect(html).toContain('data-verdict="tests-moved"');
    expect(html).toContain('t/test_a.py::test_&lt;b&gt;|x (group 1)');
    expect(html).not.toContain('<b>|x');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(verifyHtml(result, t)).toBe(html);
    expect(verifySvg(t)).toContain('xmlns="http://www.w3.org/2000/svg"');
  });
});

describe('split-plan verify --html --markdown --durations', () => {
  it('writes the page, prints Markdown, and lists moved tests from the durations file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-timing-'));
    try {
      const plan = {
        version: 1,
        splits: 2,
        totalSeconds: 5,
        makespanSeconds: 5.5,
        lowerBoundSeconds: 3,
        workers: 1,
        overhead: overhead(),
        shards: [shard(1, TESTS, 5.5), shard(2, ['t/test_b.py::test_1'], 2)],
      };
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
      writeFileSync(join(dir, 'stored.json'), JSON.stringify({ ...Object.fromEntries(STORED), 't/test_b.py::test_1': 1 }));
      writeFileSync(
        join(dir, 'r1.xml'),
        pytestJUnit(
          TESTS.map((id, i) => ({ id, seconds: i === 0 ? 5 : 1 })),
          1,
        ),
      );
      writeFileSync(join(dir, 'r2.xml'), pytestJUnit([{ id: 't/test_b.py::test_1', seconds: 1 }], 0.5));
      const r = spawnSync(
        process.execPath,
        [cliPath, 'verify', '--plan', 'plan.json', '--junit', 'r*.xml', '--durations', 'stored.json', '--html', 'out/report.html', '--markdown'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('## split-plan verify: ok');
      expect(r.stdout).toContain('```mermaid');
      expect(r.stdout).toContain('| `t/test_a.py::test_1` | 1 | 1.00 | 5.00 | +4.00 |');
      const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
      expect(html).toContain('data-shard="2"');
      expect(html).toContain('<code>t/test_a.py::test_1</code>');
      // Without --markdown: the text, as before.
      const text = spawnSync(process.execPath, [cliPath, 'verify', '--plan', 'plan.json', '--junit', 'r*.xml'], { cwd: dir, encoding: 'utf8' });
      expect(text.stdout).toMatch(/^split-plan verify: ok: every planned test ran exactly once/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

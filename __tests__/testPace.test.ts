/**
 * The test pace (core/testPace.ts): the shards' speed against the stored timings, learned by
 * refresh, stored in the durations file and applied by planning. The case it exists for, seen on
 * libcst (docs/real-suite.md): every shard ran its many short tests at ~0.8 x the serial run's
 * seconds, each change inside the refresh dead band, so no value moved and the plan's predictions
 * stayed 20-25% high after any number of refreshes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, refreshDurations, type RefreshOptions } from '../src/core/refresh.js';
import { learnTestPace, MIN_PACE_SECONDS, PACE_BAND } from '../src/core/testPace.js';
import { pacedTimings } from '../src/core/timings.js';
import type { MappedCase, NodeId } from '../src/core/types.js';
import { formatDurations, parseDurations } from '../src/formats/durations.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('learnTestPace', () => {
  const pairs = (n: number, measured: number, stored: number): [number, number][] => Array.from({ length: n }, () => [measured, stored]);
  it.each([
    ['no measurement, none stored', [], undefined, { change: 'none' }],
    ['no measurement keeps the stored pace', [], 0.8, { testPace: 0.8, change: 'unchanged' }],
    ['too little measured time to learn from', pairs(10, 0.04, 0.05), undefined, { change: 'none' }],
    ['shards at 0.8 x: learned', pairs(100, 0.04, 0.05), undefined, { testPace: 0.8, change: 'added' }],
    ['shards at 1.5 x: learned', pairs(100, 0.075, 0.05), undefined, { testPace: 1.5, change: 'added' }],
    ['within the band of 1: nothing stored', pairs(100, 0.051, 0.05), undefined, { change: 'none' }],
    ['within the band of the stored pace: kept as stored', pairs(100, 0.041, 0.05), 0.8, { testPace: 0.8, change: 'unchanged' }],
    ['moved beyond the band: updated', pairs(100, 0.03, 0.05), 0.8, { testPace: 0.6, change: 'updated' }],
    ['back to the stored seconds: removed', pairs(100, 0.05, 0.05), 0.8, { change: 'removed' }],
    ['tests stored as 0 s carry no pace', [...pairs(100, 0.04, 0.05), ...pairs(50, 1, 0)], undefined, { testPace: 0.8, change: 'added' }],
  ])('%s', (_name, p, stored, expected) => {
    expect(learnTestPace(p, stored)).toEqual(expected);
  });
  it('the constants are what the table assumes', () => {
    expect(MIN_PACE_SECONDS).toBeGreaterThan(10 * 0.04);
    expect(MIN_PACE_SECONDS).toBeLessThan(100 * 0.04);
    expect(PACE_BAND).toBeLessThan(0.2);
  });
});

/** Two shards of 100 short tests (0.05 s stored: inside the 0.1 s dead band) in 10 files each. */
const ids = (shard: number): NodeId[] => Array.from({ length: 100 }, (_, i) => `tests/test_s${shard}_${Math.floor(i / 10)}.py::test_${i}`);
const STORED = new Map<NodeId, number>([...ids(1), ...ids(2)].map((id) => [id, 0.05]));
const OPTIONS: RefreshOptions = {
  smoothing: 'pace',
  alpha: DEFAULT_ALPHA,
  minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
  minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
};
function run(factor1: number, factor2: number): MappedCase[] {
  return [1, 2].flatMap((shard) =>
    ids(shard).map((id, i) => ({
      id,
      time: 0.05 * (shard === 1 ? factor1 : factor2) * (1 + ((i % 5) - 2) / 100),
      outcome: 'passed' as const,
      report: shard - 1,
    })),
  );
}

describe('refresh learns the pace when every shard moved inside the dead band', () => {
  it.each([
    ['both shards at 0.8 x', 0.8, 0.8, 0.8],
    ['both shards at 1.3 x', 1.3, 1.3, 1.3],
    ['one shard 3 x slow (runner noise), the other as stored', 3, 1, undefined],
    ['both as stored', 1, 1, undefined],
  ])('%s', (_name, f1, f2, pace) => {
    const r = refreshDurations(STORED, run(f1, f2), OPTIONS);
    expect(r.updated).toEqual([]);
    if (pace === undefined) {
      expect(r.testPace).toBeUndefined();
      expect(r.changed).toBe(false);
    } else {
      expect(r.testPace).toBeCloseTo(pace, 2);
      expect(r.testPaceChange).toBe('added');
      expect(r.changed).toBe(true);
    }
  });
  it('ema and replace keep the stored pace (they cannot tell a slow runner from a shift)', () => {
    for (const smoothing of ['ema', 'replace'] as const) {
      const r = refreshDurations(STORED, run(0.8, 0.8), { ...OPTIONS, smoothing, storedTestPace: 0.9 });
      expect([r.testPace, r.testPaceChange]).toEqual([0.9, 'unchanged']);
    }
  });
  it('a test that moved beyond the band is stored as measured; the pace makes the sums right', () => {
    const cases = run(0.8, 0.8).map((c) => (c.id === ids(1)[0] ? { ...c, time: 2 } : c));
    const r = refreshDurations(STORED, cases, OPTIONS);
    expect(r.updated).toEqual([ids(1)[0]]);
    expect(r.timings.get(ids(1)[0] as string)).toBe(2);
    // Between 0.8 (the short tests) and 1 (the updated one), weighted by seconds: the paced sum is what ran.
    const measured = cases.reduce((a, c) => a + c.time, 0);
    const paced = [...r.timings.values()].reduce((a, s) => a + s, 0) * (r.testPace ?? 1);
    expect(r.testPace).toBeGreaterThan(0.8);
    expect(r.testPace).toBeLessThan(0.9);
    expect(paced).toBeCloseTo(measured, 1);
  });
});

describe('the durations file keeps the pace and planning applies it', () => {
  it('round-trips as a plain number key that pytest-split ignores', () => {
    const text = formatDurations(new Map([['tests/test_a.py::test_x', 0.5]]), undefined, 0.812);
    expect(JSON.parse(text)).toEqual({ '__split_plan__::test_pace': 0.812, 'tests/test_a.py::test_x': 0.5 });
    const file = parseDurations(text, 'd.json');
    expect(file.testPace).toBe(0.812);
    expect([...file.timings]).toEqual([['tests/test_a.py::test_x', 0.5]]);
    expect(formatDurations(file.timings, undefined, file.testPace)).toBe(text);
    expect(formatDurations(file.timings, undefined, 1)).not.toContain('test_pace');
  });
  it('a pace of 0 is no pace; a negative one is an error naming the file', () => {
    const text = (pace: number): string => JSON.stringify({ '__split_plan__::test_pace': pace, 'tests/test_a.py::test_x': 0.5 });
    expect(parseDurations(text(0), 'd.json').testPace).toBeUndefined();
    expect(() => parseDurations(text(-1), 'd.json')).toThrow(/^d\.json: .*test_pace.* got -1$/);
  });
  it('pacedTimings multiplies every value, and pace 1 or none is the same map', () => {
    const t = new Map([
      ['a.py::x', 1],
      ['b.py::y', 0.25],
    ]);
    expect([...pacedTimings(t, 0.5)]).toEqual([
      ['a.py::x', 0.5],
      ['b.py::y', 0.125],
    ]);
    expect(pacedTimings(t, 1)).toBe(t);
    expect(pacedTimings(t, undefined)).toBe(t);
  });
  it('split-plan plans and refreshes with it end to end (dist/cli.js)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-pace-'));
    try {
      const stored = Object.fromEntries([...STORED].map(([id, s]) => [id, s * 20]));
      writeFileSync(join(dir, 'plain.json'), JSON.stringify(stored));
      writeFileSync(join(dir, 'paced.json'), JSON.stringify({ ...stored, '__split_plan__::test_pace': 0.5 }));
      const predicted = (file: string): number[] => {
        const r = spawnSync(process.execPath, [CLI, '--durations', file, '--splits', '2', '--json', '-'], { cwd: dir, encoding: 'utf8' });
        expect(r.status).toBe(0);
        return (JSON.parse(r.stdout) as { shards: { predictedSeconds: number }[] }).shards.map((s) => s.predictedSeconds);
      };
      const plain = predicted('plain.json');
      const paced = predicted('paced.json');
      expect(plain.map((s) => s / 2)).toEqual(paced.map((s) => expect.closeTo(s, 1)));
      expect(paced[0]).toBeLessThan((plain[0] as number) * 0.6);

      // A refresh from shard reports that ran every test at 0.8 x writes the pace.
      const junit = (shard: number): string =>
        `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="100" time="${(100 * 0.8).toFixed(3)}">` +
        ids(shard)
          .map((id) => {
            const [file, name] = id.split('::') as [string, string];
            return `<testcase classname="${file.replace(/\.py$/, '').replaceAll('/', '.')}" name="${name}" time="0.800"/>`;
          })
          .join('') +
        '</testsuite></testsuites>';
      writeFileSync(join(dir, 'r1.xml'), junit(1));
      writeFileSync(join(dir, 'r2.xml'), junit(2));
      const r = spawnSync(process.execPath, [CLI, 'refresh', '--durations', 'plain.json', '--junit', 'r1.xml', '--junit', 'r2.xml'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/test pace added: the shards ran their tests at 0\.800 x/);
      const after = JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')) as Record<string, number>;
      expect(after['__split_plan__::test_pace']).toBe(0.8);
      expect(after[ids(1)[0] as string]).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

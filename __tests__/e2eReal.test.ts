/**
 * The pieces of `npm run e2e:real` (scripts/e2eReal.ts) that decide its verdicts: the exactly-once
 * count from JUnit reports alone, the greedy test-level baseline, and its usage errors. The run
 * itself (real libcst shards) is `npm run e2e:real:short` in `npm test`.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { greedySplit } from '../scripts/lib/greedySplit.js';
import { exactlyOnce, junitKeyOf, parseJUnitReport, type JUnitReport } from '../scripts/lib/junitCount.js';
import { fixturePath, repoRoot as REPO } from './helpers/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath('xdist', name), 'utf8');
const collected = fixture('collected.txt')
  .split('\n')
  .filter((l) => l !== '');

describe('junitKeyOf and exactlyOnce against real pytest reports', () => {
  it.each(['plain.xml', 'xdist-n2.xml'])('every collected test of the fixture suite is in %s exactly once', (name) => {
    const report = parseJUnitReport(fixture(name));
    expect(report.cases).toHaveLength(collected.length);
    expect(new Set(report.cases.map((c) => c.key))).toEqual(new Set(collected.map(junitKeyOf)));
    expect(exactlyOnce(collected, [report])).toEqual({ lost: [], doubled: [], unexpected: [], ok: true });
    expect(report.sessionSeconds).toBeGreaterThan(report.cases.reduce((a, c) => a + c.seconds, 0));
  });

  it.each([
    ['tests/test_a.py::test_x', 'tests.test_a\u0000test_x'],
    ['tests/test_a.py::TestC::Inner::test_x', 'tests.test_a.TestC.Inner\u0000test_x'],
    ['test_gamma.py::test_word[e[f]]', 'test_gamma\u0000test_word[e[f]]'],
    ['a.py::test_p[x::y/z.py]', 'a\u0000test_p[x::y/z.py]'],
  ])('%s is (classname, name) %j', (id, key) => {
    expect(junitKeyOf(id)).toBe(key);
  });

  const plain = (): JUnitReport => parseJUnitReport(fixture('plain.xml'));
  const without = (r: JUnitReport, drop: (i: number) => boolean): JUnitReport => ({ ...r, cases: r.cases.filter((_, i) => !drop(i)) });

  it('counts lost, doubled and unexpected tests across shards', () => {
    const a = without(plain(), (i) => i % 2 === 1);
    const b = without(plain(), (i) => i % 2 === 0);
    expect(exactlyOnce(collected, [a, b]).ok).toBe(true);
    const lost = exactlyOnce(collected, [a]);
    expect(lost.lost).toHaveLength(collected.length - a.cases.length);
    expect(lost.ok).toBe(false);
    const doubled = exactlyOnce(collected, [a, b, without(plain(), (i) => i !== 0)]);
    expect(doubled.doubled).toEqual([collected.find((id) => junitKeyOf(id) === plain().cases[0]?.key)]);
    const stray = exactlyOnce(collected, [plain(), { sessionSeconds: 1, cases: [{ key: '\u0000libcst.tests.test_fuzz', seconds: 0 }] }]);
    expect(stray.unexpected).toEqual(['::libcst.tests.test_fuzz']);
    expect(stray.ok).toBe(false);
  });

  it('a test reported twice inside one report (a failure and a teardown error) ran once', () => {
    const r = plain();
    const twice = { ...r, cases: [...r.cases, r.cases[0] as JUnitReport['cases'][number]] };
    expect(exactlyOnce(collected, [twice]).ok).toBe(true);
  });
});

describe('greedySplit: the test-level greedy baseline', () => {
  it.each([
    // ids in collection order, durations, N, expected shards
    [
      ['a', 'b', 'c', 'd', 'e'],
      { a: 5, b: 4, c: 3, d: 3, e: 3 },
      2,
      [
        ['a', 'd'],
        ['b', 'c', 'e'],
      ],
    ],
    [['a', 'b', 'c'], { a: 1, b: 1, c: 1 }, 2, [['a', 'c'], ['b']]],
    // unknown tests count as the average of the known ones (4 s): x and y
    [
      ['x', 'a', 'b', 'y'],
      { a: 6, b: 2 },
      2,
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
    ],
    [['a', 'b'], {}, 3, [['a'], ['b'], []]],
  ])('%j with %j over %i shards', (ids, durations, n, expected) => {
    const shards = greedySplit(ids, new Map(Object.entries(durations)), n);
    expect(shards.map((s) => s.tests)).toEqual(expected);
  });

  it('partitions the tests, keeps collection order, is deterministic and within the LPT bound', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (ids, times, n) => {
          const durations = new Map<string, number>();
          ids.forEach((id, i) => {
            const t = times[i];
            if (t !== undefined) durations.set(id, t);
          });
          const shards = greedySplit(ids, durations, n);
          expect(shards).toHaveLength(n);
          expect(shards.flatMap((s) => s.tests).sort()).toEqual(ids.slice().sort());
          for (const s of shards) expect(s.tests).toEqual(ids.filter((id) => s.tests.includes(id)));
          expect(greedySplit(ids, durations, n)).toEqual(shards);
          const total = shards.reduce((a, s) => a + s.seconds, 0);
          const longest = Math.max(...ids.map((id) => durations.get(id) ?? 0), total / ids.length);
          expect(Math.max(...shards.map((s) => s.seconds))).toBeLessThanOrEqual(total / n + longest + 1e-6);
        },
      ),
    );
  });
});

describe('npm run e2e:real usage errors', () => {
  it.each([
    [['--n', '0'], /--n must be a comma list of integers from 1 to 16, got "0"/],
    [['--tests', '../etc'], /--tests must be libcst or a path under it/],
    [['--repeat', '0'], /--repeat must be an integer from 1 to 9, got "0"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j exits 2 with one line', (args, message) => {
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO, 'scripts', 'e2eReal.ts'), ...args], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('npm run e2e:real:replay (scripts/replayRefresh.ts)', () => {
  const replay = (args: string[]) =>
    spawnSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO, 'scripts', 'replayRefresh.ts'), ...args], {
      encoding: 'utf8',
    });

  it.each([
    [[], /--work is required/],
    [['--work', join(REPO, 'no-such-dir')], /--work must hold serial.durations/],
    [['--work', '.', '--mode', 'x'], /--mode must be plain or xdist, got "x"/],
  ])('%j exits 2 with one line', (args, message) => {
    const r = replay(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('replays a work directory: round 1 learned, round 2 predicted (the pace fixture as both rounds)', () => {
    // fixtures/pace holds round 1 of a real N = 4 run; round 2 here is the same reports again, so
    // the figures are the refresh's fit to what it learned from: within 5% in all.
    const work = mkdtempSync(join(tmpdir(), 'replay-'));
    try {
      const pace = (name: string): Buffer => gunzipSync(readFileSync(fixturePath('pace', name)));
      writeFileSync(join(work, 'serial.durations'), pace('libcst-serial.test_durations.gz'));
      for (const round of [1, 2]) {
        mkdirSync(join(work, `plain-n4-r${round}`));
        for (let k = 1; k <= 4; k++) writeFileSync(join(work, `plain-n4-r${round}`, `ours-${k}.xml`), pace(`libcst-n4-shard${k}.xml.gz`));
      }
      const r = replay(['--work', work]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/plain N=4: refreshed from round 1 \(\d+ updated, test pace 0\.\d+\)/);
      const summary = /4 shard runs: mean \|error\| ([\d.]+)%/.exec(r.stdout);
      expect(Number(summary?.[1])).toBeLessThan(5);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

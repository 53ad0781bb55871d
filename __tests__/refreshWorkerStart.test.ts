/**
 * What `refresh` learns from pytest-xdist reports and keeps in the durations file: the worker
 * start-up (core/refresh.ts refreshWorkerStart, formats/durations.ts), and how a plan from the file
 * uses it (app/plan.ts chooseWorkerStart). Pure: no pytest here (refreshXdistCli.test.ts runs it).
 */
import { describe, expect, it } from '@jest/globals';
import { chooseWorkerStart } from '../src/app/plan.js';
import { spreadSeconds } from '../src/core/costModel.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, refreshDurations, type RefreshOptions } from '../src/core/refresh.js';
import type { MappedCase, OverheadModel } from '../src/core/types.js';
import type { ParallelSample, StoredWorkerStart } from '../src/core/xdist.js';
import { formatDurations, parseDurations } from '../src/formats/durations.js';
import { formatRefreshSummary } from '../src/action/jobSummary.js';
import { formatRefreshReport } from '../src/render/refresh.js';

const OPTS: RefreshOptions = {
  smoothing: 'pace',
  alpha: DEFAULT_ALPHA,
  minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
  minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
};

/** A session of an xdist run: `start` s of worker start-up, `perFile` s per file, its tests spread over `workers` (the model itself). */
const sample = (files: number, cases: number[], start: number, opts: { perFile?: number; workers?: number; report?: number } = {}): ParallelSample => ({
  suiteSeconds: start + (opts.perFile ?? 0) * files + spreadSeconds(cases, opts.workers ?? 2),
  caseSeconds: cases,
  files,
  ...(opts.report !== undefined ? { report: opts.report } : {}),
});

const refresh = (samples: ParallelSample[], opts: Partial<RefreshOptions> = {}, cases: MappedCase[] = []) =>
  refreshDurations(new Map(), cases, { ...OPTS, parallelSamples: samples, ...opts });

describe('refresh learns the worker start-up from xdist reports', () => {
  const two = [sample(4, [1, 1, 2], 3), sample(6, [2, 2], 3.4)];
  it.each<[string, ParallelSample[], Partial<RefreshOptions>, StoredWorkerStart | undefined, string, boolean]>([
    ['no stored value: the median over the reports is added, with K', two, { workers: 2 }, { workerStartSeconds: 3.2, workers: 2 }, 'added', true],
    ['K = 3: the tests are spread over 3', [sample(4, [1, 1, 2], 2.5, { workers: 3 })], { workers: 3 }, { workerStartSeconds: 2.5, workers: 3 }, 'added', true],
    [
      'a stored overhead model: its collection per file and its fixed part beyond start-up are not the workers',
      [sample(10, [1, 1, 2], 2, { perFile: 0.1 })],
      { workers: 2, storedOverhead: { fixedSeconds: 0.8, perFileSeconds: 0.1, source: 'stored', samples: 2 } },
      { workerStartSeconds: 2 - (0.8 - 0.3), workers: 2 },
      'added',
      true,
    ],
    [
      'within the dead band (20%): kept, the file stays',
      two,
      { workers: 2, storedWorkerStart: { workerStartSeconds: 3, workers: 2 } },
      { workerStartSeconds: 3, workers: 2 },
      'unchanged',
      false,
    ],
    [
      'outside the band: taken (pace)',
      two,
      { workers: 2, storedWorkerStart: { workerStartSeconds: 2, workers: 2 } },
      { workerStartSeconds: 3.2, workers: 2 },
      'updated',
      true,
    ],
    [
      'outside the band with ema: halfway',
      two,
      { workers: 2, smoothing: 'ema', storedWorkerStart: { workerStartSeconds: 2, workers: 2 } },
      { workerStartSeconds: 2.6, workers: 2 },
      'updated',
      true,
    ],
    [
      'stored for another K: replaced, even inside the band',
      two,
      { workers: 2, storedWorkerStart: { workerStartSeconds: 3.1, workers: 4 } },
      { workerStartSeconds: 3.2, workers: 2 },
      'updated',
      true,
    ],
    ['no worker count: nothing learned', two, {}, undefined, 'none', false],
    [
      'no worker count: a stored value stays',
      two,
      { storedWorkerStart: { workerStartSeconds: 1, workers: 2 } },
      { workerStartSeconds: 1, workers: 2 },
      'unchanged',
      false,
    ],
    [
      'no xdist reports: a stored value stays',
      [],
      { workers: 2, storedWorkerStart: { workerStartSeconds: 1, workers: 2 } },
      { workerStartSeconds: 1, workers: 2 },
      'unchanged',
      false,
    ],
    ['no xdist reports, nothing stored: nothing', [], { workers: 2 }, undefined, 'none', false],
  ])('%s', (_why, samples, opts, expected, change, changed) => {
    const r = refresh(samples, opts);
    expect(r.workerStartChange).toBe(change);
    if (expected === undefined) expect(r.workerStart).toBeUndefined();
    else {
      expect(r.workerStart?.workers).toBe(expected.workers);
      expect(r.workerStart?.workerStartSeconds).toBeCloseTo(expected.workerStartSeconds, 3);
    }
    expect(r.changed).toBe(changed);
  });

  it('tells when xdist reports came without the worker count', () => {
    expect(refresh(two).xdistWithoutWorkers).toBe(2);
    expect(refresh(two, { workers: 1 }).xdistWithoutWorkers).toBe(2);
    expect(refresh(two, { workers: 2 }).xdistWithoutWorkers).toBeUndefined();
    expect(refresh([]).xdistWithoutWorkers).toBeUndefined();
  });

  it('is deterministic: the reports in any order give the same value', () => {
    const three = [...two, sample(5, [0.5, 0.5, 3], 5)];
    const values = [three, [...three].reverse(), [three[1], three[2], three[0]] as ParallelSample[]].map((s) => refresh(s, { workers: 2 }).workerStart);
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
    expect(values[0]?.workerStartSeconds).toBe(3.4);
  });

  // Report 0's machine ran every test 2x the stored seconds, report 1's at them: report 0's
  // factor is 2 (core/pace.ts), and its session is halved before the worker start-up is learned.
  const stored = new Map<string, number>();
  const cases: MappedCase[] = [];
  for (const [report, pace] of [
    [0, 2],
    [1, 1],
  ] as const) {
    for (const f of ['a', 'b', 'c']) {
      const id = `tests/test_${f}${report}.py::test_one`;
      stored.set(id, 1);
      cases.push({ id, time: pace, outcome: 'passed', report });
    }
  }
  const paced = [
    { suiteSeconds: 2 * (3 + spreadSeconds([1, 1, 1], 2)), caseSeconds: [2, 2, 2], files: 3, report: 0 },
    { suiteSeconds: 3 + spreadSeconds([1, 1, 1], 2), caseSeconds: [1, 1, 1], files: 3, report: 1 },
  ];
  it.each([
    ['pace: each report divided by its factor first, the slow machine teaches the same 3 s', 'pace' as const, 3],
    ['replace: the raw sessions, the slow one doubles its part', 'replace' as const, (3 + 6) / 2],
  ])('%s', (_why, smoothing, expected) => {
    const r = refreshDurations(stored, cases, { ...OPTS, smoothing, workers: 2, parallelSamples: paced });
    expect(r.workerStart?.workerStartSeconds).toBeCloseTo(expected, 3);
  });
});

describe('the durations file keeps it under reserved keys', () => {
  const timings = new Map([
    ['tests/test_a.py::test_x', 0.5],
    ['tests/test_b.py::test_y', 1.25],
  ]);
  const overhead: OverheadModel = { fixedSeconds: 0.8, perFileSeconds: 0.0123, source: 'junit', samples: 3 };

  it.each<[string, StoredWorkerStart | undefined, OverheadModel | undefined, number | undefined]>([
    ['alone', { workerStartSeconds: 4.217, workers: 2 }, undefined, undefined],
    ['beside the overhead and the test pace', { workerStartSeconds: 0, workers: 8 }, overhead, 0.9],
    ['none', undefined, overhead, undefined],
  ])('round trip: %s', (_why, workerStart, o, pace) => {
    const text = formatDurations(timings, o, pace, workerStart);
    const file = parseDurations(text, 'f');
    expect(file.workerStart).toEqual(workerStart);
    expect(Object.fromEntries(file.timings)).toEqual(Object.fromEntries(timings));
    expect(formatDurations(file.timings, file.overhead, file.testPace, file.workerStart)).toBe(text);
    // pytest-split reads it as a flat object of numbers, sorted.
    const json = JSON.parse(text) as Record<string, number>;
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
    if (workerStart) {
      expect(json['__split_plan__::worker_start_seconds']).toBe(workerStart.workerStartSeconds);
      expect(json['__split_plan__::worker_start_workers']).toBe(workerStart.workers);
    } else expect(text).not.toContain('worker_start');
  });

  it.each([
    ['seconds without the worker count', { '__split_plan__::worker_start_seconds': 3 }],
    ['a worker count below 2', { '__split_plan__::worker_start_seconds': 3, '__split_plan__::worker_start_workers': 1 }],
    ['a fractional worker count', { '__split_plan__::worker_start_seconds': 3, '__split_plan__::worker_start_workers': 2.5 }],
  ])('not used: %s (and never a test)', (_why, meta) => {
    const file = parseDurations(JSON.stringify({ 'tests/test_a.py::test_x': 1, ...meta }), 'f');
    expect(file.workerStart).toBeUndefined();
    expect([...file.timings.keys()]).toEqual(['tests/test_a.py::test_x']);
  });
});

describe('a plan uses it: flag > learned from given xdist reports > stored for the same K > default', () => {
  const overhead: OverheadModel = { fixedSeconds: 1, perFileSeconds: 0.1, source: 'stored', samples: 2 };
  const stored: StoredWorkerStart = { workerStartSeconds: 5, workers: 2 };
  const xdist = [sample(10, [1, 1, 2], 3 + (1 - 0.3), { perFile: 0.1 })];
  it.each([
    ['the flag wins over everything', { workers: 2, workerStartup: 4 }, { stored: overhead, storedWorkerStart: stored, parallelSamples: xdist }, 4],
    ['xdist reports given at plan time win over the stored value', { workers: 2 }, { stored: overhead, storedWorkerStart: stored, parallelSamples: xdist }, 3],
    ['the stored value, planning from the durations file alone', { workers: 2 }, { stored: overhead, storedWorkerStart: stored }, 5],
    ['the stored value without a stored overhead', { workers: 2 }, { storedWorkerStart: stored }, 5],
    ['stored for another K: the default', { workers: 3 }, { stored: overhead, storedWorkerStart: stored }, 0.3 + 0.4],
    ['one worker: none', { workers: 1 }, { stored: overhead, storedWorkerStart: stored }, undefined],
  ] as const)('%s', (_why, req, loaded, expected) => {
    const o = chooseWorkerStart(req, loaded, overhead);
    expect(o.workerStartSeconds === undefined ? undefined : Math.round(o.workerStartSeconds * 1e9) / 1e9).toBe(expected);
  });
});

describe('the refresh report and the Action summary say so', () => {
  const two = [sample(4, [1, 1, 2], 3), sample(6, [2, 2], 3.4)];
  it.each<[string, Partial<RefreshOptions>, RegExp | undefined]>([
    ['added', { workers: 2 }, /^worker start-up added: 3\.20 s per shard to bring up 2 pytest-xdist workers \(plans with 2 workers use it\)$/m],
    ['updated', { workers: 2, storedWorkerStart: { workerStartSeconds: 1, workers: 2 } }, /^worker start-up updated: 3\.20 s per shard/m],
    ['unchanged: no line', { workers: 2, storedWorkerStart: { workerStartSeconds: 3.1, workers: 2 } }, undefined],
    ['no worker count: how to learn it', {}, /^2 report\(s\) of pytest-xdist runs: give the workers the shards ran with \(--workers/m],
  ])('%s', (_why, opts, line) => {
    const r = refresh(two, opts);
    const text = formatRefreshReport(r, { path: '.test_durations', wrote: r.changed });
    const summary = formatRefreshSummary(r, { target: '.test_durations', wrote: r.changed, unmapped: [] });
    if (line === undefined) {
      expect(text).not.toMatch(/worker start-up|pytest-xdist/);
      expect(summary).not.toMatch(/worker start-up|pytest-xdist/);
    } else {
      expect(text).toMatch(line);
      expect(summary).toMatch(line);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { learnOverhead, type OverheadSample } from '../src/core/overhead.js';
import {
  DEFAULT_ALPHA,
  DEFAULT_MIN_CHANGE_RATIO,
  DEFAULT_MIN_CHANGE_SECONDS,
  refreshDurations,
  type RefreshOptions,
  type RefreshResult,
} from '../src/core/refresh.js';
import { formatRefreshReport } from '../src/render/refresh.js';
import type { MappedCase, NodeId, Outcome as OutcomeLike, OverheadModel } from '../src/core/types.js';
import { formatDurations } from '../src/formats/durations.js';

const DEFAULTS: RefreshOptions = {
  smoothing: 'ema',
  alpha: DEFAULT_ALPHA,
  minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
  minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
};

const mc = (id: NodeId, time: number, outcome: OutcomeLike = 'passed', report = 0): MappedCase => ({ id, time, outcome, report });
const run = (stored: Record<string, number>, cases: MappedCase[], opts: Partial<RefreshOptions> = {}): RefreshResult =>
  refreshDurations(new Map(Object.entries(stored)), cases, { ...DEFAULTS, ...opts });
const obj = (m: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries(m);

describe('refreshDurations: one id at a time', () => {
  it.each<[string, Record<string, number>, MappedCase[], Partial<RefreshOptions>, Record<string, number>, Partial<RefreshResult>]>([
    ['a new test takes its measurement as is, rounded to ms', {}, [mc('a', 1.23456)], {}, { a: 1.235 }, { added: ['a'] }],
    ['ema: halfway to the measurement (alpha 0.5)', { a: 2 }, [mc('a', 4)], {}, { a: 3 }, { updated: ['a'] }],
    ['ema: alpha 0.3', { a: 2 }, [mc('a', 4)], { alpha: 0.3 }, { a: 2.6 }, { updated: ['a'] }],
    ['ema downwards', { a: 4 }, [mc('a', 1)], {}, { a: 2.5 }, { updated: ['a'] }],
    ['replace: the measurement', { a: 2 }, [mc('a', 4)], { smoothing: 'replace' }, { a: 4 }, { updated: ['a'] }],
    ['dead band, absolute floor: 0.05 -> 0.12 stays', { a: 0.05 }, [mc('a', 0.12)], {}, { a: 0.05 }, { unchanged: 1, notMeasured: 0 }],
    ['dead band, relative: 10 -> 11.9 stays', { a: 10 }, [mc('a', 11.9)], {}, { a: 10 }, { unchanged: 1 }],
    ['just outside the band: 10 -> 12.5 moves halfway', { a: 10 }, [mc('a', 12.5)], {}, { a: 11.25 }, { updated: ['a'] }],
    [
      'no band: a change below 1 ms is still no change',
      { a: 1 },
      [mc('a', 1.0004)],
      { minChangeSeconds: 0, minChangeRatio: 0, smoothing: 'replace' },
      { a: 1 },
      { unchanged: 1 },
    ],
    [
      'no band: a 2 ms change is one',
      { a: 1 },
      [mc('a', 1.002)],
      { minChangeSeconds: 0, minChangeRatio: 0, smoothing: 'replace' },
      { a: 1.002 },
      { updated: ['a'] },
    ],
    ['a skip never overwrites a real timing', { a: 5 }, [mc('a', 0.001, 'skipped')], {}, { a: 5 }, { unchanged: 1, notMeasured: 1 }],
    ['a setup error never overwrites a real timing', { a: 5 }, [mc('a', 0, 'error')], {}, { a: 5 }, { unchanged: 1, notMeasured: 1 }],
    ['a failed run is a measurement', { a: 5 }, [mc('a', 1, 'failed')], {}, { a: 3 }, { updated: ['a'] }],
    ['skipped without a stored value: nothing stored', {}, [mc('a', 0.001, 'skipped')], {}, {}, { unrecorded: ['a'] }],
    ['rerun in one report: the mean of its attempts', {}, [mc('a', 1, 'failed'), mc('a', 3)], {}, { a: 2 }, { added: ['a'] }],
    ['rerun: skipped and error attempts do not count', {}, [mc('a', 0, 'skipped'), mc('a', 4), mc('a', 0, 'error')], {}, { a: 4 }, { added: ['a'] }],
    [
      'the same id in two reports: the mean',
      { a: 1 },
      [mc('a', 2, 'passed', 0), mc('a', 4, 'passed', 1)],
      { smoothing: 'replace' },
      { a: 3 },
      { updated: ['a'] },
    ],
    ['a test not run keeps its value', { a: 1, b: 2 }, [mc('a', 1)], {}, { a: 1, b: 2 }, { unchanged: 2, notMeasured: 1 }],
    ['without collected or complete run nothing is removed', { a: 1, gone: 2 }, [mc('a', 1)], {}, { a: 1, gone: 2 }, { removed: [] }],
  ])('%s', (_name, stored, cases, opts, timings, expected) => {
    const r = run(stored, cases, opts);
    expect(obj(r.timings)).toEqual(timings);
    expect(r).toMatchObject(expected);
    expect(r.changed).toBe(r.added.length + r.updated.length + r.removed.length > 0);
  });
});

describe('refreshDurations: removal', () => {
  const stored = { 'a.py::t1': 1, 'a.py::t2': 2, 'b.py::t': 3, 'opt.py::t': 4 };
  it.each<[string, MappedCase[], Partial<RefreshOptions>, string[], string[], string[]]>([
    // name, cases, opts, kept keys, removed, ignored
    ['collected: stored ids it lacks go', [mc('a.py::t1', 1)], { collected: ['a.py::t1', 'a.py::t2'] }, ['a.py::t1', 'a.py::t2'], ['b.py::t', 'opt.py::t'], []],
    [
      'collected: measured ids it lacks are ignored',
      [mc('new.py::t', 1)],
      { collected: ['a.py::t1', 'a.py::t2', 'b.py::t', 'opt.py::t'] },
      Object.keys(stored),
      [],
      ['new.py::t'],
    ],
    [
      'collected: a measured id it lacks is removed, not refreshed',
      [mc('b.py::t', 9)],
      { collected: ['a.py::t1', 'a.py::t2', 'opt.py::t'] },
      ['a.py::t1', 'a.py::t2', 'opt.py::t'],
      ['b.py::t'],
      [],
    ],
    [
      'complete run: ids no report names go; skipped ones stay',
      [mc('a.py::t1', 1), mc('a.py::t2', 0, 'skipped'), mc('opt.py::t', 0, 'error')],
      { completeRun: true },
      ['a.py::t1', 'a.py::t2', 'opt.py::t'],
      ['b.py::t'],
      [],
    ],
    [
      'complete run: a module skipped at collection keeps its tests',
      [mc('a.py::t1', 1), mc('a.py::t2', 2)],
      { completeRun: true, uncollectedModules: ['opt'] },
      ['a.py::t1', 'a.py::t2', 'opt.py::t'],
      ['b.py::t'],
      [],
    ],
    [
      'collected wins over complete run',
      [mc('a.py::t1', 1)],
      { collected: ['b.py::t'], completeRun: true },
      ['b.py::t'],
      ['a.py::t1', 'a.py::t2', 'opt.py::t'],
      [],
    ],
  ])('%s', (_name, cases, opts, kept, removed, ignored) => {
    const r = run(stored, cases, opts);
    expect([...r.timings.keys()]).toEqual(kept);
    expect(r.removed).toEqual(removed);
    expect(r.ignored).toEqual(ignored);
    expect(r.changed).toBe(removed.length > 0);
  });
});

describe('refreshDurations: overhead', () => {
  // Two shards: 2 files with 1.3 s beyond their tests, 4 files with 2.3 s: 0.5 s/file + 0.3 s fixed.
  const samples: OverheadSample[] = [
    { suiteSeconds: 5.3, testSeconds: 4, files: 2 },
    { suiteSeconds: 6.3, testSeconds: 4, files: 4 },
  ];
  const learned = learnOverhead(samples) as OverheadModel;
  const stored = (fixed: number, perFile: number, n = 4): OverheadModel => ({ fixedSeconds: fixed, perFileSeconds: perFile, source: 'stored', samples: n });
  it.each<[string, OverheadModel | undefined, OverheadSample[], Partial<RefreshOptions>, string, Partial<OverheadModel> | undefined]>([
    ['nothing stored, nothing learned', undefined, [], {}, 'none', undefined],
    [
      'learned, nothing stored: stored as learned',
      undefined,
      samples,
      {},
      'added',
      { fixedSeconds: learned.fixedSeconds, perFileSeconds: learned.perFileSeconds, samples: 2 },
    ],
    ['stored, nothing learned: kept', stored(1, 0.1), [], {}, 'unchanged', { fixedSeconds: 1, perFileSeconds: 0.1, samples: 4 }],
    [
      'within the band: kept (samples too)',
      stored(learned.fixedSeconds + 0.05, learned.perFileSeconds),
      samples,
      {},
      'unchanged',
      { perFileSeconds: learned.perFileSeconds, samples: 4 },
    ],
    [
      'beyond the band: ema blend, samples add up',
      stored(2.3, 0.1),
      samples,
      {},
      'updated',
      { fixedSeconds: (2.3 + learned.fixedSeconds) / 2, perFileSeconds: (0.1 + learned.perFileSeconds) / 2, samples: 6 },
    ],
    [
      'replace: the learned model',
      stored(2.3, 0.1),
      samples,
      { smoothing: 'replace' },
      'updated',
      { fixedSeconds: learned.fixedSeconds, perFileSeconds: learned.perFileSeconds, samples: 6 },
    ],
  ])('%s', (_name, storedOverhead, overheadSamples, opts, change, expected) => {
    const r = run({ a: 1 }, [], { ...opts, overheadSamples, ...(storedOverhead ? { storedOverhead } : {}) });
    expect(r.overheadChange).toBe(change);
    if (expected === undefined) expect(r.overhead).toBeUndefined();
    else {
      const o = r.overhead as OverheadModel;
      expect(o.samples).toBe(expected.samples);
      expect(o.perFileSeconds).toBeCloseTo(expected.perFileSeconds as number, 6);
      if (expected.fixedSeconds !== undefined) expect(o.fixedSeconds).toBeCloseTo(expected.fixedSeconds, 6);
    }
    expect(r.changed).toBe(change === 'added' || change === 'updated');
  });
});

describe('refreshDurations: invariants', () => {
  const ids = fc.constantFrom('a.py::t1', 'a.py::t2', 'a.py::C::t[x y]', 'b/c.py::t', 'd.py::t[1]', 'e.py::t');
  const outcome = fc.constantFrom<OutcomeLike>('passed', 'failed', 'skipped', 'error');
  const caseArb = fc.record({ id: ids, time: fc.double({ min: 0, max: 50, noNaN: true }), outcome, report: fc.nat(3) });
  const storedArb = fc.dictionary(ids, fc.double({ min: 0, max: 50, noNaN: true }));
  const optsArb = fc.record({
    smoothing: fc.constantFrom<'ema' | 'replace'>('ema', 'replace'),
    alpha: fc.double({ min: 0.05, max: 1, noNaN: true }),
    completeRun: fc.boolean(),
    collected: fc.option(fc.uniqueArray(ids), { nil: undefined }),
  });

  /** Deterministic shuffle driven by fast-check's random keys. */
  const shuffle = <T>(xs: readonly T[], keys: readonly number[]): T[] =>
    xs
      .map((x, i) => [keys[i % Math.max(1, keys.length)] ?? 0, i, x] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((t) => t[2]);

  it('same inputs in any order give the same bytes and the same report', () => {
    fc.assert(
      fc.property(
        storedArb,
        fc.array(caseArb, { maxLength: 30 }),
        optsArb,
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 30 }),
        (stored, cases, o, keys) => {
          const opts: RefreshOptions = {
            ...DEFAULTS,
            smoothing: o.smoothing,
            alpha: o.alpha,
            completeRun: o.completeRun,
            ...(o.collected ? { collected: o.collected } : {}),
          };
          const a = refreshDurations(new Map(Object.entries(stored)), cases, opts);
          const b = refreshDurations(new Map(shuffle(Object.entries(stored), keys)), shuffle(cases, keys), {
            ...opts,
            ...(opts.collected ? { collected: shuffle(opts.collected, keys) } : {}),
          });
          expect(formatDurations(b.timings, b.overhead)).toBe(formatDurations(a.timings, a.overhead));
          const { timings: _ta, ...restA } = a;
          const { timings: _tb, ...restB } = b;
          expect(restB).toEqual(restA);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips and errors never change a stored value; values stay >= 0; collected bounds the keys', () => {
    fc.assert(
      fc.property(storedArb, fc.array(caseArb, { maxLength: 30 }), optsArb, (stored, cases, o) => {
        const opts: RefreshOptions = {
          ...DEFAULTS,
          smoothing: o.smoothing,
          alpha: o.alpha,
          completeRun: o.completeRun,
          ...(o.collected ? { collected: o.collected } : {}),
        };
        const r = refreshDurations(new Map(Object.entries(stored)), cases, opts);
        const measured = new Set<string>(cases.filter((c) => c.outcome === 'passed' || c.outcome === 'failed').map((c) => c.id));
        for (const [id, s] of r.timings) {
          expect(s).toBeGreaterThanOrEqual(0);
          if (!measured.has(id)) expect(s).toBe(stored[id]);
          if (o.collected) expect((o.collected as readonly string[]).includes(id)).toBe(true);
        }
        expect(r.changed).toBe(r.added.length + r.updated.length + r.removed.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('replace is idempotent: the same run applied twice changes nothing the second time', () => {
    fc.assert(
      fc.property(storedArb, fc.array(caseArb, { maxLength: 30 }), (stored, cases) => {
        const opts: RefreshOptions = { ...DEFAULTS, smoothing: 'replace' };
        const once = refreshDurations(new Map(Object.entries(stored)), cases, opts);
        const twice = refreshDurations(once.timings, cases, opts);
        expect(twice.changed).toBe(false);
        expect(formatDurations(twice.timings)).toBe(formatDurations(once.timings));
      }),
      { numRuns: 200 },
    );
  });

  it('ema follows a lasting change until it is within the band, then the file stops changing', () => {
    let timings: ReadonlyMap<string, number> = new Map([['a', 1]]);
    const changes: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const r = refreshDurations(timings, [mc('a', 2)], DEFAULTS);
      changes.push(r.changed);
      timings = r.timings;
    }
    // 1 -> 1.5 -> 1.75; then |2 - 1.75| < 20% of 1.75, so it stays.
    expect(changes).toEqual([true, true, false, false, false, false]);
    expect(timings.get('a')).toBe(1.75);
  });

  it('ema resists one noisy run: a 3x outlier stores 2x, and normal runs pull it back', () => {
    let timings: ReadonlyMap<string, number> = new Map([['a', 1]]);
    const stored: number[] = [];
    for (const measured of [3, 1, 1, 1, 1]) {
      timings = refreshDurations(timings, [mc('a', measured)], DEFAULTS).timings;
      stored.push(timings.get('a') as number);
    }
    expect(stored).toEqual([2, 1.5, 1.25, 1.125, 1.125]);
  });
});

describe('refreshDurations (pace): a shard too small to have a pace', () => {
  // Report 0: three files of two 1 s tests each, run at its stored pace (it has a pace). Report 1:
  // one file with one 10 s test (no pace: one file is too little evidence).
  const stored: Record<string, number> = { 'lone.py::t': 10 };
  const paced: MappedCase[] = [];
  for (const f of ['a', 'b', 'c']) {
    for (const t of ['x', 'y']) {
      stored[`${f}.py::${t}`] = 1;
      paced.push(mc(`${f}.py::${t}`, 1, 'passed', 0));
    }
  }
  it.each<[string, MappedCase[], number]>([
    ['a 40% move next to a paced report is runner noise: it stays', [...paced, mc('lone.py::t', 14, 'passed', 1)], 10],
    ['a 40% drop likewise', [...paced, mc('lone.py::t', 6.5, 'passed', 1)], 10],
    ['a move beyond 50% is taken at once', [...paced, mc('lone.py::t', 16, 'passed', 1)], 16],
    ['a drop beyond 50% is taken at once', [...paced, mc('lone.py::t', 4, 'passed', 1)], 4],
    ['with no paced report in the run, the ordinary 20% band holds', [mc('lone.py::t', 14, 'passed', 1)], 14],
    [
      'measured in a paced report too, it is corroborated: the ordinary band',
      [...paced, mc('lone.py::t', 14, 'passed', 1), mc('lone.py::t', 14, 'passed', 0)],
      14,
    ],
  ])('%s', (_name, cases, expected) => {
    const r = run(stored, cases, { smoothing: 'pace' });
    expect(r.timings.get('lone.py::t')).toBe(expected);
    expect(r.paces?.reports.find((p) => p.report === 1)?.pace).toBeUndefined();
  });
});

describe('formatRefreshReport', () => {
  it('names the counts, the totals, bounded lists and whether it wrote', () => {
    const stored = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`t.py::gone${String(i).padStart(2, '0')}`, 1]));
    const r = run({ ...stored, 't.py::kept': 2 }, [mc('t.py::new', 0.5), mc('t.py::kept', 4)], { collected: ['t.py::new', 't.py::kept'] });
    const text = formatRefreshReport(r, { path: '/x/.test_durations', wrote: true }, 10);
    expect(text).toContain('1 added, 1 updated, 15 removed, 0 unchanged (0 not measured this run)');
    expect(text).toContain('total 17.00 s before, 3.50 s after (2 tests)');
    expect(text).toContain('  t.py::gone09\n  and 5 more\n');
    expect(text).not.toContain('gone10');
    expect(text).toContain('wrote /x/.test_durations');
    const quiet = formatRefreshReport(run({ a: 1 }, [mc('a', 1)]), { path: 'p', wrote: false });
    expect(quiet).toContain('p left unchanged');
  });
});

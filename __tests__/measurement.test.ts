/**
 * One measurement rule (issue 13): planning (timings.ts junitDurations, suite.ts) and refresh
 * (refresh.ts) count the same testcases as measurements of a test.
 */
import { describe, expect, it } from '@jest/globals';
import { isMeasurement, measuredSeconds } from '../src/core/measurement.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, refreshDurations } from '../src/core/refresh.js';
import { buildSuite } from '../src/core/suite.js';
import { junitDurations } from '../src/core/timings.js';
import type { MappedCase, Outcome } from '../src/core/types.js';

const mc = (id: string, time: number, outcome: Outcome, report = 0): MappedCase => ({ id, time, outcome, report });

describe('isMeasurement', () => {
  it.each<[Outcome, boolean]>([
    ['passed', true],
    ['failed', true],
    ['skipped', false],
    ['error', false],
  ])('%s -> %s', (outcome, want) => {
    expect(isMeasurement(outcome)).toBe(want);
  });
});

describe('planning and refresh agree on what was measured', () => {
  it.each<[string, MappedCase[], number | undefined]>([
    ['one pass', [mc('a', 2, 'passed')], 2],
    ['a failed run measures the test', [mc('a', 1, 'failed')], 1],
    ['reruns: the mean of the attempts', [mc('a', 1, 'failed'), mc('a', 3, 'passed', 1)], 2],
    ['a skip is no duration', [mc('a', 0.001, 'skipped')], undefined],
    ['a setup error is no duration', [mc('a', 4, 'error')], undefined],
    ['skip and error attempts beside a pass do not count', [mc('a', 0, 'skipped'), mc('a', 5, 'passed'), mc('a', 9, 'error')], 5],
  ])('%s', (_name, cases, want) => {
    expect(measuredSeconds(cases).get('a')).toBe(want);
    expect(junitDurations(cases).get('a')).toBe(want);
    // Refresh of an empty file stores exactly what planning measures (ema: nothing stored to blend).
    const r = refreshDurations(new Map(), cases, { smoothing: 'ema', alpha: DEFAULT_ALPHA, minChangeSeconds: 0, minChangeRatio: DEFAULT_MIN_CHANGE_RATIO });
    expect(r.timings.get('a')).toBe(want);
  });

  it('a test seen only skipped is still planned, with an estimate from its file (nothing lost)', () => {
    const cases = [mc('t.py::a', 2, 'passed'), mc('t.py::b', 4, 'passed'), mc('t.py::s', 0.001, 'skipped')];
    const timings = junitDurations(cases);
    const suite = buildSuite({ timings, unmeasured: ['t.py::s'] });
    expect(suite.tests.map((t) => [t.id, t.seconds, t.estimated])).toEqual([
      ['t.py::a', 2, false],
      ['t.py::b', 4, false],
      ['t.py::s', 3, true],
    ]);
  });
});

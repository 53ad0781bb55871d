/**
 * A shift the whole run shows reaches tests shorter than the dead band (core/refresh.ts
 * RUN_SHIFT_RATIO). Found on libcst (npm run e2e:real, docs/real-suite.md): 1,811 of its 1,991
 * tests take under 0.1 s; its shards ran them at about 0.8x the serial run, one refresh moved 10
 * values, and every later plan predicted its shards 23-25% too slow.
 *
 * The suite here is shaped like that: 4 shards of 50 tests, stored 0.01-0.09 s (all inside the
 * 0.1 s band) plus two 1-2 s tests per shard; every measurement carries up to ±8% of seeded jitter.
 */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_ALPHA,
  DEFAULT_MIN_CHANGE_RATIO,
  DEFAULT_MIN_CHANGE_SECONDS,
  refreshDurations,
  RUN_SHIFT_RATIO,
  type RefreshOptions,
} from '../src/core/refresh.js';
import type { MappedCase, NodeId } from '../src/core/types.js';

const SHARDS = 4;
const PER_SHARD = 52;
const idOf = (shard: number, i: number): NodeId => `tests/test_s${shard}_${i % 4}.py::test_${i}`;
const jitter = (seed: number, amp = 0.08): number => {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 * amp - amp;
};
const STORED = new Map<NodeId, number>();
for (let s = 1; s <= SHARDS; s++) {
  for (let i = 0; i < PER_SHARD; i++) STORED.set(idOf(s, i), i < 2 ? 1 + ((s + i) % 3) / 2 : 0.01 + ((s * 7 + i * 13) % 9) / 100);
}
const OPTIONS: RefreshOptions = {
  smoothing: 'pace',
  alpha: DEFAULT_ALPHA,
  minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
  minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
};

/** Every shard's tests at the factor `pace(shard)`, with jitter. */
function run(pace: (shard: number) => number): MappedCase[] {
  const cases: MappedCase[] = [];
  for (let s = 1; s <= SHARDS; s++) {
    for (let i = 0; i < PER_SHARD; i++) {
      const id = idOf(s, i);
      cases.push({ id, time: Math.round((STORED.get(id) as number) * pace(s) * (1 + jitter(s * 1000 + i)) * 1e6) / 1e6, outcome: 'passed', report: s - 1 });
    }
  }
  return cases;
}

const small = [...STORED].filter(([, t]) => t < DEFAULT_MIN_CHANGE_SECONDS);
const sumOf = (m: ReadonlyMap<NodeId, number>, ids: readonly (readonly [NodeId, number])[]): number => ids.reduce((a, [id]) => a + (m.get(id) as number), 0);

describe('a shift the whole run shows moves tests shorter than the dead band', () => {
  it('the suite is mostly sub-band tests', () => {
    expect(small.length).toBe(SHARDS * (PER_SHARD - 2));
  });

  it.each([0.7, 0.8, 1.25])('every shard ran at %sx: the small tests move with the run (their sum within 5%)', (pace) => {
    const r = refreshDurations(
      STORED,
      run(() => pace),
      OPTIONS,
    );
    expect(r.paces?.runPace).toBeCloseTo(pace, 1);
    expect(sumOf(r.timings, small) / (pace * sumOf(STORED, small))).toBeGreaterThan(0.95);
    expect(sumOf(r.timings, small) / (pace * sumOf(STORED, small))).toBeLessThan(1.05);
    expect(r.updated.length).toBeGreaterThan(small.length * 0.9);
  });

  it('the dead band alone (ema, alpha 1) leaves them where they were: the shift rule is what moves them', () => {
    const r = refreshDurations(
      STORED,
      run(() => 0.8),
      OPTIONS,
    );
    const frozen = refreshDurations(
      STORED,
      run(() => 0.8),
      { ...OPTIONS, smoothing: 'ema', alpha: 1 }, // no pace: the plain dead band
    );
    expect(sumOf(frozen.timings, small)).toBe(sumOf(STORED, small));
    expect(sumOf(r.timings, small)).toBeLessThan(0.85 * sumOf(STORED, small));
  });

  it.each([
    ['shards within the run-to-run noise (0.95x, 1.05x)', (s: number) => (s % 2 ? 0.95 : 1.05)],
    ['one shard of four 3x slow (a slow runner)', (s: number) => (s === 2 ? 3 : 1)],
    ['two shards of four 1.5x slow', (s: number) => (s <= 2 ? 1.5 : 1)],
    [`a run ${Math.round((1 - RUN_SHIFT_RATIO / 2) * 100)}% of the stored times`, () => 1 - RUN_SHIFT_RATIO / 2],
  ])('%s: no shift, no small test moves', (_name, pace) => {
    const r = refreshDurations(STORED, run(pace), OPTIONS);
    for (const [id, t] of small) expect(r.timings.get(id)).toBe(t);
  });
});

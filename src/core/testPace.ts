/**
 * Test pace: how fast the shards ran their tests against the stored timings, as one factor for the
 * whole file. Pure.
 *
 * Why: a test's duration depends on the process it runs in (a small shard has a smaller heap, a
 * colder or warmer cache than the serial run the timings came from). On libcst, every shard ran its
 * tests at about 0.8 x the serial run's seconds. Most tests are shorter than the refresh dead band
 * (0.1 s), so refresh leaves each of them as stored (low churn) while their sum is 20% off, and the
 * plan's predictions stay 20% off however often it refreshes. The pace carries that shift in one
 * number: refresh learns it, the file stores it (`__split_plan__::test_pace`), and planning
 * multiplies the file's timings by it, so predictions follow the shards without rewriting
 * thousands of values.
 *
 * Learned from `pace` smoothing only (refresh.ts): its measurements are already divided by each
 * report's own speed against the run (core/pace.ts), so one slow runner does not move the pace,
 * while a shift every shard shows does. The pace is the sum of those measurements over the sum of
 * the values the refreshed file will store for the same tests: tests that refresh just updated count
 * with a ratio near 1, the ones the dead band kept carry their drift. Sums run in id order, so the
 * same inputs give the same bits.
 */

/** Measured seconds a pace must rest on; below it the stored pace stays. */
export const MIN_PACE_SECONDS = 1;
/** A pace within this ratio of the stored one (or of 1 when none is stored) leaves it as it is. */
export const PACE_BAND = 0.05;

export type TestPaceChange = 'added' | 'updated' | 'removed' | 'unchanged' | 'none';

export interface TestPaceResult {
  /** The pace to store; undefined when the timings hold (none stored, none learned). */
  testPace?: number;
  change: TestPaceChange;
}

/**
 * `pairs`: for each measured test, in id order, its (pace-normalised) measurement and the value
 * the refreshed file stores for it. `stored`: the file's pace before this refresh.
 */
export function learnTestPace(pairs: readonly (readonly [measured: number, storedAfter: number])[], stored: number | undefined): TestPaceResult {
  let measured = 0;
  let base = 0;
  for (const [m, s] of pairs) {
    if (!(s > 0) || !Number.isFinite(m)) continue;
    measured += m;
    base += s;
  }
  const keep = (): TestPaceResult => (stored === undefined ? { change: 'none' } : { testPace: stored, change: 'unchanged' });
  if (measured < MIN_PACE_SECONDS || base <= 0) return keep();
  const learned = Math.round((measured / base) * 1000) / 1000;
  const reference = stored ?? 1;
  if (Math.abs(learned - reference) < PACE_BAND * reference) return keep();
  if (Math.abs(learned - 1) < PACE_BAND) return stored === undefined ? { change: 'none' } : { change: 'removed' };
  return { testPace: learned, change: stored === undefined ? 'added' : 'updated' };
}

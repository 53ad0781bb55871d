/**
 * What counts as a measurement of a test: the one rule planning (timings.ts junitDurations,
 * verifyTiming.ts) and refresh (refresh.ts) share.
 *
 * A JUnit testcase measures its test when the test ran: outcome `passed` or `failed`. A `skipped`
 * case took about 0 s, or only the time of a fixture that skipped it; an `error` case is a setup or
 * teardown failure (pytest adds an `<error>` to the case), so its time says nothing about the test
 * body. Neither is a duration: such a test keeps whatever timing it had (a durations file, an
 * earlier run), else the planner estimates it like any unknown test instead of planning it as free.
 *
 * One id measured several times (reruns in one report, or the same id in several reports) counts
 * each measuring attempt once; the value is their mean, summed in sorted order so it does not
 * depend on the order of the reports.
 */
import { sum } from './stats.js';
import type { MappedCase, NodeId, Outcome } from './types.js';

/** Outcomes whose time is a measurement of the test. */
const MEASURING: ReadonlySet<Outcome> = new Set<Outcome>(['passed', 'failed']);

export function isMeasurement(outcome: Outcome): boolean {
  return MEASURING.has(outcome);
}

/** The measuring cases grouped by id, in input order within each id. */
export function measuringCases(cases: readonly MappedCase[]): Map<NodeId, MappedCase[]> {
  const out = new Map<NodeId, MappedCase[]>();
  for (const c of cases) {
    if (!isMeasurement(c.outcome)) continue;
    const list = out.get(c.id);
    if (list) list.push(c);
    else out.set(c.id, [c]);
  }
  return out;
}

/** Mean of a non-empty list of seconds, independent of its order. */
export function meanSeconds(values: readonly number[]): number {
  return sum([...values].sort((a, b) => a - b)) / values.length;
}

/** Per id, the mean of its measuring attempts; ids never measured are absent. */
export function measuredSeconds(cases: readonly MappedCase[]): Map<NodeId, number> {
  const out = new Map<NodeId, number>();
  for (const [id, list] of measuringCases(cases)) {
    out.set(id, meanSeconds(list.map((c) => c.time)));
  }
  return out;
}

/** Small numeric helpers with deterministic results (inputs are sorted before summing or ranking). */
import { median as ssMedian } from 'simple-statistics';

/** Median of a non-empty list (order of the input does not matter). */
export function median(values: readonly number[]): number {
  return ssMedian(values);
}

/** Round to milliseconds, the precision every output uses. */
export function roundMs(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0
}

/** Neumaier-compensated sum, so totals do not drift with the number of terms. */
export function sum(values: Iterable<number>): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Largest value, 0 for none (no argument spreading: safe for millions of values). */
export function maxOf(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

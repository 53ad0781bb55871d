/**
 * Combining timing sources into one map of node id -> seconds, independent of input order.
 *
 * Rules (stated in the README):
 * - Several durations files naming the same id: their mean.
 * - A JUnit measurement is fresher than any durations file, so it replaces them for that id.
 * - One id measured several times in JUnit (reruns, or the same report given twice): the mean
 *   of its measurements. What counts as one is core/measurement.ts (the rule refresh uses too):
 *   passed and failed cases; a skipped or errored case is no duration, so an id seen only so
 *   keeps its durations-file value, or is estimated like any unknown test.
 */
import { measuredSeconds } from './measurement.js';
import { sum } from './stats.js';
import type { Durations, MappedCase, NodeId } from './types.js';

function meanOf(values: number[]): number {
  values.sort((a, b) => a - b);
  return sum(values) / values.length;
}

export function mergeDurations(sources: readonly Durations[]): Durations {
  if (sources.length === 1) return sources[0] as Durations;
  const all = new Map<NodeId, number[]>();
  for (const src of sources) {
    for (const [id, s] of src) {
      const list = all.get(id);
      if (list) list.push(s);
      else all.set(id, [s]);
    }
  }
  return mapValues(all, meanOf);
}

/** Per-id mean of JUnit measurements (core/measurement.ts). */
export function junitDurations(cases: readonly MappedCase[]): Map<NodeId, number> {
  return measuredSeconds(cases);
}

/** JUnit values override durations-file values id by id. */
export function combineTimings(durationFiles: readonly Durations[], junit: Durations): Durations {
  const merged = mergeDurations(durationFiles);
  if (junit.size === 0) return merged;
  const out = new Map(merged);
  for (const [id, s] of junit) out.set(id, s);
  return out;
}

/**
 * Values are reduced independently of arrival order; the map's own key order is not part of the
 * contract (consumers sort ids themselves).
 */
function mapValues<V, R>(m: Map<NodeId, V>, f: (v: V) => R): Map<NodeId, R> {
  const out = new Map<NodeId, R>();
  for (const [k, v] of m) out.set(k, f(v));
  return out;
}

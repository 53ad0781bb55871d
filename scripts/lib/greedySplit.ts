/**
 * The baseline the real-suite proving ground compares against: a test-level greedy split, the
 * way pytest-split's `least_duration` algorithm works. Tests sorted by duration, longest first
 * (ties: collection order), each handed to the shard with the least time so far (ties: the lower
 * shard); a test no timing knows counts as the average of the known ones (1 s when none is
 * known). Each shard keeps its tests in collection order, as pytest-split runs them.
 *
 * A pure function of its arguments, so the baseline is the same for the same durations.
 */
export interface GreedyShard {
  /** Node ids in collection order. */
  tests: string[];
  /** Sum of the durations (known and assumed) of its tests. */
  seconds: number;
}

export function greedySplit(collected: readonly string[], durations: ReadonlyMap<string, number>, splits: number): GreedyShard[] {
  if (!Number.isInteger(splits) || splits < 1) throw new Error(`greedySplit: splits must be a positive integer, got ${splits}`);
  const known = collected.map((id) => durations.get(id)).filter((d): d is number => d !== undefined && Number.isFinite(d) && d >= 0);
  const average = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const items = collected.map((id, index) => {
    const d = durations.get(id);
    return { id, index, seconds: d !== undefined && Number.isFinite(d) && d >= 0 ? d : average };
  });
  items.sort((a, b) => b.seconds - a.seconds || a.index - b.index);
  const loads: number[] = new Array<number>(splits).fill(0);
  const members: { id: string; index: number }[][] = Array.from({ length: splits }, () => []);
  for (const item of items) {
    let best = 0;
    for (let g = 1; g < splits; g++) if ((loads[g] as number) < (loads[best] as number)) best = g;
    loads[best] = (loads[best] as number) + item.seconds;
    (members[best] as { id: string; index: number }[]).push(item);
  }
  return members.map((m, g) => ({ tests: m.sort((a, b) => a.index - b.index).map((x) => x.id), seconds: loads[g] as number }));
}

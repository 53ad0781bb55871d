/**
 * The GitHub Actions matrix for a plan: one entry per shard that has tests. Entries carry only the
 * group and the split count, so the output stays small (about 30 bytes a shard) for any suite size.
 */
import type { Plan } from '../core/plan.js';

export interface MatrixEntry {
  group: number;
  splits: number;
}

export function planMatrix(plan: Plan): { include: MatrixEntry[] } {
  return {
    include: plan.shards.filter((s) => s.tests.length > 0).map((s) => ({ group: s.group, splits: plan.splits })),
  };
}

export function formatMatrix(plan: Plan): string {
  return JSON.stringify(planMatrix(plan));
}

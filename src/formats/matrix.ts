/**
 * The GitHub Actions matrix for a plan: one entry per shard that has tests. Entries carry only the
 * group and the split count, so the output stays small (about 30 bytes a shard) for any suite size.
 */
import { InputError } from '../core/errors.js';
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

/**
 * GitHub caps a job's outputs at 1 MB in all. A matrix stays near 30 bytes a shard (under 10 KB for
 * 256), so this only fires if its entries ever grow: better a clear error than a cut-off output.
 */
export const MAX_MATRIX_BYTES = 1024 * 1024;

export function formatMatrix(plan: Plan): string {
  const text = JSON.stringify(planMatrix(plan));
  if (text.length > MAX_MATRIX_BYTES) {
    throw new InputError(`the matrix for ${plan.splits} shards is ${Math.ceil(text.length / 1024)} KiB, over GitHub's 1 MiB limit for a job's outputs`);
  }
  return text;
}

/**
 * The CI's own shard (core/ciGroup.ts) for an edge: the shard, or a UsageError worded in the
 * edge's words (src/render/ciGroup.ts).
 */
import { detectCiGroup, splitsFromCi, type CiGroup, type Env } from '../core/ciGroup.js';
import { UsageError } from '../core/errors.js';
import { describeCiProblem, describeSplitsConflict } from '../render/ciGroup.js';
import type { OptionWords } from './words.js';

/** This job's shard from the CI's variables, or a UsageError naming the variable at fault. */
export function ciGroupFromEnv(env: Env, maxSplits: number, words: OptionWords): CiGroup {
  const found = detectCiGroup(env, maxSplits);
  if (!found.ok) throw new UsageError(describeCiProblem(found.problem, words));
  return found.ci;
}

/** The number of shards: the CI's, which a given number must agree with. */
export function splitsOfCi(ci: CiGroup, splits: number | undefined, words: OptionWords): number {
  const n = splitsFromCi(ci, splits);
  if (typeof n !== 'number') throw new UsageError(describeSplitsConflict(n, words));
  return n;
}

/**
 * The plan file (JSON, version 1): written by `--json`, read back by `mode: shard`, `verify` and
 * `explain --against`. Reading checks the shape with a JSON schema so a truncated or foreign file
 * fails with a message naming the field, not a crash later.
 */
import { InputError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { planShapeErrors } from './planValidator.js';

export function formatPlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

export function parsePlan(text: string, source: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${source}: invalid plan JSON: ${(e as Error).message}`);
  }
  const errors = planShapeErrors(data);
  if (errors) {
    const err = errors[0];
    const where = err?.instancePath ? err.instancePath : '(root)';
    throw new InputError(`${source}: not a split-plan plan (version 1): ${where} ${err?.message ?? 'is invalid'}`);
  }
  const plan = data as unknown as Plan;
  if (plan.shards.length !== plan.splits || plan.shards.some((s, i) => s.group !== i + 1)) {
    throw new InputError(`${source}: plan has ${plan.shards.length} shards numbered out of order for splits ${plan.splits}`);
  }
  return plan;
}

/**
 * The plan file (JSON, version 1): written by `--json`, read back by `mode: shard`, `verify` and
 * `explain --against`. Reading checks the shape with a JSON schema so a truncated or foreign file
 * fails with a message naming the field, not a crash later.
 */
import { Ajv } from 'ajv';
import { InputError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';

export function formatPlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

const shardSchema = {
  type: 'object',
  required: ['group', 'predictedSeconds', 'selectors', 'tests', 'estimated'],
  properties: {
    group: { type: 'integer', minimum: 1 },
    predictedSeconds: { type: 'number', minimum: 0 },
    selectors: { type: 'array', items: { type: 'string' } },
    tests: { type: 'array', items: { type: 'string' } },
    estimated: { type: 'integer', minimum: 0 },
  },
};

const planSchema = {
  type: 'object',
  required: ['version', 'splits', 'shards', 'totalSeconds', 'makespanSeconds', 'lowerBoundSeconds'],
  properties: {
    version: { const: 1 },
    splits: { type: 'integer', minimum: 1, maximum: 256 },
    totalSeconds: { type: 'number' },
    makespanSeconds: { type: 'number' },
    lowerBoundSeconds: { type: 'number' },
    shards: { type: 'array', items: shardSchema },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};

// Compiled on first use: most runs never read a plan, and compiling costs start-up time.
let validator: ReturnType<Ajv['compile']> | undefined;
function validatePlan(data: unknown): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: false }).compile(planSchema);
  validator(data);
  return validator;
}

export function parsePlan(text: string, source: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${source}: invalid plan JSON: ${(e as Error).message}`);
  }
  const validate = validatePlan(data);
  if (validate.errors) {
    const err = validate.errors[0];
    const where = err?.instancePath ? err.instancePath : '(root)';
    throw new InputError(`${source}: not a split-plan plan (version 1): ${where} ${err?.message ?? 'is invalid'}`);
  }
  const plan = data as unknown as Plan;
  if (plan.shards.length !== plan.splits || plan.shards.some((s, i) => s.group !== i + 1)) {
    throw new InputError(`${source}: plan has ${plan.shards.length} shards numbered out of order for splits ${plan.splits}`);
  }
  return plan;
}

/**
 * The plan file (JSON, version 1): written by `--json`, read back by `mode: shard`, `verify` and
 * `explain --against`. Reading checks the shape with a JSON schema so a truncated or foreign file
 * fails with a message naming the field, not a crash later.
 */
import { InputError } from '../core/errors.js';
import type { Plan, PlanWarning } from '../core/plan.js';
import { pluginDirPattern } from '../core/selection.js';
import { planShapeErrors } from './planValidator.js';

/**
 * The plan as JSON. Its `warnings` are strings, worded by the edge that writes the file
 * (`describe`, e.g. src/render/warnings.ts with the CLI's or the Action's words).
 */
export function formatPlan(plan: Plan, describe: (w: PlanWarning) => string): string {
  return JSON.stringify({ ...plan, warnings: plan.warnings.map(describe) }, null, 2) + '\n';
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
  const plan = data as Omit<Plan, 'warnings'> & { warnings?: string[] };
  if (plan.shards.length !== plan.splits || plan.shards.some((s, i) => s.group !== i + 1)) {
    throw new InputError(`${source}: plan has ${plan.shards.length} shards numbered out of order for splits ${plan.splits}`);
  }
  // Plans written before cut files had owners have neither list: nothing is filtered then.
  plan.cutFiles ??= [];
  plan.together ??= [];
  // The file holds the warnings' words only.
  const read: Plan = { ...plan, warnings: (plan.warnings ?? []).map((text) => ({ code: 'worded', text })) };
  checkPlugins(read, source);
  return read;
}

/**
 * A plugin directory is only ever `.split-plan/group-K-<key>` of its own shard, its first selector; every
 * shard running part of a cut file has one. So a plan file cannot make a shard job write elsewhere,
 * and a shard never runs a whole cut file unfiltered.
 */
function checkPlugins(plan: Plan, source: string): void {
  for (const s of plan.shards) {
    if (s.pluginDir === undefined) continue;
    if (!pluginDirPattern(s.group).test(s.pluginDir) || s.selectors[0] !== s.pluginDir) {
      throw new InputError(
        `${source}: group ${s.group}: pluginDir must be .split-plan/group-${s.group}-<16 hex digits> and its first selector, got ${JSON.stringify(s.pluginDir)}`,
      );
    }
  }
  for (const c of plan.cutFiles) {
    if (!c.groups.includes(c.owner)) throw new InputError(`${source}: cut file ${JSON.stringify(c.file)}: owner ${c.owner} is not one of its groups`);
    const bare = c.groups.find((g) => plan.shards[g - 1]?.pluginDir === undefined);
    if (bare !== undefined) throw new InputError(`${source}: cut file ${JSON.stringify(c.file)}: group ${bare} runs part of it but has no pluginDir`);
  }
  for (const t of plan.together) {
    if (t.group > plan.splits || (t.group > 0 && plan.shards[t.group - 1]?.pluginDir === undefined)) {
      throw new InputError(`${source}: together ${JSON.stringify(t.pattern)}: group ${t.group} has no pluginDir`);
    }
  }
}

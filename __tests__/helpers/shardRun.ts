/**
 * What pytest plus split-plan's shard plugin would run for each shard of a plan, given the tests
 * that exist now: a shard collects the files its selectors name (never its plugin directory, which
 * holds no tests), then its plugin keeps its part of every cut file (core/selection.ts states the
 * rule; src/python/conftest.py implements it, and exactlyOnce.test.ts runs it for real).
 */
import type { Plan } from '../../src/core/plan.js';
import { filterKeeps, shardFilters } from '../../src/core/selection.js';

/** pytest's selection by a positional argument: the id itself, or everything inside a file, class or function. */
export function pytestSelects(selector: string, id: string): boolean {
  if (id === selector) return true;
  if (!id.startsWith(selector)) return false;
  const next = id.slice(selector.length, selector.length + 2);
  return next === '::' || (next.startsWith('[') && selector.includes('::'));
}

/** id -> the groups that would run it (ids that exist now only). */
export function groupsRunning(plan: Pick<Plan, 'shards' | 'cutFiles' | 'together'>, current: readonly string[]): Map<string, number[]> {
  const filters = shardFilters(plan);
  const out = new Map<string, number[]>(current.map((id) => [id, []]));
  for (const shard of plan.shards) {
    const selectors = shard.selectors.filter((s) => s !== shard.pluginDir);
    const filter = filters.get(shard.group);
    for (const id of current) {
      if (
        filterKeeps(
          filter,
          selectors.some((s) => pytestSelects(s, id)),
          id,
        )
      )
        out.get(id)?.push(shard.group);
    }
  }
  return out;
}

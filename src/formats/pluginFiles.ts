/**
 * The files a shard's plugin directory holds (core/selection.ts says why a shard needs one):
 * `conftest.py`, the same for every shard (src/python/conftest.py), and `shard.json`, the shard's
 * part of the plan. Plus `.split-plan/.gitignore` so the directory never shows up in `git status`.
 * Paths are relative to the rootdir; the bytes depend only on the plan.
 */
import { InputError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { contentKey, pluginDirOf, PLUGIN_ROOT, shardFilters, shardFilterText, type ShardFilter } from '../core/selection.js';
import { pluginSource } from '../python/source.js';

export interface PluginFile {
  /** Relative to the rootdir, `/`-separated. */
  path: string;
  content: string;
}

export const SIDECAR_NAME = 'shard.json';

export function formatShardFilter(filter: ShardFilter): string {
  return shardFilterText(filter);
}

/** The plugin files of these groups (those that need none are skipped); [] when none needs one. */
export function pluginFiles(plan: Pick<Plan, 'shards' | 'cutFiles' | 'together'>, groups: readonly number[]): PluginFile[] {
  const wanted = plan.shards.filter((s) => groups.includes(s.group) && s.pluginDir !== undefined);
  if (wanted.length === 0) return [];
  const filters = shardFilters(plan);
  const out: PluginFile[] = [{ path: `${PLUGIN_ROOT}/.gitignore`, content: '# written by split-plan for its shards\n*\n' }];
  for (const s of wanted) {
    const filter = filters.get(s.group);
    if (filter === undefined) throw new InputError(`group ${s.group}: the plan names a plugin directory but no filter for it`);
    const content = formatShardFilter(filter);
    // The name says what the directory holds: a plan edited by hand is caught here.
    if (s.pluginDir !== pluginDirOf(s.group, contentKey(content))) {
      throw new InputError(
        `group ${s.group}: pluginDir ${JSON.stringify(s.pluginDir)} does not match the shard's part of the plan (was the plan edited?); plan again`,
      );
    }
    out.push({ path: `${s.pluginDir}/conftest.py`, content: pluginSource() });
    out.push({ path: `${s.pluginDir}/${SIDECAR_NAME}`, content });
  }
  return out;
}

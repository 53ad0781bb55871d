/**
 * What each shard hands pytest, and how every test, known to the plan or not, runs exactly once.
 *
 * pytest cannot be told "exactly these ids, ignoring those that are gone": a positional id that no
 * longer exists is a usage error (the shard fails), `--deselect` matches by prefix and `-k` by
 * substring. So split-plan selects whole files only, and a shard that runs part of a file loads a
 * small plugin (src/python/conftest.py) that keeps that shard's part of it:
 *
 * - A file whose tests the plan spreads over more than one shard is a cut file. One of those
 *   shards owns it: the one with the most of its planned seconds (ties: the most tests, then the
 *   lowest group), unless a `--together` group that touches the file says otherwise.
 * - Every shard that runs part of a cut file passes the file itself, plus its plugin directory as
 *   the first argument. The plugin keeps, of that file's items: in the owner, every item except the
 *   ids other shards run (so tests added since planning run there); elsewhere, only the shard's own
 *   ids that exist now (a test deleted since planning is ignored, never an error). Ids compare
 *   exactly, never by prefix.
 * - Every other file is selected whole by the one shard that runs it: tests added to it run there.
 *
 * The union over shards is then every test pytest collects now, each once. The plugin reads its
 * shard's part from a JSON sidecar ({@link shardFilters}); no id is ever written into Python code.
 * Pure: plans in, selectors and filters out.
 */
import { orderSelectors } from './costModel.js';
import { createHash } from 'node:crypto';
import { compareIds, fileOf, sortIds } from './nodeid.js';
import type { NodeId } from './types.js';

/** The directory under the rootdir that holds the shards' plugin directories (pytest skips `.`-directories). */
export const PLUGIN_ROOT = '.split-plan';

/**
 * A shard's plugin directory, relative to the rootdir: the first argument of its pytest command.
 * Its name ends in a key of what it holds ({@link contentKey} of the shard's sidecar), so plugin
 * directories of different plans written into one checkout never overwrite each other, and a
 * shard never loads another plan's sidecar. Without a key: the placeholder selection uses.
 */
export function pluginDirOf(group: number, key?: string): string {
  return key === undefined ? `${PLUGIN_ROOT}/group-${group}` : `${PLUGIN_ROOT}/group-${group}-${key}`;
}

/** What a plugin directory name must look like for a group (with its 16-hex-digit key). */
export function pluginDirPattern(group: number): RegExp {
  return new RegExp(`^\\.split-plan/group-${group}-[0-9a-f]{16}$`);
}

/** The first 16 hex digits of the SHA-256 of the text (UTF-8): names a plugin directory by its content. */
export function contentKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** A file the plan spreads over several shards. */
export interface CutFile {
  file: string;
  /** The shard that also runs the file's tests the plan does not know. */
  owner: number;
  /** Every shard that runs part of it, ascending (the owner included). */
  groups: number[];
}

/** What selection needs of a planned unit. */
export interface SelectionUnit {
  file: string;
  /** Node ids (or the file itself for a file no timing knew). */
  tests: readonly NodeId[];
  seconds: number;
}

export interface ShardSelection {
  /** Exactly the arguments the shard passes to pytest, the plugin directory first when there is one. */
  selectors: string[];
  /** Set when the shard needs its plugin (it runs part of a cut file, or a together set). */
  pluginDir?: string;
}

export interface SelectionOptions {
  /** Files whose owner is fixed (a together set's shard, 0-based), when that shard runs part of them. */
  preferredOwner?: ReadonlyMap<string, number>;
  /** Shards (0-based) that load their plugin even without a cut file (they run a together set). */
  pluginShards?: ReadonlySet<number>;
  /** pytest-xdist workers per shard: with more than one, files are passed longest first (costModel.ts orderSelectors). */
  workers?: number;
}

/** Selectors for every shard, and the cut files with their owners (sorted by file). */
export function selectShards(perShard: readonly (readonly SelectionUnit[])[], opts: SelectionOptions = {}): { shards: ShardSelection[]; cutFiles: CutFile[] } {
  // file -> shard index -> [seconds, tests]
  const spread = new Map<string, Map<number, [number, number]>>();
  perShard.forEach((units, s) => {
    for (const u of units) {
      let byShard = spread.get(u.file);
      if (!byShard) spread.set(u.file, (byShard = new Map<number, [number, number]>()));
      const cur = byShard.get(s) ?? [0, 0];
      byShard.set(s, [cur[0] + u.seconds, cur[1] + u.tests.length]);
    }
  });
  const cutFiles: CutFile[] = [];
  for (const [file, byShard] of spread) {
    if (byShard.size < 2) continue;
    const preferred = opts.preferredOwner?.get(file);
    let owner = preferred !== undefined && byShard.has(preferred) ? preferred : -1;
    if (owner < 0) {
      let best: [number, number] = [-1, -1];
      // Ascending shard order: a tie keeps the lowest group.
      for (const [s, share] of [...byShard].sort((a, b) => a[0] - b[0])) {
        if (share[0] > best[0] || (share[0] === best[0] && share[1] > best[1])) [best, owner] = [share, s];
      }
    }
    cutFiles.push({ file, owner: owner + 1, groups: [...byShard.keys()].sort((a, b) => a - b).map((s) => s + 1) });
  }
  cutFiles.sort((a, b) => compareIds(a.file, b.file));
  const cut = new Set(cutFiles.map((c) => c.file));
  const shards = perShard.map((units, s): ShardSelection => {
    const secondsByFile = new Map<string, number>();
    for (const u of units) secondsByFile.set(u.file, (secondsByFile.get(u.file) ?? 0) + u.seconds);
    const files = [...secondsByFile.keys()].sort(compareIds);
    const needsPlugin = files.some((f) => cut.has(f)) || (opts.pluginShards?.has(s) === true && files.length > 0);
    const pluginDir = needsPlugin ? pluginDirOf(s + 1) : undefined;
    const fileUnits = files.map((f) => ({ selectors: [f], seconds: secondsByFile.get(f) ?? 0 }));
    const selectors = orderSelectors(fileUnits, opts.workers ?? 1, pluginDir !== undefined ? [pluginDir] : []);
    return pluginDir !== undefined ? { selectors, pluginDir } : { selectors };
  });
  return { shards, cutFiles };
}

/** The part of a cut file one shard runs, as its plugin reads it. */
export interface FileFilter {
  /** True in the file's owner: keep every item except `others`. */
  owner: boolean;
  /** The planned ids of the file this shard runs (elsewhere: keep only these); sorted. */
  mine: NodeId[];
  /** Owner only: the ids other shards run; sorted. */
  others?: NodeId[];
}

/** Tests that must run together in this shard, in path order, on one pytest-xdist worker. */
export interface TogetherFilter {
  /** The xdist_group name the plugin marks them with (one block per name). */
  name: string;
  /** The pattern as given. */
  pattern: string;
  /** Files all of whose tests belong (the pattern matches their path), sorted. */
  files: string[];
  /** The planned ids it matched, sorted. */
  ids: NodeId[];
}

/** The sidecar a shard's plugin reads (`shard.json`), version 1. */
export interface ShardFilter {
  version: 1;
  group: number;
  /** Cut files this shard runs part of, by path (sorted). */
  files: Record<string, FileFilter>;
  together: TogetherFilter[];
}

/** What {@link shardFilters} reads of a plan. */
export interface FilterPlan {
  shards: readonly { group: number; tests: readonly NodeId[]; pluginDir?: string }[];
  cutFiles?: readonly CutFile[];
  together?: readonly { pattern: string; group: number; name: string; files: readonly string[]; tests: readonly NodeId[] }[];
}

/** The sidecar of every shard that loads its plugin, by group; computed in one pass over the plan. */
export function shardFilters(plan: FilterPlan): Map<number, ShardFilter> {
  if (!plan.shards.some((s) => s.pluginDir !== undefined)) return new Map();
  const cut = new Map((plan.cutFiles ?? []).map((c) => [c.file, c]));
  // file -> group -> ids
  const idsOf = new Map<string, Map<number, NodeId[]>>();
  for (const shard of plan.shards) {
    for (const id of shard.tests) {
      const file = fileOf(id);
      if (!cut.has(file)) continue;
      let byGroup = idsOf.get(file);
      if (!byGroup) idsOf.set(file, (byGroup = new Map<number, string[]>()));
      const list = byGroup.get(shard.group);
      if (list) list.push(id);
      else byGroup.set(shard.group, [id]);
    }
  }
  const out = new Map<number, ShardFilter>();
  for (const shard of plan.shards) {
    if (shard.pluginDir === undefined) continue;
    out.set(shard.group, { version: 1, group: shard.group, files: {}, together: [] });
  }
  for (const [file, c] of [...cut].sort((a, b) => compareIds(a[0], b[0]))) {
    const byGroup = idsOf.get(file) ?? new Map<number, NodeId[]>();
    for (const g of c.groups) {
      const filter = out.get(g);
      if (!filter) continue;
      // A shard's tests come sorted, so each list here usually is already.
      const mine = sortIds([...(byGroup.get(g) ?? [])]);
      if (g === c.owner) {
        const others = sortIds([...byGroup].filter(([other]) => other !== g).flatMap(([, ids]) => ids));
        filter.files[file] = { owner: true, mine, others };
      } else {
        filter.files[file] = { owner: false, mine };
      }
    }
  }
  for (const t of plan.together ?? []) {
    const filter = out.get(t.group);
    const files = new Set(t.files);
    // Whole files are given as files; the ids listed are the others.
    if (filter)
      filter.together.push({
        name: t.name,
        pattern: t.pattern,
        files: [...files].sort(compareIds),
        ids: t.tests.filter((id) => !files.has(fileOf(id)) && id.includes('::')).sort(compareIds),
      });
  }
  return out;
}

/** The pytest-xdist group (`xdist_group` mark) the plugin gives the tests of the K-th together pattern. */
export function xdistGroupName(k: number): string {
  return `split-plan-together-${k}`;
}

/** The sidecar's bytes (`shard.json`): JSON, one-space indent, a final newline. */
export function shardFilterText(filter: ShardFilter): string {
  return JSON.stringify(filter, null, 1) + '\n';
}

/**
 * Names every plugin directory by its content: returns the shards with `pluginDir` (and their
 * first selector) set to `.split-plan/group-K-<key>`.
 */
export function namePluginDirs<S extends { group: number; tests: readonly NodeId[]; pluginDir?: string; selectors: string[] }>(plan: {
  shards: readonly S[];
  cutFiles?: readonly CutFile[];
  together?: FilterPlan['together'];
}): S[] {
  const filters = shardFilters(plan);
  return plan.shards.map((s) => {
    const filter = filters.get(s.group);
    if (s.pluginDir === undefined || filter === undefined) return s;
    const pluginDir = pluginDirOf(s.group, contentKey(shardFilterText(filter)));
    return { ...s, pluginDir, selectors: [pluginDir, ...s.selectors.filter((x) => x !== s.pluginDir)] };
  });
}

/**
 * The plugin's rule (src/python/conftest.py), for one collected id in one shard: does the shard
 * keep it? `runsFile` says whether the shard's selectors include the id's file. Tests and the
 * property checks use it; the plugin is the implementation pytest runs.
 */
export function filterKeeps(filter: ShardFilter | undefined, runsFile: boolean, id: NodeId): boolean {
  if (!runsFile) return false;
  const spec = filter?.files[fileOf(id)];
  if (spec === undefined) return true;
  return spec.owner ? !(spec.others ?? []).includes(id) : spec.mine.includes(id);
}

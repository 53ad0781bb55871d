/**
 * Partitioning algorithms: pure functions from items to N shards.
 *
 * A shard's load is the sum of its items' costs plus, once for every distinct file it touches, the
 * file's cost (collecting and importing a module and setting up its module fixtures is paid once
 * per shard that runs any of its tests; `perFile` unless the item says otherwise), plus once for
 * every distinct group (a class cut into several items) the group's cost (its class fixtures).
 *
 * - `lpt`: longest processing time first; each item goes where it raises the load least.
 * - `balanced` (default): `lpt`, then a bounded local search on the slowest shard: move one item,
 *   or swap two, whenever that lowers the slowest shard; when no step does, one that keeps it but
 *   pays for fewer files (it reunites pieces of a file) is taken, as it can open the way to one
 *   that does. Never worse than `lpt`.
 * - `chunks`: contiguous runs in the given order (like pytest-split's default), with the smallest
 *   possible slowest run, and never an empty shard when there are at least N items.
 *
 * Items are given in a canonical order (sorted by key); ties always break on that order and on the
 * shard index, so the result is deterministic.
 */
import type { Algorithm } from './types.js';

export interface Item {
  cost: number;
  file: string;
  /** What a shard pays once for this item's file; `perFile` when absent. Same for every item of a file. */
  fileCost?: number;
  /** A group inside the file whose cost is paid once per shard (a class cut into several items). */
  group?: string;
  /** What a shard pays once for the group. Same for every item of a group. */
  groupCost?: number;
}

export interface PartitionOptions {
  splits: number;
  perFile: number;
  /** Upper bound on improvement steps for `balanced` (default scales with the input). */
  maxSteps?: number;
}

/** Shard index -> item indices (ascending). */
export type Assignment = number[][];

export function partition(items: readonly Item[], algorithm: Algorithm, opts: PartitionOptions): Assignment {
  switch (algorithm) {
    case 'lpt':
      return finish(lpt(items, opts).shards);
    case 'balanced': {
      const state = lpt(items, opts);
      improve(state, items, opts);
      return finish(state.shards);
    }
    case 'chunks':
      return finish(chunks(items, opts));
  }
}

function finish(shards: number[][]): Assignment {
  for (const s of shards) s.sort((a, b) => a - b);
  return shards;
}

/** Mutable state shared by lpt and the improver. */
interface State {
  shards: number[][];
  load: number[];
  /** Per shard: how many of its items belong to each file. */
  files: Map<string, number>[];
  /** Per shard: how many of its items belong to each group. */
  groups: Map<string, number>[];
  perFile: number;
  /** True when some file or group has a cost: where an item goes changes what else is paid. */
  shared: boolean;
  /** Per-shard item indices sorted by cost, rebuilt lazily after a shard changes. */
  sorted: (number[] | undefined)[];
}

function newState(n: number, items: readonly Item[], perFile: number): State {
  return {
    shards: Array.from({ length: n }, () => []),
    load: new Array<number>(n).fill(0),
    files: Array.from({ length: n }, () => new Map<string, number>()),
    groups: Array.from({ length: n }, () => new Map<string, number>()),
    perFile,
    shared: perFile > 0 || items.some((it) => (it.fileCost ?? 0) > 0 || (it.group !== undefined && (it.groupCost ?? 0) > 0)),
    sorted: new Array<number[] | undefined>(n).fill(undefined),
  };
}

function fileCostOf(perFile: number, it: Item): number {
  return it.fileCost ?? perFile;
}

function groupCostOf(it: Item): number {
  return it.group !== undefined ? (it.groupCost ?? 0) : 0;
}

/** What `cost` paid once per shard changes by when `d` items of its key join (+1) or leave (-1) a holder of `held`. */
function onceDelta(held: Map<string, number>, key: string, cost: number, d: number): number {
  const before = held.get(key) ?? 0;
  return cost * (Number(before + d > 0) - Number(before > 0));
}

/** Change of a shard's once-per-shard costs when `remove` leaves it and `add` joins it. */
function sharedDelta(st: State, s: number, remove: Item, add: Item): number {
  const files = st.files[s] as Map<string, number>;
  const groups = st.groups[s] as Map<string, number>;
  let delta = 0;
  if (remove.file !== add.file) {
    delta += onceDelta(files, remove.file, fileCostOf(st.perFile, remove), -1) + onceDelta(files, add.file, fileCostOf(st.perFile, add), 1);
  }
  if (remove.group !== add.group) {
    if (remove.group !== undefined) delta += onceDelta(groups, remove.group, groupCostOf(remove), -1);
    if (add.group !== undefined) delta += onceDelta(groups, add.group, groupCostOf(add), 1);
  }
  return delta;
}

function addCost(st: State, s: number, it: Item): number {
  let c = it.cost + ((st.files[s] as Map<string, number>).has(it.file) ? 0 : fileCostOf(st.perFile, it));
  if (it.group !== undefined && !(st.groups[s] as Map<string, number>).has(it.group)) c += groupCostOf(it);
  return c;
}

function removeCost(st: State, s: number, it: Item): number {
  let c = it.cost + ((st.files[s] as Map<string, number>).get(it.file) === 1 ? fileCostOf(st.perFile, it) : 0);
  if (it.group !== undefined && (st.groups[s] as Map<string, number>).get(it.group) === 1) c += groupCostOf(it);
  return c;
}

function count(held: Map<string, number>, key: string, by: number): void {
  const c = (held.get(key) ?? 0) + by;
  if (c === 0) held.delete(key);
  else held.set(key, c);
}

function place(st: State, s: number, idx: number, it: Item): void {
  st.load[s] = (st.load[s] as number) + addCost(st, s, it);
  count(st.files[s] as Map<string, number>, it.file, 1);
  if (it.group !== undefined) count(st.groups[s] as Map<string, number>, it.group, 1);
  (st.shards[s] as number[]).push(idx);
}

function unplace(st: State, s: number, idx: number, it: Item): void {
  st.load[s] = (st.load[s] as number) - removeCost(st, s, it);
  count(st.files[s] as Map<string, number>, it.file, -1);
  if (it.group !== undefined) count(st.groups[s] as Map<string, number>, it.group, -1);
  const list = st.shards[s] as number[];
  list.splice(list.indexOf(idx), 1);
}

/** Order shards by (load, item count, index): an empty shard wins a tie with a non-empty one. */
function better(st: State, a: number, loadA: number, b: number, loadB: number): boolean {
  if (loadA !== loadB) return loadA < loadB;
  const ca = (st.shards[a] as number[]).length;
  const cb = (st.shards[b] as number[]).length;
  if (ca !== cb) return ca < cb;
  return a < b;
}

function lpt(items: readonly Item[], opts: PartitionOptions): State {
  const n = opts.splits;
  const st = newState(n, items, opts.perFile);
  const order = items.map((_, i) => i);
  order.sort((a, b) => (items[b] as Item).cost - (items[a] as Item).cost || a - b);
  const heap = new ShardHeap(st);
  const holders = new Map<string, number[]>(); // file -> shards that already have it
  let empty = n;
  for (let k = 0; k < order.length; k++) {
    const idx = order[k] as number;
    const it = items[idx] as Item;
    const remaining = order.length - k;
    let best: number;
    if (empty > 0 && remaining <= empty) {
      best = st.shards.findIndex((s) => s.length === 0); // keep every shard non-empty
    } else {
      best = heap.peek();
      let bestLoad = (st.load[best] as number) + addCost(st, best, it);
      for (const s of holders.get(it.file) ?? []) {
        const l = (st.load[s] as number) + addCost(st, s, it);
        if (better(st, s, l, best, bestLoad)) {
          best = s;
          bestLoad = l;
        }
      }
    }
    if ((st.shards[best] as number[]).length === 0) empty--;
    const had = (st.files[best] as Map<string, number>).has(it.file);
    place(st, best, idx, it);
    if (!had) {
      const h = holders.get(it.file);
      if (h) h.push(best);
      else holders.set(it.file, [best]);
    }
    heap.update(best);
  }
  return st;
}

/** Binary min-heap of shard indices ordered by `better`. */
class ShardHeap {
  private readonly heap: number[];
  private readonly pos: number[];
  constructor(private readonly st: State) {
    this.heap = st.shards.map((_, i) => i);
    this.pos = this.heap.slice();
  }
  peek(): number {
    return this.heap[0] as number;
  }
  private less(i: number, j: number): boolean {
    const a = this.heap[i] as number;
    const b = this.heap[j] as number;
    return better(this.st, a, this.st.load[a] as number, b, this.st.load[b] as number);
  }
  private swap(i: number, j: number): void {
    const a = this.heap[i] as number;
    const b = this.heap[j] as number;
    this.heap[i] = b;
    this.heap[j] = a;
    this.pos[b] = i;
    this.pos[a] = j;
  }
  update(shard: number): void {
    let i = this.pos[shard] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}

/**
 * Local search: while the slowest shard can be made faster by moving one of its items to another
 * shard, or swapping one of its items with a cheaper one elsewhere, do the best such step. With
 * per-file costs, when no such step exists, a step that leaves the slowest shard as it is, keeps
 * the other shard below it and lowers the two shards' total (fewer files paid twice) is taken.
 * Every step lowers the slowest shard's load, or the number of shards tied at the top, or (at the
 * same top) the total, so it ends; `maxSteps` bounds the effort regardless. The slowest load
 * never rises, so the result is never worse than `lpt`.
 */
function improve(st: State, items: readonly Item[], opts: PartitionOptions): void {
  const n = st.shards.length;
  if (n < 2) return;
  const maxSteps = opts.maxSteps ?? Math.min(5000, 50 * n + items.length);
  // The slowest shard can be no faster than the mean (each file collected once) or the costliest item.
  let total = 0;
  let largest = 0;
  const fileOnce = new Map<string, number>();
  const groupOnce = new Map<string, number>();
  for (const it of items) {
    total += it.cost;
    fileOnce.set(it.file, fileCostOf(st.perFile, it));
    if (it.group !== undefined) groupOnce.set(it.group, groupCostOf(it));
    largest = Math.max(largest, it.cost + fileCostOf(st.perFile, it) + groupCostOf(it));
  }
  for (const c of fileOnce.values()) total += c;
  for (const c of groupOnce.values()) total += c;
  const floor = Math.max(total / n, largest);
  for (let step = 0; step < maxSteps; step++) {
    let top = 0;
    for (let s = 1; s < n; s++) if ((st.load[s] as number) > (st.load[top] as number)) top = s;
    const topLoad = st.load[top] as number;
    const eps = 1e-9 * Math.max(1, topLoad);
    // As good as it can get, to a millionth: finer than any timing the loads come from.
    if (topLoad <= floor * (1 + 1e-6) + eps) return;
    const others = [...Array(n).keys()].filter((s) => s !== top);
    others.sort((a, b) => (st.load[a] as number) - (st.load[b] as number) || a - b);
    const step1 = bestStep(st, items, top, others, topLoad - eps);
    if (!step1) return;
    apply(st, items, step1);
  }
}

interface Step {
  from: number;
  to: number;
  give: number;
  take?: number;
  /** Loads of `from` and `to` after the step. */
  fromLoad: number;
  toLoad: number;
}

function bestStep(st: State, items: readonly Item[], top: number, others: number[], ceiling: number): Step | undefined {
  const topItems = st.shards[top] as number[];
  const topLoad = st.load[top] as number;
  let best: Step | undefined;
  let bestPeak = Infinity;
  let sideways: Step | undefined;
  let sidewaysSaving = 1e-9 * Math.max(1, topLoad);
  const consider = (s: Step, toBefore: number): void => {
    const peak = Math.max(s.fromLoad, s.toLoad);
    if (peak < ceiling) {
      if (!best || peak < bestPeak - 1e-12) {
        best = s;
        bestPeak = peak;
      }
      return;
    }
    // Same slowest shard, the other stays below it, fewer seconds paid in all.
    const saving = topLoad + toBefore - s.fromLoad - s.toLoad;
    if (st.shared && s.fromLoad <= topLoad && s.toLoad < ceiling && saving > sidewaysSaving) {
      sideways = s;
      sidewaysSaving = saving;
    }
  };
  for (const to of others) {
    const toLoad = st.load[to] as number;
    // Sorted ascending: a shard already at the ceiling can take no load, though with a per-file
    // cost a swap that reunites two files can still help.
    if (toLoad >= ceiling && !st.shared) break;
    // Moves (never empty the top shard).
    if (topItems.length > 1) {
      for (const g of topItems) {
        const it = items[g] as Item;
        consider({ from: top, to, give: g, fromLoad: topLoad - removeCost(st, top, it), toLoad: toLoad + addCost(st, to, it) }, toLoad);
      }
    }
    // Swaps: for each item given, the best item to take back is the one whose cost is closest to
    // (cost given - half the gap); find it by binary search over the other shard's sorted costs.
    const toItems = sortedByCost(st, items, to);
    const gap = topLoad - toLoad;
    for (const g of topItems) {
      const gi = items[g] as Item;
      const want = gi.cost - gap / 2;
      let lo = 0;
      let hi = toItems.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((items[toItems[mid] as number] as Item).cost < want) lo = mid + 1;
        else hi = mid;
      }
      for (const j of [lo - 2, lo - 1, lo, lo + 1]) {
        const t = toItems[j];
        if (t === undefined) continue;
        const ti = items[t] as Item;
        if (ti.cost > gi.cost || (ti.cost === gi.cost && (!st.shared || (ti.file === gi.file && ti.group === gi.group)))) continue;
        const [fromLoad, toLoadAfter] = swapLoads(st, top, to, gi, ti);
        consider({ from: top, to, give: g, take: t, fromLoad, toLoad: toLoadAfter }, toLoad);
      }
    }
    if (best) return best; // take the first (least loaded) shard that admits a step
  }
  return sideways;
}

function swapLoads(st: State, a: number, b: number, give: Item, take: Item): [number, number] {
  // Exact loads after the swap, counting files and groups that appear or disappear.
  let la = (st.load[a] as number) - give.cost + take.cost;
  let lb = (st.load[b] as number) - take.cost + give.cost;
  if (st.shared) {
    la += sharedDelta(st, a, give, take);
    lb += sharedDelta(st, b, take, give);
  }
  return [la, lb];
}

function sortedByCost(st: State, items: readonly Item[], shard: number): number[] {
  let cached = st.sorted[shard];
  if (!cached) {
    cached = (st.shards[shard] as number[]).slice().sort((a, b) => (items[a] as Item).cost - (items[b] as Item).cost || a - b);
    st.sorted[shard] = cached;
  }
  return cached;
}

function apply(st: State, items: readonly Item[], s: Step): void {
  st.sorted[s.from] = undefined;
  st.sorted[s.to] = undefined;
  unplace(st, s.from, s.give, items[s.give] as Item);
  if (s.take !== undefined) {
    unplace(st, s.to, s.take, items[s.take] as Item);
    place(st, s.from, s.take, items[s.take] as Item);
  }
  place(st, s.to, s.give, items[s.give] as Item);
}

/**
 * Contiguous chunks with the smallest possible largest chunk (binary search on the bound with a
 * greedy fill), then the largest multi-item chunks are cut until there are exactly N non-empty
 * chunks (or one per item when there are fewer items than shards).
 */
function chunks(items: readonly Item[], opts: PartitionOptions): number[][] {
  const n = opts.splits;
  if (items.length === 0) return Array.from({ length: n }, () => []);
  // Items of one file (and of one group) are adjacent in the canonical order, so a run pays a
  // file's or group's cost when it enters it.
  const alone = (it: Item): number => it.cost + fileCostOf(opts.perFile, it) + groupCostOf(it);
  const step = (prev: Item | undefined, it: Item): number => {
    if (!prev || prev.file !== it.file) return alone(it);
    return it.cost + (it.group !== prev.group ? groupCostOf(it) : 0);
  };
  const costOf = (from: number, to: number): number => {
    let c = 0;
    for (let i = from; i < to; i++) c += step(i > from ? items[i - 1] : undefined, items[i] as Item);
    return c;
  };
  const fill = (bound: number): number[] => {
    const starts = [0];
    let c = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as Item;
      const add = step(items[i - 1], it);
      if (c > 0 && c + add > bound) {
        starts.push(i);
        c = alone(it);
      } else c += add;
    }
    return starts;
  };
  let hi = costOf(0, items.length);
  let lo = 0;
  for (const it of items) lo = Math.max(lo, alone(it));
  for (let k = 0; k < 100 && hi - lo > 1e-9 * Math.max(1, hi); k++) {
    const mid = (lo + hi) / 2;
    if (fill(mid).length <= n) hi = mid;
    else lo = mid;
  }
  const starts = fill(hi * (1 + 1e-12));
  // Rounding in the sums can leave one chunk too many at the exact bound: merge it into the last.
  while (starts.length > n) starts.pop();
  const ranges: [number, number][] = starts.map((s, i) => [s, starts[i + 1] ?? items.length]);
  while (ranges.length < n) {
    // Cut the costliest range that still has two items, at its balance point.
    let pick = -1;
    let pickCost = -1;
    ranges.forEach(([a, b], i) => {
      const c = costOf(a, b);
      if (b - a > 1 && c > pickCost) {
        pick = i;
        pickCost = c;
      }
    });
    if (pick === -1) break;
    const [a, b] = ranges[pick] as [number, number];
    let cut = a + 1;
    let bestPeak = Infinity;
    for (let m = a + 1; m < b; m++) {
      const peak = Math.max(costOf(a, m), costOf(m, b));
      if (peak < bestPeak) {
        bestPeak = peak;
        cut = m;
      }
    }
    ranges.splice(pick, 1, [a, cut], [cut, b]);
  }
  const out: number[][] = ranges.map(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
  while (out.length < n) out.push([]);
  return out;
}

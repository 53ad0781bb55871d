/**
 * Partitioning algorithms: pure functions from items to N shards.
 *
 * A shard's load is the sum of its items' costs plus, once for every distinct file it touches, the
 * file's cost (collecting and importing a module and setting up its module fixtures is paid once
 * per shard that runs any of its tests; `perFile` unless the item says otherwise), plus once for
 * every distinct cut class (a class cut into several items) the class's cost (its class fixtures).
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
  /** The cut class (`file::Class`, a class cut into several items) this item belongs to: its cost is paid once per shard. */
  cutClass?: string;
  /** What a shard pays once for the cut class. Same for every item of a class. */
  classCost?: number;
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
  const entries = toEntries(items, opts.perFile);
  switch (algorithm) {
    case 'lpt':
      return finish(lpt(entries, opts));
    case 'balanced': {
      const packing = lpt(entries, opts);
      improve(packing, entries, opts);
      return finish(packing);
    }
    case 'chunks':
      return chunks(entries, opts.splits);
  }
}

/**
 * An item with what it pays once per shard resolved, and its position in the input. Files and cut
 * classes are numbered densely in order of first appearance (cut class -1: none).
 */
interface Entry {
  index: number;
  cost: number;
  file: number;
  fileCost: number;
  cutClass: number;
  /** 0 when the item is in no cut class. */
  classCost: number;
}

function toEntries(items: readonly Item[], perFile: number): Entry[] {
  const fileSlots = new Map<string, number>();
  const classSlots = new Map<string, number>();
  const slot = (slots: Map<string, number>, key: string): number => {
    let s = slots.get(key);
    if (s === undefined) slots.set(key, (s = slots.size));
    return s;
  };
  return items.map((it, index) => ({
    index,
    cost: it.cost,
    file: slot(fileSlots, it.file),
    fileCost: it.fileCost ?? perFile,
    cutClass: it.cutClass !== undefined ? slot(classSlots, it.cutClass) : -1,
    classCost: it.cutClass !== undefined ? (it.classCost ?? 0) : 0,
  }));
}

/** One shard while lpt and the improver fill it. */
interface Shard {
  index: number;
  /** Its entries, in the order they joined. */
  entries: Entry[];
  load: number;
  /** How many of its entries belong to each file. */
  files: Map<number, number>;
  /** How many of its entries belong to each cut class. */
  classes: Map<number, number>;
  /** Its entries sorted by cost, rebuilt lazily after the shard changes. */
  byCost: Entry[] | undefined;
}

/** The shards lpt and the improver share. */
interface Packing {
  shards: Shard[];
  /** True when some file or class has a cost: where an item goes changes what else is paid. */
  shared: boolean;
  /** Items of the slowest shard the improver has weighed against another shard, in all: its effort. */
  weighed: number;
}

function newPacking(n: number, entries: readonly Entry[], perFile: number): Packing {
  return {
    shards: Array.from({ length: n }, (_, index): Shard => ({ index, entries: [], load: 0, files: new Map(), classes: new Map(), byCost: undefined })),
    shared: perFile > 0 || entries.some((e) => e.fileCost > 0 || e.classCost > 0),
    weighed: 0,
  };
}

function finish(packing: Packing): Assignment {
  return packing.shards.map((s) => s.entries.map((e) => e.index).sort((a, b) => a - b));
}

/** What `cost` paid once per shard changes by when `d` items of its key join (+1) or leave (-1) a holder of `held`. */
function onceDelta(held: Map<number, number>, key: number, cost: number, d: number): number {
  const before = held.get(key) ?? 0;
  return cost * (Number(before + d > 0) - Number(before > 0));
}

/** Change of a shard's once-per-shard costs when `remove` leaves it and `add` joins it. */
function sharedDelta(s: Shard, remove: Entry, add: Entry): number {
  let delta = 0;
  if (remove.file !== add.file) {
    delta += onceDelta(s.files, remove.file, remove.fileCost, -1) + onceDelta(s.files, add.file, add.fileCost, 1);
  }
  if (remove.cutClass !== add.cutClass) {
    if (remove.cutClass >= 0) delta += onceDelta(s.classes, remove.cutClass, remove.classCost, -1);
    if (add.cutClass >= 0) delta += onceDelta(s.classes, add.cutClass, add.classCost, 1);
  }
  return delta;
}

function addCost(s: Shard, e: Entry): number {
  let c = e.cost + (s.files.has(e.file) ? 0 : e.fileCost);
  if (e.cutClass >= 0 && !s.classes.has(e.cutClass)) c += e.classCost;
  return c;
}

function removeCost(s: Shard, e: Entry): number {
  let c = e.cost + (s.files.get(e.file) === 1 ? e.fileCost : 0);
  if (e.cutClass >= 0 && s.classes.get(e.cutClass) === 1) c += e.classCost;
  return c;
}

function count(held: Map<number, number>, key: number, by: number): void {
  const c = (held.get(key) ?? 0) + by;
  if (c === 0) held.delete(key);
  else held.set(key, c);
}

function place(s: Shard, e: Entry): void {
  s.load += addCost(s, e);
  count(s.files, e.file, 1);
  if (e.cutClass >= 0) count(s.classes, e.cutClass, 1);
  s.entries.push(e);
  s.byCost = undefined;
}

function unplace(s: Shard, e: Entry): void {
  s.load -= removeCost(s, e);
  count(s.files, e.file, -1);
  if (e.cutClass >= 0) count(s.classes, e.cutClass, -1);
  s.entries.splice(s.entries.indexOf(e), 1);
  s.byCost = undefined;
}

/** Order shards by (load, item count, index): an empty shard wins a tie with a non-empty one. */
function better(a: Shard, loadA: number, b: Shard, loadB: number): boolean {
  if (loadA !== loadB) return loadA < loadB;
  if (a.entries.length !== b.entries.length) return a.entries.length < b.entries.length;
  return a.index < b.index;
}

function lpt(entries: readonly Entry[], opts: PartitionOptions): Packing {
  const packing = newPacking(opts.splits, entries, opts.perFile);
  const order = entries.slice().sort((a, b) => b.cost - a.cost || a.index - b.index);
  const heap = new ShardHeap(packing.shards);
  const holders = new Map<number, Shard[]>(); // file -> shards that already have it
  let empty = packing.shards.length;
  order.forEach((e, k) => {
    let best: Shard;
    if (empty > 0 && order.length - k <= empty) {
      best = packing.shards.find((s) => s.entries.length === 0) as Shard; // keep every shard non-empty
    } else {
      best = heap.peek();
      let bestLoad = best.load + addCost(best, e);
      for (const s of holders.get(e.file) ?? []) {
        const l = s.load + addCost(s, e);
        if (better(s, l, best, bestLoad)) {
          best = s;
          bestLoad = l;
        }
      }
    }
    if (best.entries.length === 0) empty--;
    const had = best.files.has(e.file);
    place(best, e);
    if (!had) {
      const h = holders.get(e.file);
      if (h) h.push(best);
      else holders.set(e.file, [best]);
    }
    heap.update(best);
  });
  return packing;
}

/** Binary min-heap of shards ordered by `better` on their current loads. */
class ShardHeap {
  private readonly heap: Shard[];
  private readonly slot: Map<Shard, number>;
  constructor(shards: readonly Shard[]) {
    this.heap = shards.slice();
    this.slot = new Map(shards.map((s, i) => [s, i]));
  }
  peek(): Shard {
    return this.heap[0] as Shard;
  }
  private less(i: number, j: number): boolean {
    const a = this.heap[i] as Shard;
    const b = this.heap[j] as Shard;
    return better(a, a.load, b, b.load);
  }
  private swap(i: number, j: number): void {
    const a = this.heap[i] as Shard;
    const b = this.heap[j] as Shard;
    this.heap[i] = b;
    this.heap[j] = a;
    this.slot.set(b, i);
    this.slot.set(a, j);
  }
  update(shard: Shard): void {
    let i = this.slot.get(shard) ?? 0;
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
 * The improver's effort bound, in items of the slowest shard weighed against another shard (what a
 * step costs): this many, or this many per item if more. The real suites in the benchmark data (up
 * to 12k tests) weigh at most about 0.3 million; 100k equal tests with a per-file cost would go on
 * for over ten million, each step linear in the items, for gains of a few file costs.
 */
const IMPROVE_MIN_WEIGHED = 1_000_000;
const IMPROVE_WEIGHED_PER_ITEM = 10;

/**
 * Local search: while the slowest shard can be made faster by moving one of its items to another
 * shard, or swapping one of its items with a cheaper one elsewhere, do the best such step. With
 * per-file costs, when no such step exists, a step that leaves the slowest shard as it is, keeps
 * the other shard below it and lowers the two shards' total (fewer files paid twice) is taken.
 * Every step lowers the slowest shard's load, or the number of shards tied at the top, or (at the
 * same top) the total, so it ends; `maxSteps` and the items weighed bound the effort regardless.
 * The slowest load never rises, so the result is never worse than `lpt`.
 */
function improve(packing: Packing, entries: readonly Entry[], opts: PartitionOptions): void {
  const { shards } = packing;
  if (shards.length < 2) return;
  const maxSteps = opts.maxSteps ?? Math.min(5000, 50 * shards.length + entries.length);
  const maxWeighed = Math.max(IMPROVE_MIN_WEIGHED, IMPROVE_WEIGHED_PER_ITEM * entries.length);
  // The slowest shard can be no faster than the mean (each file collected once) or the costliest item.
  let total = 0;
  let largest = 0;
  const fileOnce = new Map<number, number>();
  const classOnce = new Map<number, number>();
  for (const e of entries) {
    total += e.cost;
    fileOnce.set(e.file, e.fileCost);
    if (e.cutClass >= 0) classOnce.set(e.cutClass, e.classCost);
    largest = Math.max(largest, e.cost + e.fileCost + e.classCost);
  }
  for (const c of fileOnce.values()) total += c;
  for (const c of classOnce.values()) total += c;
  const floor = Math.max(total / shards.length, largest);
  for (let step = 0; step < maxSteps; step++) {
    const top = shards.reduce((t, s) => (s.load > t.load ? s : t));
    const eps = 1e-9 * Math.max(1, top.load);
    // As good as it can get, to a millionth: finer than any timing the loads come from.
    if (top.load <= floor * (1 + 1e-6) + eps) return;
    if (packing.weighed >= maxWeighed) return;
    const others = shards.filter((s) => s !== top).sort((a, b) => a.load - b.load || a.index - b.index);
    const found = bestStep(packing, top, others, top.load - eps);
    if (!found) return;
    apply(found);
  }
}

interface Step {
  from: Shard;
  to: Shard;
  give: Entry;
  take?: Entry;
  /** Loads of `from` and `to` after the step. */
  fromLoad: number;
  toLoad: number;
}

/**
 * The step `improve` takes from the slowest shard `top`: the best one that brings it under
 * `ceiling` on the first (least loaded) shard that admits one, else the best sideways step.
 * Candidates are weighed in a fixed order (shards, then the top shard's items in the order they
 * joined), and a later one wins only when strictly better, so the choice is deterministic. Only
 * chosen steps are allocated: this runs over every item of the top shard for every other shard.
 */
function bestStep(packing: Packing, top: Shard, others: readonly Shard[], ceiling: number): Step | undefined {
  const topLoad = top.load;
  const { shared } = packing;
  let best: Step | undefined;
  let bestPeak = Infinity;
  let sideways: Step | undefined;
  let sidewaysSaving = 1e-9 * Math.max(1, topLoad);
  const consider = (to: Shard, toBefore: number, give: Entry, take: Entry | undefined, fromLoad: number, toLoad: number): void => {
    const peak = Math.max(fromLoad, toLoad);
    if (peak < ceiling) {
      if (!best || peak < bestPeak - 1e-12) {
        best = { from: top, to, give, ...(take !== undefined ? { take } : {}), fromLoad, toLoad };
        bestPeak = peak;
      }
      return;
    }
    // Same slowest shard, the other stays below it, fewer seconds paid in all.
    if (!shared) return;
    const saving = topLoad + toBefore - fromLoad - toLoad;
    if (fromLoad <= topLoad && toLoad < ceiling && saving > sidewaysSaving) {
      sideways = { from: top, to, give, ...(take !== undefined ? { take } : {}), fromLoad, toLoad };
      sidewaysSaving = saving;
    }
  };
  // What the top shard sheds when an item leaves it does not depend on where the item goes.
  const gives = top.entries.map((give) => ({ give, fromLoad: topLoad - removeCost(top, give) }));
  for (const to of others) {
    const toLoad = to.load;
    // Sorted ascending: a shard already at the ceiling can take no load, though with a per-file
    // cost a swap that reunites two files can still help.
    if (toLoad >= ceiling && !shared) break;
    packing.weighed += top.entries.length;
    // Moves (never empty the top shard).
    if (top.entries.length > 1) {
      for (const { give, fromLoad } of gives) consider(to, toLoad, give, undefined, fromLoad, toLoad + addCost(to, give));
    }
    // Swaps: for each item given, the best item to take back is the one whose cost is closest to
    // (cost given - half the gap); find it by binary search over the other shard's sorted costs
    // (once for each run of equal costs given).
    const toSorted = sortedByCost(to);
    const gap = topLoad - toLoad;
    let lastWant = NaN;
    let lo = 0;
    for (const give of top.entries) {
      const want = give.cost - gap / 2;
      if (want !== lastWant) {
        lastWant = want;
        lo = 0;
        let hi = toSorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((toSorted[mid] as Entry).cost < want) lo = mid + 1;
          else hi = mid;
        }
      }
      for (let j = lo - 2; j <= lo + 1; j++) {
        const take = toSorted[j];
        if (take === undefined) continue;
        if (take.cost > give.cost || (take.cost === give.cost && (!shared || (take.file === give.file && take.cutClass === give.cutClass)))) continue;
        // Exact loads after the swap, counting files and classes that appear or disappear.
        let fromLoad = topLoad - give.cost + take.cost;
        let toLoadAfter = toLoad - take.cost + give.cost;
        if (shared) {
          fromLoad += sharedDelta(top, give, take);
          toLoadAfter += sharedDelta(to, take, give);
        }
        consider(to, toLoad, give, take, fromLoad, toLoadAfter);
      }
    }
    if (best) return best; // take the first (least loaded) shard that admits a step
  }
  return sideways;
}

function sortedByCost(s: Shard): Entry[] {
  s.byCost ??= s.entries.slice().sort((a, b) => a.cost - b.cost || a.index - b.index);
  return s.byCost;
}

function apply(s: Step): void {
  unplace(s.from, s.give);
  if (s.take !== undefined) {
    unplace(s.to, s.take);
    place(s.from, s.take);
  }
  place(s.to, s.give);
}

/**
 * Contiguous runs with the smallest possible slowest run, then the costliest runs of two items or
 * more cut at their balance point until there are exactly N non-empty runs (or one per item when
 * there are fewer items than shards).
 *
 * The smallest slowest run is found exactly: a greedy fill (each run takes items while it stays
 * within a bound) needs the fewest runs for that bound, and a search on the bound narrows
 * [lo, hi] where hi is the slowest run of a fill that needed at most N runs and lo the least run
 * cost that a fill needing more than N runs turned away; both are costs of real runs, so the
 * search ends on the optimum itself, in at most about 70 fills (hi is at most the number of items
 * times lo at the start). Each fill is one linear pass; a run pays each file and each cut class
 * once, whether or not its items are adjacent.
 */
function chunks(entries: readonly Entry[], n: number): number[][] {
  if (entries.length === 0) return Array.from({ length: n }, () => []);
  const runs = new RunCosts(entries);
  let lo = 0;
  for (const e of entries) lo = Math.max(lo, e.cost + e.fileCost + e.classCost);
  let hi = runs.of(0, entries.length);
  while (lo < hi) {
    let mid = (lo + hi) / 2;
    if (!(mid > lo && mid < hi)) mid = lo; // lo and hi are neighbouring doubles
    const fill = runs.fill(mid, n);
    if (fill.starts.length <= n) hi = fill.slowest;
    else lo = fill.refused;
  }
  // Sums of one run's costs in another order can differ in the last bit: fill to a hair above the
  // optimum, so that such a run counts as fitting and earlier runs take all they can.
  const { starts } = runs.fill(hi * (1 + 1e-12), n);
  const ranges = starts.map((a, i): Range => {
    const b = starts[i + 1] ?? entries.length;
    return { a, b, cost: runs.of(a, b) };
  });
  while (ranges.length < n) {
    // Cut the costliest range that still has two items, at its balance point.
    let pick: Range | undefined;
    for (const r of ranges) if (r.b - r.a > 1 && r.cost > (pick?.cost ?? -1)) pick = r;
    if (pick === undefined) break;
    const { a, b } = pick;
    const cut = runs.balancePoint(a, b);
    ranges.splice(ranges.indexOf(pick), 1, { a, b: cut, cost: runs.of(a, cut) }, { a: cut, b, cost: runs.of(cut, b) });
  }
  const out: number[][] = ranges.map(({ a, b }) => Array.from({ length: b - a }, (_, i) => a + i));
  while (out.length < n) out.push([]);
  return out;
}

/** Entries [a, b) and their run's cost. */
interface Range {
  a: number;
  b: number;
  cost: number;
}

/** Costs of contiguous runs of entries: items in order, each file and cut class paid when the run first meets it. */
class RunCosts {
  private readonly fileMark: number[];
  private readonly classMark: number[];
  private stamp = 0;

  constructor(private readonly entries: readonly Entry[]) {
    let files = 0;
    let classes = 0;
    for (const e of entries) {
      files = Math.max(files, e.file + 1);
      classes = Math.max(classes, e.cutClass + 1);
    }
    this.fileMark = new Array<number>(files).fill(0);
    this.classMark = new Array<number>(classes).fill(0);
  }

  /** What `e` adds to the run marked `stamp`, marking its file and class as paid there. */
  private add(e: Entry, stamp: number): number {
    let add = e.cost;
    if (this.fileMark[e.file] !== stamp) {
      this.fileMark[e.file] = stamp;
      add = e.cost + e.fileCost;
    }
    if (e.cutClass >= 0 && this.classMark[e.cutClass] !== stamp) {
      this.classMark[e.cutClass] = stamp;
      add += e.classCost;
    }
    return add;
  }

  /** Cost of the run [a, b). */
  of(a: number, b: number): number {
    const stamp = ++this.stamp;
    let c = 0;
    for (let i = a; i < b; i++) c += this.add(this.entries[i] as Entry, stamp);
    return c;
  }

  /**
   * Greedy fill: each run takes the next item while its cost stays within `bound` (a run always
   * takes its first item). Stops early once it needs more than `limit` runs. `slowest`: the
   * costliest run; `refused`: the least cost a run would have had with the item it turned away.
   */
  fill(bound: number, limit: number): { starts: number[]; slowest: number; refused: number } {
    const starts = [0];
    let stamp = ++this.stamp;
    let c = 0;
    let slowest = 0;
    let refused = Infinity;
    for (const e of this.entries) {
      const add = this.add(e, stamp);
      if (c > 0 && c + add > bound) {
        refused = Math.min(refused, c + add);
        slowest = Math.max(slowest, c);
        starts.push(e.index);
        if (starts.length > limit) break;
        stamp = ++this.stamp;
        c = this.add(e, stamp);
      } else c += add;
    }
    slowest = Math.max(slowest, c);
    return { starts, slowest, refused };
  }

  /**
   * The first cut m in (a, b) with the smallest max(cost of [a, m), cost of [m, b)). The left cost
   * never falls and the right never rises as m grows, so binary searches find it.
   */
  balancePoint(a: number, b: number): number {
    const left = (m: number): number => this.of(a, m);
    const right = (m: number): number => this.of(m, b);
    // First m where the left run is at least the right one (b when there is none).
    let x = a + 1;
    let y = b;
    while (x < y) {
      const m = (x + y) >> 1;
      if (left(m) >= right(m)) y = m;
      else x = m + 1;
    }
    const cross = x;
    const atCross = cross < b ? left(cross) : Infinity;
    const before = cross > a + 1 ? right(cross - 1) : Infinity;
    if (atCross < before) return cross;
    // Before the crossing the peak is the right run: the first m whose right run is down to `before`.
    x = a + 1;
    y = cross - 1;
    while (x < y) {
      const m = (x + y) >> 1;
      if (right(m) <= before) y = m;
      else x = m + 1;
    }
    return x;
  }
}

/**
 * Partitioning algorithms: pure functions from items to N shards.
 *
 * A shard's load is the sum of its items' costs plus `perFile` for every distinct file it touches
 * (collecting and importing a module is paid once per shard that runs any of its tests).
 *
 * - `lpt`: longest processing time first; each item goes where it raises the load least.
 * - `balanced` (default): `lpt`, then a bounded local search on the slowest shard: move one item,
 *   or swap two, whenever that lowers the slowest shard. Never worse than `lpt`.
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
  files: Map<string, number>[];
  perFile: number;
  /** Per-shard item indices sorted by cost, rebuilt lazily after a shard changes. */
  sorted: (number[] | undefined)[];
}

function newState(n: number, perFile: number): State {
  return {
    shards: Array.from({ length: n }, () => []),
    load: new Array<number>(n).fill(0),
    files: Array.from({ length: n }, () => new Map<string, number>()),
    perFile,
    sorted: new Array<number[] | undefined>(n).fill(undefined),
  };
}

function addCost(st: State, s: number, it: Item): number {
  return it.cost + ((st.files[s] as Map<string, number>).has(it.file) ? 0 : st.perFile);
}

function removeCost(st: State, s: number, it: Item): number {
  return it.cost + ((st.files[s] as Map<string, number>).get(it.file) === 1 ? st.perFile : 0);
}

function place(st: State, s: number, idx: number, it: Item): void {
  st.load[s] = (st.load[s] as number) + addCost(st, s, it);
  const f = st.files[s] as Map<string, number>;
  f.set(it.file, (f.get(it.file) ?? 0) + 1);
  (st.shards[s] as number[]).push(idx);
}

function unplace(st: State, s: number, idx: number, it: Item): void {
  st.load[s] = (st.load[s] as number) - removeCost(st, s, it);
  const f = st.files[s] as Map<string, number>;
  const c = (f.get(it.file) as number) - 1;
  if (c === 0) f.delete(it.file);
  else f.set(it.file, c);
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
  const st = newState(n, opts.perFile);
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
        const l = (st.load[s] as number) + it.cost;
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
 * shard, or swapping one of its items with a cheaper one elsewhere, do the best such step.
 * Every step lowers the slowest shard or the number of shards tied at the top, so it ends;
 * `maxSteps` bounds the effort regardless.
 */
function improve(st: State, items: readonly Item[], opts: PartitionOptions): void {
  const n = st.shards.length;
  if (n < 2) return;
  const maxSteps = opts.maxSteps ?? Math.min(5000, 50 * n + items.length);
  // The slowest shard can be no faster than the mean (each file collected once) or the costliest item.
  let total = 0;
  let largest = 0;
  const allFiles = new Set<string>();
  for (const it of items) {
    total += it.cost;
    allFiles.add(it.file);
    largest = Math.max(largest, it.cost + st.perFile);
  }
  total += st.perFile * allFiles.size;
  const floor = Math.max(total / n, largest);
  for (let step = 0; step < maxSteps; step++) {
    let top = 0;
    for (let s = 1; s < n; s++) if ((st.load[s] as number) > (st.load[top] as number)) top = s;
    const topLoad = st.load[top] as number;
    const eps = 1e-9 * Math.max(1, topLoad);
    if (topLoad <= floor + eps) return; // as good as it can get
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
  peak: number;
}

function bestStep(st: State, items: readonly Item[], top: number, others: number[], ceiling: number): Step | undefined {
  const topItems = st.shards[top] as number[];
  const topLoad = st.load[top] as number;
  let best: Step | undefined;
  const consider = (s: Step): void => {
    if (s.peak < ceiling && (!best || s.peak < best.peak - 1e-12)) best = s;
  };
  for (const to of others) {
    const toLoad = st.load[to] as number;
    // Sorted ascending: a shard already at the ceiling can take no load, though with a per-file
    // cost a swap that reunites two files can still help.
    if (toLoad >= ceiling && st.perFile === 0) break;
    // Moves (never empty the top shard).
    if (topItems.length > 1) {
      for (const g of topItems) {
        const it = items[g] as Item;
        const peak = Math.max(topLoad - removeCost(st, top, it), toLoad + addCost(st, to, it));
        consider({ from: top, to, give: g, peak });
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
        if (ti.cost > gi.cost || (ti.cost === gi.cost && (st.perFile === 0 || ti.file === gi.file))) continue;
        const peak = swapPeak(st, top, to, gi, ti);
        consider({ from: top, to, give: g, take: t, peak });
      }
    }
    if (best) return best; // take the first (least loaded) shard that admits a step
  }
  return best;
}

function swapPeak(st: State, a: number, b: number, give: Item, take: Item): number {
  // Exact loads after the swap, counting files that appear or disappear.
  let la = (st.load[a] as number) - give.cost + take.cost;
  let lb = (st.load[b] as number) - take.cost + give.cost;
  if (st.perFile !== 0 && give.file !== take.file) {
    const fa = st.files[a] as Map<string, number>;
    const fb = st.files[b] as Map<string, number>;
    if (fa.get(give.file) === 1) la -= st.perFile;
    if (!fa.has(take.file)) la += st.perFile;
    if (fb.get(take.file) === 1) lb -= st.perFile;
    if (!fb.has(give.file)) lb += st.perFile;
  }
  return Math.max(la, lb);
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
  const costOf = (from: number, to: number): number => {
    let c = 0;
    let lastFile: string | undefined;
    for (let i = from; i < to; i++) {
      const it = items[i] as Item;
      c += it.cost;
      if (it.file !== lastFile) c += opts.perFile;
      lastFile = it.file;
    }
    return c;
  };
  const fill = (bound: number): number[] => {
    const starts = [0];
    let c = 0;
    let lastFile: string | undefined;
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as Item;
      const add = it.cost + (it.file !== lastFile ? opts.perFile : 0);
      if (c > 0 && c + add > bound) {
        starts.push(i);
        c = it.cost + opts.perFile;
      } else c += add;
      lastFile = it.file;
    }
    return starts;
  };
  let hi = costOf(0, items.length);
  let lo = 0;
  for (const it of items) lo = Math.max(lo, it.cost + opts.perFile);
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

/**
 * A read-only map of node id -> seconds kept as two parallel arrays sorted by id (plain code-unit
 * order, as `<` compares). Durations files are usually written with sorted keys (pytest-split and
 * `split-plan refresh` both sort), and then this is all a reader has to build: no hash table, and
 * suite building walks the arrays in order. Lookups are binary searches.
 */
import type { Durations, NodeId } from './types.js';

export class SortedDurations implements Durations {
  /** `ids` strictly increasing (so unique) and as long as `seconds`; see fromSorted. */
  private constructor(
    private readonly ids: readonly NodeId[],
    private readonly seconds: readonly number[],
  ) {}

  /** The map of these pairs if `ids` is strictly increasing, else undefined (unsorted or a duplicate). */
  static fromSorted(ids: readonly NodeId[], seconds: readonly number[]): SortedDurations | undefined {
    if (ids.length !== seconds.length) throw new Error('SortedDurations: ids and seconds differ in length');
    for (let i = 1; i < ids.length; i++) if (!((ids[i - 1] as NodeId) < (ids[i] as NodeId))) return undefined;
    return new SortedDurations(ids, seconds);
  }

  get size(): number {
    return this.ids.length;
  }

  private indexOf(id: NodeId): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ids[mid] as NodeId;
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(id: NodeId): number | undefined {
    const i = this.indexOf(id);
    return i === -1 ? undefined : this.seconds[i];
  }

  has(id: NodeId): boolean {
    return this.indexOf(id) !== -1;
  }

  forEach(callback: (seconds: number, id: NodeId, map: Durations) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.ids.length; i++) callback.call(thisArg, this.seconds[i] as number, this.ids[i] as NodeId, this);
  }

  keys(): MapIterator<NodeId> {
    return this.ids.values();
  }

  values(): MapIterator<number> {
    return this.seconds.values();
  }

  *entries(): MapIterator<[NodeId, number]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i] as NodeId, this.seconds[i] as number];
  }

  [Symbol.iterator](): MapIterator<[NodeId, number]> {
    return this.entries();
  }
}

/**
 * The same invariants for every partitioning algorithm (the algorithm is a pure function):
 * each item in exactly one shard, exactly N shards, no empty shard when there are at least N
 * items, deterministic, and the quality bounds each algorithm promises.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { partition, type Item } from '../src/core/partition.js';
import { ALGORITHMS, type Algorithm } from '../src/core/types.js';

function loads(items: readonly Item[], shards: number[][], perFile: number): number[] {
  return shards.map((idxs) => {
    const files = new Set(idxs.map((i) => (items[i] as Item).file));
    return idxs.reduce((a, i) => a + (items[i] as Item).cost, 0) + perFile * files.size;
  });
}

const itemsArb = fc.array(
  fc.record({
    cost: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    file: fc.constantFrom('a.py', 'b.py', 'c.py', 'd/e.py', 'f.py'),
  }),
  { minLength: 0, maxLength: 60 },
);

describe.each(ALGORITHMS.map((a) => [a]))('partition invariants: %s', (algorithm: Algorithm) => {
  it('puts every item in exactly one of exactly N shards, never leaving one empty when it can be filled', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 0.5), (items, splits, perFile) => {
        const shards = partition(items, algorithm, { splits, perFile });
        expect(shards).toHaveLength(splits);
        const seen = shards.flat().sort((a, b) => a - b);
        expect(seen).toEqual(items.map((_, i) => i));
        const empty = shards.filter((s) => s.length === 0).length;
        expect(empty).toBe(Math.max(0, splits - items.length));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 12 }), (items, splits) => {
        expect(partition(items, algorithm, { splits, perFile: 0.1 })).toEqual(partition(items, algorithm, { splits, perFile: 0.1 }));
      }),
      { numRuns: 100 },
    );
  });
});

describe('partition quality', () => {
  it('lpt stays within the list-scheduling bound: mean + (1 - 1/N) x largest item', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 12 }), (items, splits) => {
        const l = loads(items, partition(items, 'lpt', { splits, perFile: 0 }), 0);
        const total = items.reduce((a, it) => a + it.cost, 0);
        const largest = Math.max(0, ...items.map((it) => it.cost));
        expect(Math.max(0, ...l)).toBeLessThanOrEqual(total / splits + (1 - 1 / splits) * largest + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('balanced is never worse than lpt (with and without per-file cost)', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 0.3, 5), (items, splits, perFile) => {
        const lpt = Math.max(0, ...loads(items, partition(items, 'lpt', { splits, perFile }), perFile));
        const bal = Math.max(0, ...loads(items, partition(items, 'balanced', { splits, perFile }), perFile));
        expect(bal).toBeLessThanOrEqual(lpt + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('chunks keeps the given order: every shard is a contiguous run, runs in order', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 12 }), (items, splits) => {
        const shards = partition(items, 'chunks', { splits, perFile: 0 }).filter((s) => s.length > 0);
        const flat = shards.flat();
        expect(flat).toEqual(items.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('chunks finds the smallest possible slowest run (brute force over every cut, files and cut classes paid once per run)', () => {
    const fileCosts: Record<string, number> = { 'a.py': 0, 'b.py': 1.5, 'c.py': 0.25 };
    const itemArb = fc.record({
      cost: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 10, noNaN: true })),
      file: fc.constantFrom('a.py', 'b.py', 'c.py'),
      cls: fc.constantFrom(undefined, 'K', 'L'),
    });
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 10 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (raw, splits, adjacent) => {
        // Plans give items sorted by key (a file's items, and a class's, adjacent); any order must work.
        const ordered = adjacent ? raw.slice().sort((x, y) => (x.file + (x.cls ?? '') < y.file + (y.cls ?? '') ? -1 : 1)) : raw;
        const items: Item[] = ordered.map((r) => ({
          cost: r.cost,
          file: r.file,
          fileCost: fileCosts[r.file] as number,
          ...(r.cls !== undefined ? { cutClass: `${r.file}::${r.cls}`, classCost: r.cls === 'K' ? 2 : 0 } : {}),
        }));
        const runCost = (from: number, to: number): number => {
          const once = new Map<string, number>();
          let c = 0;
          for (const it of items.slice(from, to)) {
            c += it.cost;
            once.set(it.file, it.fileCost ?? 0);
            if (it.cutClass !== undefined) once.set(`class ${it.cutClass}`, it.classCost ?? 0);
          }
          for (const v of once.values()) c += v;
          return c;
        };
        // best[k][i]: the smallest slowest run over the first i items cut into k non-empty runs.
        const n = items.length;
        const best = Array.from({ length: splits + 1 }, () => new Array<number>(n + 1).fill(Infinity));
        (best[0] as number[])[0] = 0;
        for (let k = 1; k <= splits; k++) {
          for (let i = 1; i <= n; i++) {
            for (let j = k - 1; j < i; j++) {
              const v = Math.max((best[k - 1] as number[])[j] as number, runCost(j, i));
              if (v < ((best[k] as number[])[i] as number)) (best[k] as number[])[i] = v;
            }
          }
        }
        const optimum = n === 0 ? 0 : Math.min(...best.map((row) => row[n] as number));
        const shards = partition(items, 'chunks', { splits, perFile: 0 });
        const runs = shards.filter((s) => s.length > 0);
        expect(runs.flat()).toEqual(items.map((_, i) => i));
        const slowest = Math.max(0, ...runs.map((s) => runCost(s[0] as number, (s[s.length - 1] as number) + 1)));
        expect(slowest).toBeLessThanOrEqual(optimum + 1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    // items, splits, best possible slowest shard
    [[5, 5, 4, 3, 3], 2, 10],
    [[3.99, 3.41, 3.09, 2.43, 0.07, 0.01], 3, 5.52],
    [[7, 7, 6, 6, 5, 5, 4, 4, 4], 3, 16],
    [[1, 1, 1, 1], 4, 1],
  ])('balanced finds the optimum on small hard cases %#', (costs, splits, optimum) => {
    const items = costs.map((cost, i) => ({ cost, file: `f${i}.py` }));
    const l = loads(items, partition(items, 'balanced', { splits, perFile: 0 }), 0);
    expect(Math.max(...l)).toBeCloseTo(optimum, 6);
  });

  it('with a per-file cost, pieces of one file stay together when that is cheaper', () => {
    // Two pieces of a.py and two of b.py, each 1 s; collecting a file costs 10 s.
    const items = [
      { cost: 1, file: 'a.py' },
      { cost: 1, file: 'a.py' },
      { cost: 1, file: 'b.py' },
      { cost: 1, file: 'b.py' },
    ];
    const shards = partition(items, 'balanced', { splits: 2, perFile: 10 });
    const filesPerShard = shards.map((s) => new Set(s.map((i) => (items[i] as Item).file)).size);
    expect(filesPerShard).toEqual([1, 1]);
  });
});

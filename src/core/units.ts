/**
 * Turns the suite into schedulable units. A unit is what one shard runs together: a whole file,
 * a class, or single tests, with the selectors that make pytest run exactly those tests.
 *
 * `auto` keeps every file whole unless the file alone costs more than a shard's fair share. Such a
 * file is cut into pieces (classes first, single tests only inside a class that is still too big),
 * and neighbouring pieces are packed back together up to the fair share, so the file is paid for
 * (collected, imported, module fixtures set up) in as few shards as possible.
 */
import { parseNodeId } from './nodeid.js';
import { sum } from './stats.js';
import type { Suite, SuiteTest } from './suite.js';
import type { Granularity, NodeId, OverheadModel } from './types.js';

export interface Unit {
  /** Sort key and stable identity: the first selector. */
  key: string;
  file: string;
  selectors: string[];
  tests: NodeId[];
  /** Sum of the tests' own seconds. */
  seconds: number;
  /** The longest single test in the unit. */
  longest: number;
  /** How many of the tests have estimated seconds. */
  estimated: number;
  /** True when the unit is part of a file that was cut into several units. */
  partial: boolean;
}

export interface UnitOptions {
  granularity: Granularity;
  splits: number;
  workers: number;
  overhead: OverheadModel;
}

export interface UnitsResult {
  units: Unit[];
  /** Files cut into several units, sorted. */
  splitFiles: string[];
}

interface FileGroup {
  file: string;
  tests: SuiteTest[];
}

export function buildUnits(suite: Suite, opts: UnitOptions): UnitsResult {
  const groups = groupByFile(suite.tests);
  const wholeFileUnits = suite.unknownFiles.map(
    (u): Unit => ({
      key: u.file,
      file: u.file,
      selectors: [u.file],
      tests: [u.file],
      seconds: u.seconds,
      longest: u.seconds,
      estimated: 1,
      partial: false,
    }),
  );
  let units: Unit[];
  switch (opts.granularity) {
    case 'file':
      units = groups.map(wholeFile);
      break;
    case 'class':
      units = groups.flatMap((g) => byClass(g));
      break;
    case 'test':
      units = groups.flatMap((g) => (g.tests.length === 1 ? [wholeFile(g)] : byTest(g)));
      break;
    case 'auto':
      units = autoUnits(groups, wholeFileUnits, opts);
      break;
  }
  units.push(...wholeFileUnits);
  units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const splitFiles = [...new Set(units.filter((u) => u.partial).map((u) => u.file))].sort();
  return { units, splitFiles };
}

function autoUnits(groups: FileGroup[], extra: Unit[], opts: UnitOptions): Unit[] {
  const { splits, workers, overhead } = opts;
  const fileCount = groups.length + extra.length;
  const testSeconds = sum(groups.map((g) => sum(g.tests.map((t) => t.seconds)))) + sum(extra.map((u) => u.seconds));
  // What one shard should carry beyond its fixed start-up, in shard seconds.
  const share = (testSeconds / workers + overhead.perFileSeconds * fileCount) / splits;
  const out: Unit[] = [];
  for (const g of groups) {
    const whole = wholeFile(g);
    const cost = whole.seconds / workers + overhead.perFileSeconds;
    if (splits === 1 || cost <= share || g.tests.length === 1) {
      out.push(whole);
      continue;
    }
    // Too big for one shard: cut by class, cut oversized classes by test, then pack neighbours.
    const limit = share - overhead.perFileSeconds;
    const fine = byClass(g).flatMap((piece) =>
      piece.seconds / workers > limit && piece.tests.length > 1 ? byTest(testsOf(g, piece)) : [piece],
    );
    out.push(...packContiguous(fine, limit * workers));
  }
  if (out.length + extra.length < splits) {
    // Fewer units than shards: fall back to single tests so no shard has to stay empty.
    return groups.flatMap((g) => (g.tests.length > 1 ? byTest(g) : [wholeFile(g)]));
  }
  return out;
}

function groupByFile(tests: readonly SuiteTest[]): FileGroup[] {
  const byFile = new Map<string, SuiteTest[]>();
  for (const t of tests) {
    const list = byFile.get(t.file);
    if (list) list.push(t);
    else byFile.set(t.file, [t]);
  }
  return [...byFile.keys()].sort().map((file) => ({ file, tests: byFile.get(file) as SuiteTest[] }));
}

function makeUnit(file: string, selectors: string[], tests: readonly SuiteTest[], partial: boolean): Unit {
  let longest = 0;
  let estimated = 0;
  for (const t of tests) {
    if (t.seconds > longest) longest = t.seconds;
    if (t.estimated) estimated++;
  }
  return {
    key: selectors[0] ?? file,
    file,
    selectors,
    tests: tests.map((t) => t.id),
    seconds: sum(tests.map((t) => t.seconds)),
    longest,
    estimated,
    partial,
  };
}

function wholeFile(g: FileGroup): Unit {
  return makeUnit(g.file, [g.file], g.tests, false);
}

/** One unit per test, selected by its full node id. */
function byTest(g: FileGroup): Unit[] {
  return g.tests.map((t) => makeUnit(g.file, [t.id], [t], true));
}

/**
 * One unit per outermost class (selector `file::Class`), and one per module-level function with
 * all its parametrizations (selectors: their ids).
 */
function byClass(g: FileGroup): Unit[] {
  const pieces = new Map<string, { selector?: string; tests: SuiteTest[] }>();
  for (const t of g.tests) {
    const p = parseNodeId(t.id);
    const outer = p.classes[0];
    const key = outer !== undefined ? `${p.file}::${outer}` : `${p.file}::${p.func}`;
    let piece = pieces.get(key);
    if (!piece) {
      piece = outer !== undefined ? { selector: key, tests: [] } : { tests: [] };
      pieces.set(key, piece);
    }
    piece.tests.push(t);
  }
  if (pieces.size === 1) return [wholeFile(g)];
  return [...pieces.keys()].sort().map((k) => {
    const piece = pieces.get(k) as { selector?: string; tests: SuiteTest[] };
    const selectors = piece.selector !== undefined ? [piece.selector] : piece.tests.map((t) => t.id);
    return makeUnit(g.file, selectors, piece.tests, true);
  });
}

function testsOf(g: FileGroup, unit: Unit): FileGroup {
  const ids = new Set(unit.tests);
  return { file: g.file, tests: g.tests.filter((t) => ids.has(t.id)) };
}

/** Packs consecutive pieces of one file into units of at most `limit` seconds where possible. */
function packContiguous(pieces: Unit[], limit: number): Unit[] {
  const out: Unit[] = [];
  let cur: Unit | undefined;
  for (const p of pieces) {
    if (cur && cur.seconds + p.seconds <= limit) {
      cur = {
        key: cur.key,
        file: cur.file,
        selectors: cur.selectors.concat(p.selectors),
        tests: cur.tests.concat(p.tests),
        seconds: cur.seconds + p.seconds,
        longest: Math.max(cur.longest, p.longest),
        estimated: cur.estimated + p.estimated,
        partial: true,
      };
    } else {
      if (cur) out.push(cur);
      cur = p;
    }
  }
  if (cur) out.push(cur);
  return out;
}

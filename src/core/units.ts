/**
 * Turns the suite into schedulable units. A unit is what one shard runs together: a whole file,
 * a class, or single tests, with the selectors that make pytest run exactly those tests.
 *
 * A unit's seconds are its tests' own seconds: the setups the cost model found in first tests
 * (overhead.ts) are taken off, because the shard pays them per file (and per cut class) instead.
 *
 * `auto` offers two choices and the planner keeps the one with the faster slowest shard (ties:
 * the first): every file whole; and every file whose cost (its tests, its collection and its
 * setup) exceeds a shard's fair share cut into pieces (classes first, single tests only inside a
 * class that is still too big), neighbouring pieces packed back together up to the fair share. So
 * a file is cut only when that pays for collecting it and setting it up again in another shard.
 *
 * Tests of a `--together` set (together.ts) are taken out first and placed as one unit: its
 * members (one per file) are what it runs; the rest of their files is unitised as usual. The unit
 * counts as one long test (`longest` is its whole time): with pytest-xdist it runs on one worker.
 */
import { classCost as costModelClassCost, fileCost as costModelFileCost, itemCost } from './costModel.js';
import { NO_SETUPS, type SetupModel } from './overhead.js';
import { classKeyOf, parseNodeId } from './nodeid.js';
import { sum } from './stats.js';
import type { Suite, SuiteTest } from './suite.js';
import type { TogetherSet } from './together.js';
import type { Granularity, NodeId, OverheadModel } from './types.js';

export interface Unit {
  /** Sort key and stable identity: the first selector. */
  key: string;
  file: string;
  selectors: string[];
  tests: NodeId[];
  /** Sum of the tests' own seconds (setups taken off). */
  seconds: number;
  /** The longest single test in the unit (own seconds). */
  longest: number;
  /** How many of the tests have estimated seconds. */
  estimated: number;
  /** True when the unit is part of a file that was cut into several units. */
  partial: boolean;
  /** `file::Class` when the unit is part of a class cut into several units (it pays the class setup). */
  cutClass?: string;
  /** A together set's unit: its index in UnitOptions.together, and its pieces, one per file. */
  together?: number;
  members?: Unit[];
}

export interface UnitOptions {
  granularity: Granularity;
  splits: number;
  workers: number;
  overhead: OverheadModel;
  setups?: SetupModel;
  /** Sets of tests that must share a shard (together.ts), each placed as one unit. */
  together?: readonly TogetherSet[];
}

export interface UnitsResult {
  /** Sorted by key. */
  units: Unit[];
}

/** One test file's tests, in suite order. */
interface FileTests {
  file: string;
  tests: SuiteTest[];
}

/** The unit sets worth planning: one for a fixed granularity, the whole-file and the cut choice for `auto`. */
export function unitChoices(suite: Suite, opts: UnitOptions): UnitsResult[] {
  const setups = opts.setups ?? NO_SETUPS;
  const cutter = new Cutter(setups);
  const { fileTests, togetherUnits, touched } = takeTogether(suite, opts.together ?? [], cutter);
  const unknownUnits = suite.unknownFiles
    .filter((u) => !togetherUnits.some((t) => t.selectors.includes(u.file)))
    .map((u): Unit => ({
      key: u.file,
      file: u.file,
      selectors: [u.file],
      tests: [u.file],
      seconds: u.seconds,
      longest: u.seconds,
      estimated: 1,
      partial: false,
    }));
  let choices: Unit[][];
  switch (opts.granularity) {
    case 'file':
      choices = [fileTests.map((g) => cutter.wholeFile(g))];
      break;
    case 'class':
      choices = [fileTests.flatMap((g) => cutter.byClass(g))];
      break;
    case 'test':
      choices = [fileTests.flatMap((g) => (g.tests.length === 1 ? [cutter.wholeFile(g)] : cutter.byTest(g)))];
      break;
    case 'auto': {
      const whole = fileTests.map((g) => cutter.wholeFile(g));
      const cut = autoUnits(fileTests, whole, unknownUnits.concat(togetherUnits), opts, cutter);
      choices = cut === undefined ? [whole] : [whole, cut];
      break;
    }
  }
  return choices.map((units) => {
    if (opts.granularity !== 'test' && units.length + unknownUnits.length + togetherUnits.length < opts.splits) {
      // Fewer units than shards: fall back to single tests so no shard has to stay empty.
      units = fileTests.flatMap((g) => (g.tests.length > 1 ? cutter.byTest(g) : [cutter.wholeFile(g)]));
    }
    // What is left of a file a together set took tests from is only part of it.
    if (touched.size > 0) units = units.map((u) => (touched.has(u.file) && !u.partial ? { ...u, partial: true } : u));
    const all = units.concat(unknownUnits, togetherUnits);
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { units: all };
  });
}

/**
 * Takes every together set's tests out of the suite's files: one unit per set (its members one per
 * file, in file order), the files' remaining tests, and the files the sets took tests from while
 * leaving others.
 */
function takeTogether(suite: Suite, sets: readonly TogetherSet[], cutter: Cutter): { fileTests: FileTests[]; togetherUnits: Unit[]; touched: Set<string> } {
  const all = splitByFile(suite.tests);
  if (sets.length === 0) return { fileTests: all, togetherUnits: [], touched: new Set() };
  const setOf = new Map<NodeId, number>();
  sets.forEach((set, k) => {
    for (const id of set.ids) if (!setOf.has(id)) setOf.set(id, k);
  });
  const taken = sets.map(() => new Map<string, SuiteTest[]>());
  const fileTests: FileTests[] = [];
  const touched = new Set<string>();
  for (const g of all) {
    const rest: SuiteTest[] = [];
    for (const t of g.tests) {
      const k = setOf.get(t.id);
      if (k === undefined) {
        rest.push(t);
        continue;
      }
      const byFile = taken[k] as Map<string, SuiteTest[]>;
      const list = byFile.get(g.file);
      if (list) list.push(t);
      else byFile.set(g.file, [t]);
    }
    if (rest.length > 0) fileTests.push(rest.length === g.tests.length ? g : { file: g.file, tests: rest });
    if (rest.length > 0 && rest.length < g.tests.length) touched.add(g.file);
  }
  const unknown = new Map(suite.unknownFiles.map((u) => [u.file, u]));
  const togetherUnits = sets.map((set, k): Unit => {
    const members: Unit[] = [...(taken[k] as Map<string, SuiteTest[]>)].map(([file, tests]) => cutter.make(file, [file], tests, touched.has(file)));
    for (const file of set.unknownFiles) {
      const u = unknown.get(file);
      if (u) members.push({ key: file, file, selectors: [file], tests: [file], seconds: u.seconds, longest: u.seconds, estimated: 1, partial: false });
    }
    members.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const first = members[0] as Unit;
    return {
      key: `${first.key}\u0000together-${k}`,
      file: first.file,
      selectors: members.map((m) => m.file),
      tests: members.flatMap((m) => m.tests),
      seconds: sum(members.map((m) => m.seconds)),
      // One block: in order, on one worker.
      longest: sum(members.map((m) => m.seconds)),
      estimated: sum(members.map((m) => m.estimated)),
      partial: members.some((m) => m.partial),
      together: k,
      members,
    };
  });
  return { fileTests, togetherUnits: togetherUnits.filter((u) => u.members !== undefined && u.members.length > 0), touched };
}

/** These files of the suite whole, one unit each (selector: the file), as `file` granularity makes them. */
export function wholeFileUnits(suite: Suite, files: ReadonlySet<string>, setups: SetupModel = NO_SETUPS): Map<string, Unit> {
  const cutter = new Cutter(setups);
  return new Map(splitByFile(suite.tests.filter((t) => files.has(t.file))).map((g) => [g.file, cutter.wholeFile(g)]));
}

/** Seconds a shard pays once for a file it runs any test of: collection plus module setup (costModel.ts fileCost). */
export function fileCost(file: string, tests: number, opts: Pick<UnitOptions, 'overhead' | 'workers' | 'setups'>): number {
  return costModelFileCost(opts, file, tests);
}

/** Seconds a shard pays once for a cut class it runs any test of (costModel.ts classCost). */
export function classCost(cutClass: string, tests: number, opts: Pick<UnitOptions, 'overhead' | 'workers' | 'setups'>): number {
  return costModelClassCost(opts, cutClass, tests);
}

/** A test's own seconds: its file's setup taken off, and its class's too when its class is cut. */
export function ownSeconds(t: Pick<SuiteTest, 'id' | 'seconds'>, setups: SetupModel, classCut: boolean): number {
  if (setups.fileShare.size === 0 && setups.classShare.size === 0) return t.seconds;
  let s = t.seconds - (setups.fileShare.get(t.id) ?? 0);
  if (classCut) s -= setups.classShare.get(t.id) ?? 0;
  return Math.max(0, s);
}

/**
 * What `auto` weighs files by: each file's cost to one shard (its tests' own seconds per worker,
 * plus what the shard pays once for the file), and the fair share, what one shard should carry
 * beyond its fixed start-up (every file's cost, unknown files included, over the shards). A file
 * costing more than the fair share is cut. `explain` reports the same figures.
 */
export function fileShares(suite: Suite, opts: UnitOptions): { share: number; costs: Map<string, number> } {
  const fileTests = splitByFile(suite.tests);
  const cutter = new Cutter(opts.setups ?? NO_SETUPS);
  const { share, cost } = sharesOf(
    fileTests,
    fileTests.map((g) => cutter.wholeFile(g)),
    suite.unknownFiles,
    opts,
  );
  return { share, costs: new Map(fileTests.map((g, i) => [g.file, (cost[i] as FileShare).own + (cost[i] as FileShare).once])) };
}

interface FileShare {
  own: number;
  once: number;
}

function sharesOf(fileTests: FileTests[], whole: Unit[], unknown: readonly { seconds: number }[], opts: UnitOptions): { share: number; cost: FileShare[] } {
  // A whole file's unit seconds are its tests' own seconds (file setup off, class setups on).
  const cost = fileTests.map((g, i): FileShare => ({ own: itemCost(opts, (whole[i] as Unit).seconds), once: fileCost(g.file, g.tests.length, opts) }));
  const total = sum(cost.map((c) => c.own + c.once)) + sum(unknown.map((u) => itemCost(opts, u.seconds) + opts.overhead.perFileSeconds));
  return { share: total / opts.splits, cost };
}

/** The cut choice of `auto`, or undefined when no file is worth cutting. */
function autoUnits(fileTests: FileTests[], whole: Unit[], extra: Unit[], opts: UnitOptions, cutter: Cutter): Unit[] | undefined {
  const { workers } = opts;
  if (opts.splits === 1) return undefined;
  const { share, cost } = sharesOf(fileTests, whole, extra, opts);
  const out: Unit[] = [];
  let cutAny = false;
  for (const [i, g] of fileTests.entries()) {
    const c = cost[i] as FileShare;
    if (c.own + c.once <= share || g.tests.length === 1) {
      out.push(whole[i] as Unit);
      continue;
    }
    // Too big for one shard: cut by class, cut oversized classes by test, then pack neighbours.
    cutAny = true;
    const limit = Math.max(share - c.once, 0);
    const fine = cutter.byClass(g).flatMap((piece) => (piece.seconds / workers > limit && piece.tests.length > 1 ? cutter.byTest(testsOf(g, piece)) : [piece]));
    out.push(...packContiguous(fine, limit * workers));
  }
  return cutAny ? out : undefined;
}

function testsOf(g: FileTests, unit: Unit): FileTests {
  const ids = new Set(unit.tests);
  return { file: g.file, tests: g.tests.filter((t) => ids.has(t.id)) };
}

/** Makes units, taking the setups off the first tests. */
class Cutter {
  constructor(private readonly setups: SetupModel) {}

  /** A test's own seconds: its file's setup off, and its class's too when the class is cut. */
  own(t: SuiteTest, classCut: boolean): number {
    return ownSeconds(t, this.setups, classCut);
  }

  make(file: string, selectors: string[], tests: readonly SuiteTest[], partial: boolean, cutClass?: string): Unit {
    let longest = 0;
    let estimated = 0;
    // Neumaier-compensated, exactly as stats.sum adds the same values.
    let seconds = 0;
    let carry = 0;
    for (const t of tests) {
      const own = this.own(t, cutClass !== undefined);
      const next = seconds + own;
      carry += Math.abs(seconds) >= Math.abs(own) ? seconds - next + own : own - next + seconds;
      seconds = next;
      if (own > longest) longest = own;
      if (t.estimated) estimated++;
    }
    return {
      key: selectors[0] ?? file,
      file,
      selectors,
      tests: tests.map((t) => t.id),
      seconds: seconds + carry,
      longest,
      estimated,
      partial,
      ...(cutClass !== undefined ? { cutClass } : {}),
    };
  }

  wholeFile(g: FileTests): Unit {
    return this.make(g.file, [g.file], g.tests, false);
  }

  /** One unit per test, selected by its full node id; a test of a class is part of a cut class. */
  byTest(g: FileTests): Unit[] {
    return g.tests.map((t) => this.make(g.file, [t.id], [t], true, classKeyOf(t.id)));
  }

  /**
   * One unit per outermost class (selector `file::Class`), and one per module-level function with
   * all its parametrizations (selectors: their ids).
   */
  byClass(g: FileTests): Unit[] {
    const pieces = new Map<string, { selector?: string; tests: SuiteTest[] }>();
    for (const t of g.tests) {
      const p = parseNodeId(t.id);
      const cls = classKeyOf(p);
      const key = cls ?? `${p.file}::${p.func}`;
      let piece = pieces.get(key);
      if (!piece) {
        piece = cls !== undefined ? { selector: key, tests: [] } : { tests: [] };
        pieces.set(key, piece);
      }
      piece.tests.push(t);
    }
    if (pieces.size === 1) return [this.wholeFile(g)];
    return [...pieces.keys()].sort().map((k) => {
      const piece = pieces.get(k) as { selector?: string; tests: SuiteTest[] };
      const selectors = piece.selector !== undefined ? [piece.selector] : piece.tests.map((t) => t.id);
      return this.make(g.file, selectors, piece.tests, true);
    });
  }
}

function splitByFile(tests: readonly SuiteTest[]): FileTests[] {
  // Suite tests come sorted by file: walk the runs, and sort only if they were not in order.
  const fileTests: FileTests[] = [];
  const byFile = new Map<string, FileTests>();
  let ordered = true;
  let cur: FileTests | undefined;
  for (const t of tests) {
    if (cur === undefined || t.file !== cur.file) {
      if (cur !== undefined && !(cur.file < t.file)) ordered = false;
      cur = byFile.get(t.file);
      if (!cur) {
        cur = { file: t.file, tests: [] };
        byFile.set(t.file, cur);
        fileTests.push(cur);
      }
    }
    cur.tests.push(t);
  }
  return ordered ? fileTests : fileTests.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * Packs consecutive pieces of one file into units of at most `limit` seconds where possible. A
 * unit holds pieces of at most one cut class, so it pays at most one class setup. Linear: each
 * unit is built once from the run of pieces it packs.
 */
function packContiguous(pieces: Unit[], limit: number): Unit[] {
  const out: Unit[] = [];
  let run: Unit[] = [];
  let seconds = 0;
  let cutClass: string | undefined;
  for (const p of pieces) {
    const twoClasses = cutClass !== undefined && p.cutClass !== undefined && cutClass !== p.cutClass;
    if (run.length > 0 && !twoClasses && seconds + p.seconds <= limit) {
      run.push(p);
      seconds += p.seconds;
      cutClass ??= p.cutClass;
    } else {
      if (run.length > 0) out.push(packed(run, seconds, cutClass));
      run = [p];
      seconds = p.seconds;
      cutClass = p.cutClass;
    }
  }
  if (run.length > 0) out.push(packed(run, seconds, cutClass));
  return out;
}

/** One unit of a run of pieces (the piece itself when alone); `seconds` is their sum, added in order. */
function packed(run: Unit[], seconds: number, cutClass: string | undefined): Unit {
  const first = run[0] as Unit;
  if (run.length === 1) return first;
  let longest = 0;
  let estimated = 0;
  for (const p of run) {
    longest = Math.max(longest, p.longest);
    estimated += p.estimated;
  }
  return {
    key: first.key,
    file: first.file,
    selectors: run.flatMap((p) => p.selectors),
    tests: run.flatMap((p) => p.tests),
    seconds,
    longest,
    estimated,
    partial: true,
    ...(cutClass !== undefined ? { cutClass } : {}),
  };
}

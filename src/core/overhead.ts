/**
 * The per-shard cost model (README "Cost model"). A shard's wall seconds are
 *
 *   start-up + session setup + per file it runs: (collection + module setup)
 *   + per class it runs only part of: class setup + its tests' own seconds,
 *
 * and with K pytest-xdist workers the tests and setups are spread over the workers (each worker
 * that runs a file's tests pays its setup; every worker collects every file), but no shard
 * finishes before its longest test.
 *
 * Where the numbers come from:
 * - start-up: what pytest spends outside its JUnit session (interpreter, plugins, conftest
 *   imports, exit). JUnit never shows it; `--startup-seconds` (a previous run's wall time minus its
 *   `<testsuite time>`) or DEFAULT_STARTUP_SECONDS.
 * - collection: `<testsuite time>` minus the sum of its testcases is what a run paid beyond its
 *   tests (importing and collecting its files). Across shards that touched different numbers of
 *   files a least-squares line separates a fixed part from the per-file part; with one sample (or
 *   equal file counts) it is all put on the files.
 * - setups: pytest puts a module or class fixture's setup into the time of the first test that
 *   uses it. A file's setup is estimated as what its first test took beyond the median of its
 *   closest peers (the other parametrizations of the same function, else the tests of the same
 *   class or the other module-level tests, else the rest of the file), likewise for
 *   each class; the first test of a run also sets up the session, counted as what it paid beyond its
 *   file's setup. A setup is learned only with evidence: the group's first test differed between
 *   runs (another order, or the group cut across shards) and each of them paid it; the setup is the
 *   least such excess. From one order nothing is learned (a first test may just be slow). Those
 *   seconds are moved off the first tests into the file (paid again by every shard that runs part
 *   of the file), the class (paid again only when the class is cut) and the per-shard fixed cost.
 */
import { linearRegression } from 'simple-statistics';
import { fileOf, parseNodeId } from './nodeid.js';
import { median, sum } from './stats.js';
import type { MappedCase, NodeId, OverheadModel } from './types.js';

/** Used when nothing was measured: plan on test time alone (see README "Cost model"). */
export const DEFAULT_OVERHEAD: OverheadModel = { fixedSeconds: 0, perFileSeconds: 0, source: 'default', samples: 0 };

/** Seconds a bare `python -m pytest` takes before its session starts, when no flag says otherwise. */
export const DEFAULT_STARTUP_SECONDS = 0.3;

export interface OverheadSample {
  /** `<testsuite time>` */
  suiteSeconds: number;
  /** Sum of the suite's testcase times. */
  testSeconds: number;
  /** Distinct test files the suite's testcases belong to. */
  files: number;
  /** The report's index (MappedCase.report), when known: refresh's `pace` normalises by it. */
  report?: number;
}

export function learnOverhead(samples: readonly OverheadSample[], startupSeconds = DEFAULT_STARTUP_SECONDS): OverheadModel | undefined {
  const usable = samples
    .filter((s) => s.files > 0 && Number.isFinite(s.suiteSeconds))
    .map((s) => ({ files: s.files, extra: Math.max(0, s.suiteSeconds - s.testSeconds) }))
    .sort((a, b) => a.files - b.files || a.extra - b.extra);
  if (usable.length === 0) return undefined;
  const distinctFiles = new Set(usable.map((s) => s.files)).size;
  let fixed = 0;
  let perFile: number;
  if (distinctFiles >= 2) {
    const fit = linearRegression(usable.map((s) => [s.files, s.extra]));
    if (fit.m >= 0 && fit.b >= 0) {
      fixed = fit.b;
      perFile = fit.m;
    } else {
      perFile = ratio(usable);
    }
  } else {
    perFile = ratio(usable);
  }
  return { fixedSeconds: startupSeconds + fixed, perFileSeconds: perFile, source: 'junit', samples: usable.length };
}

function ratio(usable: { files: number; extra: number }[]): number {
  return sum(usable.map((s) => s.extra)) / sum(usable.map((s) => s.files));
}

// ---------------------------------------------------------------------------------------------
// Setups hidden in first tests

/** One testcase of one run (one JUnit report), in the order the run executed them. */
export interface RunCase {
  id: NodeId;
  time: number;
  /** Skipped tests set nothing up: the next test pays the fixtures. */
  skipped: boolean;
}

export interface SetupModel {
  /** Seconds of session-scoped setup every shard pays (once, in its first test). */
  sessionSeconds: number;
  /** Test file -> seconds of module-level setup, paid by every shard that runs any of its tests. */
  fileSeconds: ReadonlyMap<string, number>;
  /** `file::Class` (outermost) -> seconds of class-level setup, paid by every shard that runs any of its tests. */
  classSeconds: ReadonlyMap<string, number>;
  /** Seconds of file (and session) setup included in a test's timing: taken off it. */
  fileShare: ReadonlyMap<NodeId, number>;
  /** Seconds of class setup included in a test's timing: taken off it when its class is cut. */
  classShare: ReadonlyMap<NodeId, number>;
}

export const NO_SETUPS: SetupModel = {
  sessionSeconds: 0,
  fileSeconds: new Map(),
  classSeconds: new Map(),
  fileShare: new Map(),
  classShare: new Map(),
};

/** The outermost class of a test as `file::Class`, or undefined for a module-level test. */
export function classKeyOf(id: NodeId): string | undefined {
  const p = parseNodeId(id);
  const outer = p.classes[0];
  return outer === undefined ? undefined : `${p.file}::${outer}`;
}

/** The test function without its parameters: parametrizations of one function share it. */
function functionOf(id: NodeId): string {
  const bracket = id.indexOf('[');
  return bracket === -1 ? id : id.slice(0, bracket);
}

/** What holds the test function: its class path, or the file for a module-level test. */
function containerOf(id: NodeId): string {
  const fn = functionOf(id);
  const sep = fn.lastIndexOf('::');
  return sep === -1 ? fn : fn.slice(0, sep);
}

/**
 * What the first (non-skipped) test of a group paid beyond a typical test of that group: compared
 * with its siblings (same function) when it has some, else with the tests next to it (same class,
 * or the module-level tests), else with the group's other tests. Undefined when the group has no
 * other test to compare with.
 */
function excessOfFirst(tests: readonly RunCase[]): { first: RunCase; seconds: number } | undefined {
  const first = tests[0];
  if (!first || tests.length < 2) return undefined;
  const rest = tests.slice(1);
  const fn = functionOf(first.id);
  const container = containerOf(first.id);
  let peers = rest.filter((t) => functionOf(t.id) === fn);
  if (peers.length === 0) peers = rest.filter((t) => containerOf(t.id) === container);
  if (peers.length === 0) peers = rest;
  return { first, seconds: Math.max(0, first.time - median(peers.map((t) => t.time))) };
}

/** Groups the non-skipped cases of a run by key, keeping run order inside each group. */
function groupBy(cases: readonly RunCase[], key: (c: RunCase) => string | undefined): Map<string, RunCase[]> {
  const out = new Map<string, RunCase[]>();
  for (const c of cases) {
    if (c.skipped) continue;
    const k = key(c);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** A file or class as one run saw it: the test that ran first, and what it paid beyond its peers. */
interface FirstSeen {
  first: RunCase;
  /** Undefined when the group had only one test in that run (nothing to compare with). */
  excess?: number;
  /** Its first test was the run's first test (it also set up the session). */
  runFirst: boolean;
  /** For a class: its first test was also its file's first test in that run. */
  fileFirst?: boolean;
}

/**
 * The setup a group's first tests show, or undefined without evidence: excesses measured on at
 * least two different first tests (the group ran in other orders, or was cut across shards). The
 * setup is the least of them, what every first test paid; a first test slow by itself raises only
 * its own excess and is never charged as a setup.
 */
function evidencedSetup(seen: readonly { first: RunCase; excess?: number }[]): number | undefined {
  const measured = seen.filter((o) => o.excess !== undefined);
  if (new Set(measured.map((o) => o.first.id)).size < 2) return undefined;
  return Math.min(...measured.map((o) => o.excess as number));
}

/**
 * Learns the setups hidden in first tests from runs (one list of cases per JUnit report, in run
 * order). A setup needs evidence (evidencedSetup): one run cannot tell a module fixture from a
 * first test that is slow by itself (issue 11: libcst's test_codegen_clean.py, whose first test
 * alone takes 20 s, was charged to both shards it was cut across), so from a single order nothing
 * is learned and every timing is taken as it is. The session setup likewise needs runs that
 * started with different tests: per run, what its first test paid beyond its file's setup; the
 * least over those runs.
 */
export function learnSetups(runs: readonly (readonly RunCase[])[]): SetupModel {
  const files = new Map<string, FirstSeen[]>();
  const classes = new Map<string, FirstSeen[]>();
  const runFirsts: { first: RunCase; file: string }[] = [];
  // A test's timing is its mean over the runs it ran in (timings.ts), so what is taken off it is
  // the setup it paid summed over those runs, divided by their number.
  const ranIn = new Map<NodeId, number>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const run of runs) {
    for (const c of run) if (!c.skipped) ranIn.set(c.id, (ranIn.get(c.id) ?? 0) + 1);
    const firstCase = run.find((c) => !c.skipped);
    if (!firstCase) continue;
    runFirsts.push({ first: firstCase, file: fileOf(firstCase.id) });
    const fileFirst = new Map<string, NodeId>();
    for (const [file, tests] of groupBy(run, (c) => fileOf(c.id))) {
      const first = tests[0] as RunCase;
      fileFirst.set(file, first.id);
      const e = excessOfFirst(tests);
      push(files, file, { first, ...(e ? { excess: e.seconds } : {}), runFirst: first.id === firstCase.id });
    }
    for (const [cls, tests] of groupBy(run, (c) => classKeyOf(c.id))) {
      const first = tests[0] as RunCase;
      const e = excessOfFirst(tests);
      push(classes, cls, {
        first,
        ...(e ? { excess: e.seconds } : {}),
        runFirst: first.id === firstCase.id,
        fileFirst: fileFirst.get(fileOf(first.id)) === first.id,
      });
    }
  }

  const fileSeconds = new Map<string, number>();
  for (const [file, seen] of files) {
    const setup = evidencedSetup(seen);
    if (setup !== undefined && setup > 0) fileSeconds.set(file, setup);
  }
  // The session: what each run's first test paid beyond its file's setup, over runs that started
  // with different tests.
  const sessionSeen = runFirsts.map(({ first, file }) => {
    const own = files.get(file)?.find((o) => o.first === first);
    return own?.excess === undefined ? { first } : { first, excess: Math.max(0, own.excess - (fileSeconds.get(file) ?? 0)) };
  });
  const sessionSeconds = evidencedSetup(sessionSeen) ?? 0;
  const classSeconds = new Map<string, number>();
  for (const [cls, seen] of classes) {
    const file = fileOf(cls);
    // A class that starts its file in a run: its first test's excess holds the file's setup (and
    // the session's) too.
    const own = seen.map((o) =>
      o.excess === undefined || !o.fileFirst ? o : { ...o, excess: Math.max(0, o.excess - (fileSeconds.get(file) ?? 0) - (o.runFirst ? sessionSeconds : 0)) },
    );
    const setup = evidencedSetup(own);
    if (setup !== undefined && setup > 0) classSeconds.set(cls, setup);
  }

  // Take the learned setups off the tests that paid them: in every run, the first test of each
  // file (and class) that has one, and the run's first test the session; never more than it took.
  const fileShare = new Map<NodeId, number>();
  const classShare = new Map<NodeId, number>();
  const share = (m: Map<NodeId, number>, id: NodeId, v: number): void => {
    if (v > 0) m.set(id, (m.get(id) ?? 0) + v);
  };
  const paidFile = new Map<FirstSeen, number>();
  for (const [file, seen] of files) {
    for (const o of seen) {
      const paid = Math.min(o.first.time, (fileSeconds.get(file) ?? 0) + (o.runFirst ? sessionSeconds : 0));
      paidFile.set(o, paid);
      share(fileShare, o.first.id, paid);
    }
  }
  for (const [cls, seen] of classes) {
    const setup = classSeconds.get(cls);
    if (setup === undefined) continue;
    const fileSeen = files.get(fileOf(cls)) ?? [];
    for (const o of seen) {
      const fileOwn = o.fileFirst ? fileSeen.find((f) => f.first === o.first) : undefined;
      share(classShare, o.first.id, Math.min(setup, o.first.time - (fileOwn ? (paidFile.get(fileOwn) ?? 0) : 0)));
    }
  }
  const perRun = (m: Map<NodeId, number>): Map<NodeId, number> => new Map([...m].map(([id, v]) => [id, v / (ranIn.get(id) ?? 1)]));
  return {
    sessionSeconds,
    fileSeconds,
    classSeconds,
    fileShare: perRun(fileShare),
    classShare: perRun(classShare),
  };
}

// ---------------------------------------------------------------------------------------------
// A shard's seconds: priced by costModel.ts (kept importable from here).

export { payingWorkers, shardSeconds, type ShardLoad } from './costModel.js';

/** The mapped JUnit cases as runs: one list per report, in the report's order. */
export function runsOf(cases: readonly MappedCase[]): RunCase[][] {
  const runs = new Map<number, RunCase[]>();
  for (const c of cases) {
    const run = runs.get(c.report);
    const rc: RunCase = { id: c.id, time: c.time, skipped: c.outcome === 'skipped' };
    if (run) run.push(rc);
    else runs.set(c.report, [rc]);
  }
  return [...runs.keys()].sort((a, b) => a - b).map((k) => runs.get(k) as RunCase[]);
}

/**
 * JUnit reports of pytest-xdist runs: telling them apart, and what they teach the cost model.
 *
 * What such a report holds (pytest 9, xdist 3.1, checked with real runs): one `<testsuite>` for
 * the whole shard, written by the controller, with the same attributes as a plain run (its
 * `hostname` is the controller's; nothing names the workers). Its `time` is the controller's
 * session, which includes bringing the workers up and their collection; each `<testcase time>` is
 * that test's setup, call and teardown on its worker, and the testcases come in the order they
 * finished, so the tests of the workers interleave.
 *
 * Telling one apart (looksParallel), from the report alone:
 * - its testcases add up to more than its session (no single process can do that), allowing for
 *   the rounding of every time to a millisecond; or
 * - the files' tests interleave: a file's tests come back after another file's, at least twice.
 *   A plain pytest run finishes a module before the next (outside rare reorderings, such as a
 *   session-scoped parametrized fixture: taken for parallel, such a report only loses its plain
 *   overhead sample; a parallel report taken for plain would teach a wrong per-file cost).
 *
 * What it teaches, for a plan with the same K workers (learnWorkerStart): its session minus the
 * tests spread over K workers (costModel.ts spreadSeconds of its testcase times, which already
 * hold what each worker paid for setups) is what the shard spent on bringing up workers, their
 * collection of every file and the session's own start. A line over the reports' file counts
 * separates the fixed part from collection per file (which, with workers sharing a machine's cores,
 * can exceed a plain run's); with plain reports at hand this needs three parallel reports, else
 * their per-file cost and the session's own start are taken from the plain ones and the rest is
 * worker start-up. Its testcases still give test durations; its
 * session does not give a plain per-file overhead, and its order does not show setups in first
 * tests, so it feeds neither (app/inputs.ts, app/plan.ts). `refresh --workers K` keeps the
 * start-up such reports show in the durations file (learnWorkerStartBeyond, core/refresh.ts), so
 * a plan from the file alone with the same K prices it too.
 */
import { linearRegression } from 'simple-statistics';
import { spreadSeconds } from './costModel.js';
import { fileOf } from './nodeid.js';
import { median } from './stats.js';
import type { JUnitReport, MappedCase } from './types.js';

/** One report, as detection needs it: the suites' times and the cases in document order. */
export interface ReportShape {
  /** Sum of its `<testsuite time>`s; undefined when a suite has none. */
  suiteSeconds?: number;
  /** Its testcases in document order: the file each belongs to and its seconds. */
  cases: readonly { file: string; seconds: number }[];
}

/** JUnit times have millisecond resolution: the most rounding each testcase can add. */
const ROUNDING_PER_CASE = 0.0005;

/**
 * Files coming back this often mean a parallel run. Two, not one: a plain run can come back to one
 * file once (a test reordered by a plugin); a parallel run whose workers start in one big file
 * (libcst's scope-provider tests, 133 tests in 12 files under `-n 2`) may come back only twice.
 */
export const MIN_RETURNS = 2;

/** How many times the files' tests come back after another file's tests. */
export function fileReturns(cases: ReportShape['cases']): number {
  const seen = new Set<string>();
  let prev: string | undefined;
  let returns = 0;
  for (const c of cases) {
    if (c.file !== prev) {
      if (seen.has(c.file)) returns++;
      seen.add(c.file);
      prev = c.file;
    }
  }
  return returns;
}

export type ParallelEvidence = 'sum' | 'interleaved' | undefined;

/** Why a report looks like a parallel (pytest-xdist) run, or undefined when it looks like a plain one. */
export function parallelEvidence(r: ReportShape): ParallelEvidence {
  if (r.suiteSeconds !== undefined && r.cases.length > 0) {
    let sum = 0;
    for (const c of r.cases) sum += c.seconds;
    if (sum > r.suiteSeconds * 1.02 + ROUNDING_PER_CASE * r.cases.length + 0.05) return 'sum';
  }
  return fileReturns(r.cases) >= MIN_RETURNS ? 'interleaved' : undefined;
}

export function looksParallel(r: ReportShape): boolean {
  return parallelEvidence(r) !== undefined;
}

/** A parallel report as learning needs it. */
export interface ParallelSample {
  suiteSeconds: number;
  /** Its testcases' seconds. */
  caseSeconds: readonly number[];
  /** Distinct test files it ran tests of. */
  files: number;
  /** The report's index (MappedCase.report), so refresh can divide it by that report's pace. */
  report?: number;
}

/**
 * A worker start-up kept in a durations file by `refresh` (formats/durations.ts), for plans
 * with the same number of workers: the start-up is what a session took beyond its tests spread
 * over that many workers (learnWorkerStart), so it holds for that K only.
 */
export interface StoredWorkerStart {
  workerStartSeconds: number;
  /** The pytest-xdist workers (`-n`) of the runs it was learned from (2 or more). */
  workers: number;
}

export interface WorkerStart {
  /** Seconds to bring the workers up, beyond a plain start-up (costModel.ts workerStartSeconds). */
  workerStartSeconds: number;
  /** Collection per file, when the parallel reports had to teach it too (no plain model given). */
  perFileSeconds?: number;
  samples: number;
}

/**
 * Worker start-up learned from parallel reports of runs with `workers` workers. `plain` is what
 * plain runs taught (collection per file, and the fixed seconds the session itself takes beyond
 * its tests); without it the reports teach both parts. Undefined without usable samples.
 */
export function learnWorkerStart(
  samples: readonly ParallelSample[],
  workers: number,
  plain?: { perFileSeconds: number; inSessionSeconds: number },
): WorkerStart | undefined {
  const beyond = beyondTests(samples, workers);
  if (beyond === undefined) return undefined;
  // Workers collecting side by side can take longer per file than one plain run (on a busy or small
  // machine they share the cores): a line over enough parallel reports says so. With plain figures
  // at hand, two reports are too few to trust a line through them.
  const inSession = plain?.inSessionSeconds ?? 0;
  if (new Set(beyond.map((b) => b.files)).size >= 2 && beyond.length >= (plain ? 3 : 2)) {
    const fit = linearRegression(beyond.map((b) => [b.files, b.extra]));
    if (fit.m >= 0 && fit.b >= inSession) return { workerStartSeconds: fit.b - inSession, perFileSeconds: fit.m, samples: beyond.length };
  }
  if (plain) return workerStartBeyond(beyond, plain);
  // One file count (or a line that makes no sense): all of it is start-up, none per file.
  return { workerStartSeconds: median(beyond.map((b) => b.extra)), perFileSeconds: 0, samples: beyond.length };
}

/**
 * Worker start-up beyond a given plain model, without a line of its own: the median over the
 * reports of what their sessions took beyond their tests spread over `workers`, their collection
 * at the plain per-file cost and the session's own fixed part. What `refresh` stores
 * (core/refresh.ts): a plan from the durations file prices collection with the file's (or the
 * default) overhead model, so the start-up is learned against that model. Undefined as
 * learnWorkerStart.
 */
export function learnWorkerStartBeyond(
  samples: readonly ParallelSample[],
  workers: number,
  plain: { perFileSeconds: number; inSessionSeconds: number },
): WorkerStart | undefined {
  const beyond = beyondTests(samples, workers);
  if (beyond === undefined) return undefined;
  return workerStartBeyond(beyond, plain);
}

/** Each usable sample's files and the seconds its session took beyond its tests spread over `workers`; undefined when none is usable. */
function beyondTests(samples: readonly ParallelSample[], workers: number): { files: number; extra: number }[] | undefined {
  const usable = samples.filter((s) => s.files > 0 && Number.isFinite(s.suiteSeconds) && s.caseSeconds.length > 0);
  if (usable.length === 0 || workers < 2) return undefined;
  return usable.map((s) => ({ files: s.files, extra: Math.max(0, s.suiteSeconds - spreadSeconds(s.caseSeconds, workers)) }));
}

function workerStartBeyond(beyond: readonly { files: number; extra: number }[], plain: { perFileSeconds: number; inSessionSeconds: number }): WorkerStart {
  const start = median(beyond.map((b) => Math.max(0, b.extra - plain.perFileSeconds * b.files - plain.inSessionSeconds)));
  return { workerStartSeconds: start, samples: beyond.length };
}

/** Each report's shape from its suites and its mapped cases (in document order). */
export function reportShapes(reports: readonly JUnitReport[], cases: readonly MappedCase[]): ReportShape[] {
  const shapes: { suiteSeconds?: number; cases: { file: string; seconds: number }[] }[] = reports.map((r) => {
    const timed = r.suites.length > 0 && r.suites.every((s) => s.time !== undefined);
    return timed ? { suiteSeconds: r.suites.reduce((a, s) => a + (s.time as number), 0), cases: [] } : { cases: [] };
  });
  for (const c of cases) shapes[c.report]?.cases.push({ file: fileOf(c.id), seconds: c.time });
  return shapes;
}

/** A plain run of this many files or more finishes each before the next: no file coming back then says plain. */
export const PLAIN_FILES = 3;

/**
 * Indices of the reports taken for parallel runs. A report that looks parallel is; one of at least
 * PLAIN_FILES files none of which came back is plain; any other (a shard of few files cannot show
 * interleaving: a libcst shard of 2 files under `-n 2` came back to a file only once) follows the
 * reports that did tell, parallel when at least as many told parallel as plain. The shards of one CI
 * run are run alike, and taking a parallel report for a plain one teaches a wrong per-file cost.
 */
export function parallelReports(shapes: readonly ReportShape[]): Set<number> {
  const kinds = shapes.map((s): 'parallel' | 'plain' | undefined =>
    looksParallel(s) ? 'parallel' : fileReturns(s.cases) === 0 && new Set(s.cases.map((c) => c.file)).size >= PLAIN_FILES ? 'plain' : undefined,
  );
  const parallel = kinds.filter((k) => k === 'parallel').length;
  const plain = kinds.filter((k) => k === 'plain').length;
  const unknownIsParallel = parallel > 0 && parallel >= plain;
  const out = new Set<number>();
  kinds.forEach((k, i) => {
    if (k === 'parallel' || (k === undefined && unknownIsParallel)) out.add(i);
  });
  return out;
}

/** The parallel reports as learning samples. */
export function parallelSamples(shapes: readonly ReportShape[], parallel: ReadonlySet<number>): ParallelSample[] {
  const out: ParallelSample[] = [];
  shapes.forEach((s, i) => {
    if (!parallel.has(i) || s.suiteSeconds === undefined) return;
    out.push({ suiteSeconds: s.suiteSeconds, caseSeconds: s.cases.map((c) => c.seconds), files: new Set(s.cases.map((c) => c.file)).size, report: i });
  });
  return out;
}

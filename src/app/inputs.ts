/**
 * Reading every timing input the CLI and the Action accept into the pure core's shapes.
 * Parsing lives in formats/, decisions in core/; this module only wires files to them.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileOf } from '../core/nodeid.js';
import { mapReports } from '../core/junitMap.js';
import { learnOverhead, type OverheadSample } from '../core/overhead.js';
import { combineTimings, junitDurations } from '../core/timings.js';
import type { JUnitReport, MappedCase, NodeId, OverheadModel } from '../core/types.js';
import { parallelReports, parallelSamples, reportShapes, type ParallelSample } from '../core/xdist.js';
import { parseCollected } from '../formats/collected.js';
import { parseDurations, type DurationsFile } from '../formats/durations.js';
import { expandPatterns, isFileUnder, readStdin, readText } from '../io/files.js';
import { readReports } from './reports.js';

export const DEFAULT_DURATIONS_FILE = '.test_durations';

export interface TimingRequest {
  cwd: string;
  rootdir: string;
  /** Durations files; when empty, `.test_durations` in cwd is used if it exists. */
  durations: readonly string[];
  /** JUnit files or glob patterns. */
  junit: readonly string[];
  /** A `pytest --collect-only -q` file, or '-' for standard input. */
  collected?: string;
  /** Whether a JUnit pattern that matches nothing is an error. */
  junitRequired: boolean;
  /** Seconds a pytest run spends outside its JUnit session (default DEFAULT_STARTUP_SECONDS). */
  startupSeconds?: number;
}

export interface LoadedTimings {
  durationFiles: { path: string; file: DurationsFile }[];
  reports: JUnitReport[];
  cases: MappedCase[];
  unmapped: string[];
  collected?: NodeId[];
  /** Combined timings: JUnit over durations files. */
  timings: ReadonlyMap<NodeId, number>;
  /** Ids the reports name only as skipped or errored, without a timing (sorted): planned with an estimate. */
  unmeasured?: NodeId[];
  /** Overhead learned from the JUnit suites, if any. */
  learned?: OverheadModel;
  /** Overhead stored in a durations file, if any. */
  stored?: OverheadModel;
  /** Indices of the reports that look like pytest-xdist runs (core/xdist.ts): no plain overhead, no setups from them. */
  parallel?: ReadonlySet<number>;
  /** Those reports as samples for the worker start-up (core/xdist.ts learnWorkerStart). */
  parallelSamples?: ParallelSample[];
}

export function resolveDurationPaths(req: Pick<TimingRequest, 'cwd' | 'durations'>): string[] {
  if (req.durations.length > 0) return [...new Set(req.durations.map((d) => resolve(req.cwd, d)))].sort();
  const fallback = resolve(req.cwd, DEFAULT_DURATIONS_FILE);
  return existsSync(fallback) && statSync(fallback).isFile() ? [fallback] : [];
}

export async function loadTimings(req: TimingRequest): Promise<LoadedTimings> {
  const durationFiles = resolveDurationPaths(req).map((path) => ({
    path,
    file: parseDurations(readText(path, '--durations'), path),
  }));
  const junitPaths = expandPatterns(req.junit, req.cwd, '--junit', req.junitRequired);
  const reports = await readReports(junitPaths);
  let collected: NodeId[] | undefined;
  if (req.collected !== undefined) {
    const label = '--collected';
    const text = req.collected === '-' ? readStdin(label) : readText(resolve(req.cwd, req.collected), label);
    collected = parseCollected(text, req.collected === '-' ? '<stdin>' : req.collected);
  }
  const knownIds = new Set<NodeId>(reports.length > 0 ? (collected ?? []) : []);
  if (reports.length > 0) for (const d of durationFiles) for (const id of d.file.timings.keys()) knownIds.add(id);
  const rootdir = resolve(req.cwd, req.rootdir);
  const { cases, unmapped } = mapReports(reports, { knownIds, isFile: (rel) => isFileUnder(rootdir, rel) });
  const timings = combineTimings(
    durationFiles.map((d) => d.file.timings),
    junitDurations(cases),
  );
  const unmeasured = [...new Set(cases.map((c) => c.id))].filter((id) => !timings.has(id)).sort();
  const stored = durationFiles.map((d) => d.file.overhead).find((o) => o !== undefined);
  const learned = learnOverhead(overheadSamples(reports, cases), req.startupSeconds);
  const shapes = reportShapes(reports, cases);
  const parallel = parallelReports(shapes);
  return {
    durationFiles,
    reports,
    cases,
    unmapped,
    ...(collected ? { collected } : {}),
    timings,
    ...(unmeasured.length > 0 ? { unmeasured } : {}),
    ...(learned ? { learned } : {}),
    ...(stored ? { stored } : {}),
    ...(parallel.size > 0 ? { parallel, parallelSamples: parallelSamples(shapes, parallel) } : {}),
  };
}

/**
 * One sample per JUnit report (pytest writes one report, with one suite, per run). A report of a
 * pytest-xdist run is no sample: its session is a parallel wall time (core/xdist.ts).
 */
export function overheadSamples(reports: readonly JUnitReport[], cases: readonly MappedCase[]): OverheadSample[] {
  const parallel = parallelReports(reportShapes(reports, cases));
  const filesByReport = new Map<number, Set<string>>();
  for (const c of cases) {
    let s = filesByReport.get(c.report);
    if (!s) filesByReport.set(c.report, (s = new Set()));
    s.add(fileOf(c.id));
  }
  const samples: OverheadSample[] = [];
  reports.forEach((r, i) => {
    if (parallel.has(i)) return;
    const timed = r.suites.filter((s) => s.time !== undefined);
    if (timed.length === 0 || timed.length !== r.suites.length) return;
    let suiteSeconds = 0;
    let testSeconds = 0;
    for (const s of r.suites) {
      suiteSeconds += s.time as number;
      for (const c of s.cases) testSeconds += c.time;
    }
    samples.push({ suiteSeconds, testSeconds, files: filesByReport.get(i)?.size ?? 0, report: i });
  });
  return samples;
}

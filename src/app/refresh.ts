/**
 * The refresh job shared by the CLI and the Action: read the JUnit reports (and the collected
 * list) once, then merge them into a durations text. The merge is separate from the reading so the
 * Action can run it again on a fresher copy of the file after a stale-sha conflict.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectorModules, mapReports } from '../core/junitMap.js';
import { refreshDurations, type RefreshResult, type Smoothing } from '../core/refresh.js';
import type { JUnitReport, NodeId } from '../core/types.js';
import { parseCollected } from '../formats/collected.js';
import { formatDurations, parseDurations, type DurationsFile } from '../formats/durations.js';
import { expandPatterns, isFileUnder, readStdin, readText } from '../io/files.js';
import { parallelReports, parallelSamples, reportShapes } from '../core/xdist.js';
import { overheadSamples } from './inputs.js';
import { readReports } from './reports.js';
import type { OptionWords } from './words.js';

export interface RefreshSettings {
  /** With `collected` absent: the reports cover the whole suite (see core/refresh.ts). */
  completeRun: boolean;
  smoothing: Smoothing;
  alpha: number;
  minChangeSeconds: number;
  minChangeRatio: number;
  /** The pytest-xdist workers (`-n`) each shard ran with: with 2 or more, xdist reports teach the worker start-up. */
  workers?: number;
}

export interface RefreshRequest extends RefreshSettings {
  cwd: string;
  rootdir: string;
  /** The durations file to refresh; it need not exist yet. */
  durations: string;
  /** JUnit files or glob patterns; each must match (a missing shard report is an error). */
  junit: readonly string[];
  /** A `pytest --collect-only -q` file, or '-' for standard input. */
  collected?: string;
  /** Where to write; default: the durations file. */
  output?: string;
  /** How the edge names its options in errors (`--junit`, `junit`). */
  words: OptionWords;
}

/** What a refresh reads besides the durations file. */
export interface RefreshInputs {
  reports: JUnitReport[];
  collected?: NodeId[];
  /** Absolute rootdir, for mapping JUnit names to files on disk. */
  rootdir: string;
}

export interface RefreshComputed {
  result: RefreshResult;
  /** The new file text (formatDurations: sorted, 4-space indent, milliseconds, final newline). */
  content: string;
  /** JUnit records that are not tests, as mapReports names them. */
  unmapped: string[];
}

export interface RefreshOutcome extends RefreshComputed {
  durationsPath: string;
  outputPath: string;
  /** False when the output is the durations file, it exists and nothing changed. */
  write: boolean;
}

export async function loadRefreshInputs(req: Pick<RefreshRequest, 'cwd' | 'rootdir' | 'junit' | 'collected' | 'words'>): Promise<RefreshInputs> {
  const junit = req.words.option('junit');
  const reports = await readReports(expandPatterns(req.junit, req.cwd, junit, true), junit);
  const inputs: RefreshInputs = { reports, rootdir: resolve(req.cwd, req.rootdir) };
  if (req.collected !== undefined) {
    const stdin = req.collected === '-';
    const label = req.words.option('collected');
    const text = stdin ? readStdin(label) : readText(resolve(req.cwd, req.collected), label);
    inputs.collected = parseCollected(text, stdin ? '<stdin>' : req.collected);
  }
  return inputs;
}

/**
 * Merges the inputs into `stored` (the file's text; undefined or blank when there is none yet).
 * `source` names the stored text in errors.
 */
export function refreshText(stored: string | undefined, source: string, inputs: RefreshInputs, settings: RefreshSettings): RefreshComputed {
  const file: DurationsFile = stored === undefined || stored.trim() === '' ? { timings: new Map() } : parseDurations(stored, source);
  const knownIds = new Set<NodeId>(inputs.collected ?? []);
  for (const id of file.timings.keys()) knownIds.add(id);
  const { cases, unmapped } = mapReports(inputs.reports, { knownIds, isFile: (rel) => isFileUnder(inputs.rootdir, rel) });
  const shapes = reportShapes(inputs.reports, cases);
  const result = refreshDurations(file.timings, cases, {
    ...(inputs.collected ? { collected: inputs.collected } : {}),
    completeRun: settings.completeRun,
    uncollectedModules: collectorModules(inputs.reports),
    smoothing: settings.smoothing,
    alpha: settings.alpha,
    minChangeSeconds: settings.minChangeSeconds,
    minChangeRatio: settings.minChangeRatio,
    ...(file.overhead ? { storedOverhead: file.overhead } : {}),
    ...(file.testPace !== undefined ? { storedTestPace: file.testPace } : {}),
    overheadSamples: overheadSamples(inputs.reports, cases),
    ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
    ...(file.workerStart ? { storedWorkerStart: file.workerStart } : {}),
    parallelSamples: parallelSamples(shapes, parallelReports(shapes)),
  });
  return { result, content: formatDurations(result.timings, result.overhead, result.testPace, result.workerStart), unmapped };
}

export async function refreshFromRequest(req: RefreshRequest): Promise<RefreshOutcome> {
  const durationsPath = resolve(req.cwd, req.durations);
  const outputPath = resolve(req.cwd, req.output ?? req.durations);
  const inputs = await loadRefreshInputs(req);
  const existed = existsSync(durationsPath);
  const stored = existed ? readText(durationsPath, req.words.option('durations')) : undefined;
  const computed = refreshText(stored, durationsPath, inputs, req);
  const write = computed.result.changed || outputPath !== durationsPath || !existed;
  return { ...computed, durationsPath, outputPath, write };
}

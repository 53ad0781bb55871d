/** The verify job shared by the CLI and the Action: a plan file and JUnit reports in, findings out. */
import { resolve } from 'node:path';
import { mapReports } from '../core/junitMap.js';
import type { Plan } from '../core/plan.js';
import type { JUnitReport, NodeId } from '../core/types.js';
import { mergeDurations, pacedTimings } from '../core/timings.js';
import { verifyRun, type VerifyResult } from '../core/verify.js';
import { timingReport, type TimingReport } from '../core/verifyTiming.js';
import { parseDurations } from '../formats/durations.js';
import { parsePlan } from '../formats/planJson.js';
import { expandPatterns, isFileUnder, readText } from '../io/files.js';
import { resolveDurationPaths } from './inputs.js';
import { readReports } from './reports.js';
import type { OptionWords } from './words.js';

export interface VerifyRequest {
  cwd: string;
  rootdir: string;
  /** The plan written by `split-plan --json`. */
  plan: string;
  /**
   * JUnit files or glob patterns. A pattern that matches nothing is not an input error here: the
   * shards it should have found show up as missing, with their tests as lost.
   */
  junit: readonly string[];
  /**
   * Durations files with the stored timings to compare the run's test times with (their mean per
   * test); empty: ./.test_durations if it exists.
   */
  durations?: readonly string[];
  /** How the edge names its options in errors (`--plan`, `plan-file`). */
  words: OptionWords;
}

export interface VerifyOutcome {
  result: VerifyResult;
  plan: Plan;
  reports: JUnitReport[];
  /** JUnit records that are not tests (collection errors), as mapReports names them. */
  unmapped: string[];
  /** Predicted against measured per shard, and the tests that moved (core/verifyTiming.ts). */
  timing: TimingReport;
}

export async function verifyFromRequest(req: VerifyRequest): Promise<VerifyOutcome> {
  const planPath = resolve(req.cwd, req.plan);
  const plan = parsePlan(readText(planPath, req.words.option('plan')), req.plan);
  const junit = req.words.option('junit');
  const reports = await readReports(expandPatterns(req.junit, req.cwd, junit, false), junit);
  // Whole-file entries are files, not ids: as known ids they would turn pytest's collector record of
  // that module (classname "") into a test. Given as files, new tests inside them map without disk.
  const entries = plan.shards.flatMap((s) => s.tests);
  const knownIds = new Set<NodeId>(entries.filter((e) => e.includes('::')));
  // So are the files cut across shards (new tests in them run in their owner).
  const wholeFiles = new Set([...entries.filter((e) => !e.includes('::')), ...plan.cutFiles.map((c) => c.file)]);
  const rootdir = resolve(req.cwd, req.rootdir);
  const isFile = (rel: string): boolean => wholeFiles.has(rel) || isFileUnder(rootdir, rel);
  const { cases, unmapped } = mapReports(reports, { knownIds, isFile });
  const result = verifyRun(plan, reports, cases);
  const storedFiles = resolveDurationPaths({ cwd: req.cwd, durations: req.durations ?? [] });
  const stored =
    storedFiles.length > 0
      ? mergeDurations(
          storedFiles.map((p) => {
            const file = parseDurations(readText(p, req.words.option('durations')), p);
            return pacedTimings(file.timings, file.testPace);
          }),
        )
      : undefined;
  const timing = timingReport(plan, result, reports, cases, stored ? { stored } : {});
  return { result, plan, reports, unmapped, timing };
}

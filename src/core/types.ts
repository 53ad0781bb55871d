/** Shared data shapes of the pure core. */

/** A pytest node id, exactly as pytest prints it (never trimmed or case-folded). */
export type NodeId = string;

/** Measured seconds per node id. Later sources win only through the merge rules in timings.ts. */
export type Durations = ReadonlyMap<NodeId, number>;

export type Granularity = 'auto' | 'file' | 'class' | 'test';
export const GRANULARITIES: readonly Granularity[] = ['auto', 'file', 'class', 'test'];

export type Algorithm = 'balanced' | 'lpt' | 'chunks';
export const ALGORITHMS: readonly Algorithm[] = ['balanced', 'lpt', 'chunks'];

/** Outcome of one JUnit testcase. */
export type Outcome = 'passed' | 'failed' | 'error' | 'skipped';

/** One `<testcase>` as read from a JUnit file, before it is mapped to a node id. */
export interface JUnitCase {
  classname: string;
  name: string;
  /** xunit1 only; may point at a base class's module or outside the rootdir. */
  file?: string;
  time: number;
  outcome: Outcome;
}

/** One `<testsuite>`: its own time (when present) and its cases in document order. */
export interface JUnitSuite {
  name: string;
  /** `<testsuite time>`; undefined when the attribute is missing. */
  time?: number;
  cases: JUnitCase[];
  /** The suite's own `<properties>` (pytest: `record_testsuite_property`), in document order; absent when none. */
  properties?: { name: string; value: string }[];
}

/** One JUnit file. `source` names it in messages (a path). */
export interface JUnitReport {
  source: string;
  suites: JUnitSuite[];
}

/** A JUnit testcase mapped to its pytest node id. */
export interface MappedCase {
  id: NodeId;
  time: number;
  outcome: Outcome;
  /** Index of the report it came from (one report per shard is typical). */
  report: number;
}

/**
 * Per-shard cost beyond the tests' own time (core/costModel.ts): shard = fixed (+ worker start-up)
 * + perFile * files + tests spread over the workers.
 * `source` says where the numbers came from.
 */
export interface OverheadModel {
  fixedSeconds: number;
  perFileSeconds: number;
  source: 'junit' | 'stored' | 'default' | 'flag';
  /** How many shard samples the numbers were learned from (0 for defaults). */
  samples: number;
  /**
   * With pytest-xdist (workers > 1): seconds a shard spends bringing up its workers beyond a plain
   * pytest start (costModel.ts). Absent with one worker.
   */
  workerStartSeconds?: number;
  /**
   * The part of `fixedSeconds` pytest spends outside its JUnit session (`--startup-seconds` or its
   * default), when known: `verify` takes it off a prediction before comparing it with a report.
   */
  startupSeconds?: number;
}

/** The change report of a refresh (core/refresh.ts): what `split-plan refresh` prints on stderr and the Action's summary holds. */
import type { RefreshResult } from '../core/refresh.js';
import { oneLine } from '../core/text.js';
import { boundedLines } from './lists.js';

/** How many ids each list of the report shows before "and N more". */
export const REPORT_LIST_LIMIT = 10;

export interface RefreshReportContext {
  /** Where the timings were (or would be) written. */
  path: string;
  /** True when the file was written. */
  wrote: boolean;
  /** JUnit records that are not tests (collection errors, pytest's internal errors). */
  unmapped?: readonly string[];
}

/** The text `split-plan refresh` prints on stderr. */
export function formatRefreshReport(r: RefreshResult, ctx: RefreshReportContext, limit = REPORT_LIST_LIMIT): string {
  const lines: string[] = [];
  lines.push(
    `split-plan refresh: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed, ${r.unchanged} unchanged (${r.notMeasured} not measured this run)`,
  );
  lines.push(`total ${r.totalBefore.toFixed(2)} s before, ${r.totalAfter.toFixed(2)} s after (${r.timings.size} tests)`);
  const o = r.overhead;
  if (o && r.overheadChange !== 'none') {
    lines.push(`overhead ${r.overheadChange}: ${o.fixedSeconds.toFixed(2)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file (${o.samples} sample(s))`);
  }
  const pace = describeTestPace(r);
  if (pace !== undefined) lines.push(pace);
  const workers = describeWorkerStart(r);
  if (workers !== undefined) lines.push(workers);
  const list = (title: string, ids: readonly string[]): void => {
    if (ids.length === 0) return;
    lines.push(`${title} (${ids.length}):`);
    lines.push(
      ...boundedLines(
        ids,
        limit,
        (t) => `  ${t}`,
        (id) => id,
      ),
    );
  };
  list('added', r.added);
  list('updated', r.updated);
  list('removed', r.removed);
  list('not stored (only skipped or errored, no earlier timing)', r.unrecorded);
  list('ignored (ran but not in the collected list)', r.ignored);
  list('JUnit records that are not tests (collection errors?)', ctx.unmapped ?? []);
  lines.push(ctx.wrote ? `wrote ${ctx.path}` : `${ctx.path} left unchanged (nothing moved beyond the threshold)`);
  return lines.map(oneLine).join('\n') + '\n';
}

/** One line on the test pace (core/testPace.ts), or undefined when there is none and none was learned. */
export function describeTestPace(r: Pick<RefreshResult, 'testPace' | 'testPaceChange'>): string | undefined {
  if (r.testPaceChange === 'none') return undefined;
  if (r.testPaceChange === 'removed') return 'test pace removed: the shards ran their tests at the stored seconds';
  const pace = (r.testPace ?? 1).toFixed(3);
  return `test pace ${r.testPaceChange}: the shards ran their tests at ${pace} x the stored seconds (planning multiplies the timings by it)`;
}

/**
 * One line on the pytest-xdist worker start-up (core/refresh.ts): added or updated, or how to
 * learn it when xdist reports came without the worker count; undefined otherwise (kept as it was).
 */
export function describeWorkerStart(r: Pick<RefreshResult, 'workerStart' | 'workerStartChange' | 'xdistWithoutWorkers'>): string | undefined {
  const w = r.workerStart;
  if (w && (r.workerStartChange === 'added' || r.workerStartChange === 'updated')) {
    return `worker start-up ${r.workerStartChange}: ${w.workerStartSeconds.toFixed(2)} s per shard to bring up ${w.workers} pytest-xdist workers (plans with ${w.workers} workers use it)`;
  }
  if (r.xdistWithoutWorkers !== undefined) {
    return `${r.xdistWithoutWorkers} report(s) of pytest-xdist runs: give the workers the shards ran with (--workers, or the Action's workers input: their -n) to learn and store their worker start-up`;
  }
  return undefined;
}

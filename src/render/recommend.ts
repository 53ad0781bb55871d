/** Text for `--splits auto` and `split-plan recommend` (the choice itself is core/recommend.ts). */
import type { OptionWords } from '../app/words.js';
import { WALL_TOLERANCE, type Recommendation, type WorkersRow } from '../core/recommend.js';
import { oneLine } from '../core/text.js';

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** One line saying what `auto` chose, naming the option in the edge's words. */
export function describeChoice(rec: Recommendation, words: OptionWords): string {
  return `split-plan: ${words.setting('splits', 'auto')} chose ${rec.splits}: ${rec.reason}\n`;
}

/** The table `split-plan recommend` prints, the pick marked with `*`. */
export function formatRecommendation(rec: Recommendation): string {
  const lines: string[] = [];
  const p = rec.plan;
  lines.push(
    `split-plan recommend: ${p.tests} tests, ${p.totalSeconds.toFixed(2)} s of tests; job overhead ${fmt(rec.jobOverheadSeconds)} s per job${rec.targetSeconds !== undefined ? `; target ${fmt(rec.targetSeconds)} s` : ''}`,
  );
  const head = ['', 'N', 'jobs', 'slowest s', 'wall s', 'billed min', 'efficiency'];
  const rows = rec.rows.map((r) => [
    r.splits === rec.splits ? '*' : '',
    String(r.splits),
    String(r.jobs),
    r.slowestSeconds.toFixed(2),
    r.wallSeconds.toFixed(2),
    String(r.billedMinutes),
    `${(r.efficiency * 100).toFixed(1)}%`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] as number) : c.padStart(widths[i] as number))).join('  ');
  lines.push(line(head));
  for (const r of rows) lines.push(line(r));
  lines.push(`pick: --splits ${rec.splits} (${rec.reason})`);
  lines.push('wall = job overhead + slowest shard; billed = each job rounded up to the minute; efficiency = test seconds / (jobs x wall)');
  if (rec.workers && rec.workers.length > 0) lines.push('', ...formatWorkers(rec.workers));
  return lines.map(oneLine).join('\n') + '\n';
}

/** The shards-or-workers table, the best way to use each budget marked with `*`. */
export function formatWorkers(rows: readonly WorkersRow[]): string[] {
  const lines = ['shards or pytest-xdist workers, for the same cores (N shards x K workers):'];
  const head = ['', 'cores', 'N x K', 'jobs', 'slowest s', 'wall s', 'billed min', 'efficiency'];
  const cells = rows.map((r) => [
    r.best ? '*' : '',
    String(r.cores),
    `${r.splits} x ${r.workers}`,
    String(r.jobs),
    r.slowestSeconds.toFixed(2),
    r.wallSeconds.toFixed(2),
    String(r.billedMinutes),
    `${(r.efficiency * 100).toFixed(1)}%`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(widths[0] as number) : x.padStart(widths[i] as number))).join('  ');
  lines.push(line(head));
  for (const c of cells) lines.push(line(c));
  const byCores = new Map<number, WorkersRow>();
  for (const r of rows) if (r.best) byCores.set(r.cores, r);
  const verdicts = [...byCores.values()].map(
    (r) =>
      `${r.cores} cores as ${r.workers === 1 ? `${r.splits} shard${r.splits === 1 ? '' : 's'}` : `${r.splits} shard${r.splits === 1 ? '' : 's'} x ${r.workers} workers`}`,
  );
  lines.push(`best (*): ${verdicts.join('; ')}`);
  lines.push(
    `* = the fewest billed minutes within ${Math.round(WALL_TOLERANCE * 100)}% of the fastest wall for those cores; workers share their job's runner, one core each, and collect every file of their shard`,
  );
  return lines;
}

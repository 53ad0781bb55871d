/** Human-readable text for a plan: the table printed on stderr and the Action's job summary. */
import type { Plan } from '../core/plan.js';
import { oneLine } from '../core/text.js';
import type { OptionWords } from '../app/words.js';
import { describeWarnings } from './warnings.js';

function fmt(x: number): string {
  return x.toFixed(2);
}

function pad(s: string, n: number, left = false): string {
  return left ? s.padEnd(n) : s.padStart(n);
}

export function describeOverhead(plan: Plan): string {
  const o = plan.overhead;
  const workers =
    plan.workers > 1 && o.workerStartSeconds !== undefined
      ? `; ${fmt(o.workerStartSeconds)} s per shard to start its ${plan.workers} pytest-xdist workers`
      : '';
  return overheadSource(o) + workers;
}

function overheadSource(o: Plan['overhead']): string {
  switch (o.source) {
    case 'default':
      return 'no overhead measured: planned on test time alone (give JUnit reports to learn start-up and per-file cost)';
    case 'junit':
      return `overhead learned from ${o.samples} JUnit report(s): ${fmt(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
    case 'stored':
      return `overhead stored by refresh (${o.samples} sample(s)): ${fmt(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
    case 'flag':
      return `overhead from flags: ${fmt(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
  }
}

/** The plain-text summary (the CLI's stderr, the Action's log), warnings in the edge's words. */
export function formatSummary(plan: Plan, words: OptionWords): string {
  const lines: string[] = [];
  lines.push(
    `split-plan: ${plan.tests} tests (${plan.estimatedTests} estimated) in ${plan.splits} shards, granularity ${plan.granularity}, algorithm ${plan.algorithm}${plan.workers > 1 ? `, ${plan.workers} workers each` : ''}`,
  );
  lines.push(`${pad('group', 6)} ${pad('tests', 8)} ${pad('files', 6)} ${pad('predicted s', 12)} ${pad('overhead s', 11)} ${pad('estimated', 10)}`);
  for (const s of plan.shards) {
    lines.push(
      `${pad(String(s.group), 6)} ${pad(String(s.tests.length), 8)} ${pad(String(s.files), 6)} ${pad(fmt(s.predictedSeconds), 12)} ${pad(fmt(s.overheadSeconds), 11)} ${pad(String(s.estimated), 10)}`,
    );
  }
  const pct = (plan.imbalance * 100).toFixed(2);
  lines.push(
    `total ${fmt(plan.totalSeconds)} s of tests; slowest shard ${fmt(plan.makespanSeconds)} s, lower bound ${fmt(plan.lowerBoundSeconds)} s (+${pct}%)`,
  );
  lines.push(describeOverhead(plan));
  for (const w of describeWarnings(plan, words)) lines.push(`warning: ${w}`);
  return lines.map(oneLine).join('\n') + '\n';
}

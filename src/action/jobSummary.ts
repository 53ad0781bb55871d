/**
 * The plan's job summary (markdown): a per-shard table, a Mermaid bar chart of the shard loads
 * with the lower bound drawn as a line, the bound itself, the overhead model and the warnings.
 */
import type { Plan } from '../core/plan.js';
import { describeOverhead } from '../core/summary.js';

const seconds = (x: number): string => x.toFixed(2);

/** Backslash-escapes markdown punctuation so node ids in warnings render as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

/** A Mermaid `xychart-beta`: one bar per shard (predicted seconds) and a line at the lower bound. */
export function shardChart(plan: Plan): string {
  const loads = plan.shards.map((s) => s.predictedSeconds);
  const top = Math.max(1, Math.ceil(Math.max(plan.lowerBoundSeconds, ...loads) * 1.1));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Predicted seconds per shard (line: lower bound)"',
    `  x-axis "shard" [${plan.shards.map((s) => `"${s.group}"`).join(', ')}]`,
    `  y-axis "seconds" 0 --> ${top}`,
    `  bar [${loads.map(seconds).join(', ')}]`,
    `  line [${plan.shards.map(() => seconds(plan.lowerBoundSeconds)).join(', ')}]`,
    '```',
  ].join('\n');
}

export function formatJobSummary(plan: Plan): string {
  const out: string[] = [];
  out.push(`## split-plan: ${plan.splits} shard${plan.splits === 1 ? '' : 's'}`);
  out.push('');
  out.push(
    `${plan.tests} tests (${plan.estimatedTests} estimated), granularity \`${plan.granularity}\`, algorithm \`${plan.algorithm}\`` +
      (plan.workers > 1 ? `, ${plan.workers} workers per shard` : '') +
      '.',
  );
  out.push('');
  out.push('| shard | tests | files | predicted s | estimated |');
  out.push('| ---: | ---: | ---: | ---: | ---: |');
  for (const s of plan.shards) {
    out.push(`| ${s.group} | ${s.tests.length} | ${s.files} | ${seconds(s.predictedSeconds)} | ${s.estimated} |`);
  }
  out.push('');
  out.push(shardChart(plan));
  out.push('');
  const pct = (plan.imbalance * 100).toFixed(2);
  out.push(
    `**Slowest shard:** ${seconds(plan.makespanSeconds)} s. **Lower bound:** ${seconds(plan.lowerBoundSeconds)} s (the slowest shard is ${pct}% above it). **Total test time:** ${seconds(plan.totalSeconds)} s.`,
  );
  out.push('');
  out.push(escapeMarkdown(describeOverhead(plan)));
  if (plan.warnings.length > 0) {
    out.push('');
    out.push('### Warnings');
    out.push('');
    for (const w of plan.warnings) out.push(`- ${escapeMarkdown(w)}`);
  }
  return out.join('\n') + '\n';
}

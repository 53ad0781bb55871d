/**
 * The job summaries (markdown). Plan: a per-shard table, a Mermaid bar chart of the shard loads
 * with the lower bound drawn as a line, the bound itself, the overhead model and the warnings.
 * Refresh: the change counts and the change report. Verify: predicted vs actual seconds per shard
 * and the offenders, bounded. Node ids are shown as code, so they can never inject markup.
 */
import type { Plan } from '../core/plan.js';
import type { RefreshResult } from '../core/refresh.js';
import { describeOverhead } from '../render/summary.js';
import type { VerifyResult } from '../core/verify.js';
import type { TimingReport } from '../core/verifyTiming.js';
import { codeBlock, codeSpan, escapeMarkdown } from '../render/markdown.js';
import { formatRefreshReport } from '../render/refresh.js';
import { OFFENDER_LIMIT, verifyMarkdown } from '../render/verify.js';
import { describeWarnings } from '../render/warnings.js';
import { ACTION_WORDS } from './words.js';
import type { Recommendation } from '../core/recommend.js';
import { INPUT } from './constants.js';

export { codeBlock, codeSpan, escapeMarkdown } from '../render/markdown.js';

const seconds = (x: number): string => x.toFixed(2);

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

/** `recommendation`: with `splits: auto`, what chose the number of shards. */
export function formatJobSummary(plan: Plan, recommendation?: Recommendation): string {
  const out: string[] = [];
  out.push(`## split-plan: ${plan.splits} shard${plan.splits === 1 ? '' : 's'}`);
  out.push('');
  if (recommendation) {
    out.push(escapeMarkdown(`${ACTION_WORDS.setting(INPUT.splits, 'auto')} chose ${recommendation.splits}: ${recommendation.reason}`));
    out.push('');
  }
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
    for (const w of describeWarnings(plan, ACTION_WORDS)) out.push(`- ${escapeMarkdown(w)}`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Refresh and verify

export interface RefreshSummaryContext {
  /** Where the file is: "owner/repo@branch:path", or a workspace path. */
  target: string;
  /** A commit was written (or, without commit, the workspace file). */
  wrote: boolean;
  unmapped: readonly string[];
  commitSha?: string;
  pullRequestUrl?: string;
}

export function formatRefreshSummary(r: RefreshResult, ctx: RefreshSummaryContext): string {
  const out: string[] = [];
  out.push(`## split-plan refresh: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed`);
  out.push('');
  let what: string;
  if (!ctx.wrote) what = 'left unchanged: nothing moved beyond the threshold, so nothing was committed.';
  else if (ctx.pullRequestUrl) what = `proposed in ${ctx.pullRequestUrl}${ctx.commitSha ? ` (commit ${codeSpan(ctx.commitSha)})` : ''}.`;
  else if (ctx.commitSha) what = `committed as ${codeSpan(ctx.commitSha)}.`;
  else what = 'written.';
  out.push(`${codeSpan(ctx.target)} ${what}`);
  out.push('');
  out.push('| tests | count |');
  out.push('| :-- | ---: |');
  out.push(`| added | ${r.added.length} |`);
  out.push(`| updated | ${r.updated.length} |`);
  out.push(`| removed | ${r.removed.length} |`);
  out.push(`| unchanged | ${r.unchanged} |`);
  out.push(`| of those, not measured this run | ${r.notMeasured} |`);
  out.push('');
  out.push(`**Total:** ${seconds(r.totalBefore)} s before, ${seconds(r.totalAfter)} s after (${r.timings.size} tests).`);
  out.push('');
  out.push('<details><summary>Change report</summary>');
  out.push('');
  out.push(codeBlock(formatRefreshReport(r, { path: ctx.target, wrote: ctx.wrote, unmapped: ctx.unmapped })));
  out.push('');
  out.push('</details>');
  return out.join('\n') + '\n';
}

/** The verify job summary: render/verify.ts (the CLI's `verify --markdown` prints the same). */
export function formatVerifySummary(r: VerifyResult, unmapped: readonly string[] = [], limit = OFFENDER_LIMIT, timing?: TimingReport): string {
  return verifyMarkdown(r, { unmapped, limit, ...(timing ? { timing } : {}) });
}

/**
 * The explanation of a plan (core/explain.ts) as text: the report `split-plan explain` prints, its
 * JSON with every reason worded, and its short Markdown form for a job summary or a pull-request
 * comment. Reasons that name an option use the edge's words (`--granularity` in the CLI).
 */
import type { OptionWords } from '../app/words.js';
import type { Bounded, Explanation, MoveReason, MovedFile, ShardOverhead, SplitFile, SplitReason } from '../core/explain.js';
import { oneLine } from '../core/text.js';
import { andMore } from './lists.js';
import { codeSpan } from './markdown.js';

function fmt(x: number): string {
  return x.toFixed(2);
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '100.0%';
}

/** What a bounded list left out, as ` (and N more)`, or nothing. */
function more<T>(b: Bounded<T>): string {
  return b.total > b.items.length ? ` (${andMore(b.total - b.items.length)})` : '';
}

function groups(gs: readonly number[]): string {
  return gs.length === 1 ? `shard ${gs[0]}` : `shards ${gs.join(', ')}`;
}

/** Why a file was cut across shards, in the edge's words. */
export function describeSplitReason(f: SplitReason & { costSeconds: number }, words: OptionWords): string {
  switch (f.code) {
    case 'granularity':
      return `${words.setting('granularity', f.granularity)} schedules every ${f.granularity} on its own`;
    case 'over-share':
      return `costs ${fmt(f.costSeconds)} s, more than a shard's fair share of ${fmt(f.shareSeconds)} s`;
    case 'few-files':
      return `only ${f.files} file(s) for ${f.splits} shards, so tests are placed singly to fill every shard`;
    case 'faster':
      return `cutting it gave a faster slowest shard (${fmt(f.costSeconds)} s against a fair share of ${fmt(f.shareSeconds)} s)`;
  }
}

/** Why a file's tests moved shard against an older plan. */
export function describeMoveReason(r: MoveReason): string {
  switch (r.code) {
    case 'splits-changed':
      return `the number of shards changed from ${r.oldSplits} to ${r.splits}`;
    case 'settings-changed':
      return `the plan settings changed (granularity ${r.oldGranularity} -> ${r.granularity}, algorithm ${r.oldAlgorithm} -> ${r.algorithm})`;
    case 'now-cut':
      return 'the file is now cut across shards';
    case 'no-longer-cut':
      return 'the file is no longer cut across shards';
    case 'tests-changed':
      return `the file gained ${r.added} and lost ${r.removed} test(s)`;
    case 'rebalanced':
      return `rebalanced: the suite's time went from ${fmt(r.oldTotalSeconds)} s to ${fmt(r.totalSeconds)} s`;
  }
}

/** A cut or moved file as `explain --json` writes it: its reason's code and data, and the reason worded. */
export type Worded<T> = T & { reason: string };

/** The explanation `explain --json` writes: core's data, each cut or moved file's reason also in words. */
export interface WordedExplanation extends Omit<Explanation, 'splitFiles' | 'moves'> {
  splitFiles: Bounded<Worded<SplitFile>>;
  moves?: Omit<NonNullable<Explanation['moves']>, 'files'> & { files: Bounded<Worded<MovedFile>> };
}

export function wordExplanation(ex: Explanation, words: OptionWords): WordedExplanation {
  const { moves, ...rest } = ex;
  const out: WordedExplanation = {
    ...rest,
    splitFiles: { ...ex.splitFiles, items: ex.splitFiles.items.map((f) => ({ ...f, reason: describeSplitReason(f, words) })) },
  };
  if (moves) out.moves = { ...moves, files: { ...moves.files, items: moves.files.items.map((f) => ({ ...f, reason: describeMoveReason(f) })) } };
  return out;
}

/** One line: what every shard pays beyond its tests. */
export function describeCost(c: ShardOverhead): string {
  if (c.workers <= 1)
    return `every shard pays ${fmt(c.fixedSeconds)} s to start and ${c.perFileSeconds.toFixed(4)} s per file it collects, then runs its tests one after another`;
  return (
    `every shard pays ${fmt(c.fixedSeconds)} s to start and ${fmt(c.workerStartSeconds)} s to bring up its ${c.workers} pytest-xdist workers; ` +
    `each worker collects every file of the shard (${c.perFileSeconds.toFixed(4)} s each) and sets up the files it runs; the tests are spread longest first`
  );
}

/** The plain-text report `split-plan explain` prints, in the edge's words. */
export function formatExplanation(ex: Explanation, words: OptionWords): string {
  const c = ex.coverage;
  const lines: string[] = [];
  lines.push(`split-plan explain: ${c.tests} tests in ${ex.splits} shards`);
  lines.push(
    `timings known for ${c.knownTests} of ${c.tests} tests (${pct(c.knownTests, c.tests)}), covering ${fmt(c.knownSeconds)} of ${fmt(c.seconds)} s (${pct(c.knownSeconds, c.seconds)})`,
  );
  lines.push('');
  lines.push(`estimated tests by file: ${ex.estimatedFiles.total === 0 ? 'none' : ''}`);
  for (const f of ex.estimatedFiles.items) {
    lines.push(
      f.wholeFile
        ? `  ${f.file}: no timing at all, planned whole as ${fmt(f.estimatedSeconds)} s`
        : `  ${f.file}: ${f.estimated} of ${f.tests} tests estimated (${fmt(f.estimatedSeconds)} s)`,
    );
  }
  if (more(ex.estimatedFiles)) lines.push(`  ...${more(ex.estimatedFiles)}`);
  lines.push(`stale timing entries (tests no longer collected, ignored): ${ex.stale.total === 0 ? 'none' : ex.stale.total}`);
  for (const id of ex.stale.items) lines.push(`  ${id}`);
  if (more(ex.stale)) lines.push(`  ...${more(ex.stale)}`);
  lines.push('');
  lines.push('slowest tests:');
  for (const t of ex.slowestTests.items) lines.push(`  ${fmt(t.seconds).padStart(10)} s  shard ${t.group}  ${t.id}${t.estimated ? '  (estimated)' : ''}`);
  lines.push('slowest files:');
  for (const f of ex.slowestFiles.items) lines.push(`  ${fmt(f.seconds).padStart(10)} s  ${String(f.tests).padStart(5)} tests  ${groups(f.groups)}  ${f.file}`);
  lines.push('');
  lines.push(describeCost(ex.cost));
  lines.push(
    `files cut across shards: ${ex.splitFiles.total === 0 ? `none (each costs at most a shard's fair share of ${fmt(ex.fairShareSeconds)} s)` : ex.splitFiles.total}`,
  );
  for (const f of ex.splitFiles.items) lines.push(`  ${f.file}: ${groups(f.groups)}; ${describeSplitReason(f, words)}`);
  if (more(ex.splitFiles)) lines.push(`  ...${more(ex.splitFiles)}`);
  if (ex.moves) {
    const m = ex.moves;
    lines.push('');
    lines.push(`compared with the old plan (${m.oldSplits} shards): ${m.moved} test(s) moved shard, ${m.added} added, ${m.removed} removed`);
    for (const f of m.files.items) lines.push(`  ${f.file}: ${f.moved} test(s) from ${groups(f.from)} to ${groups(f.to)}; ${describeMoveReason(f)}`);
    if (more(m.files)) lines.push(`  ...${more(m.files)}`);
  }
  return lines.map(oneLine).join('\n') + '\n';
}

/** The short form for a job summary (GitHub-flavoured markdown, a handful of bullet points). */
export function explainMarkdown(ex: Explanation): string {
  const c = ex.coverage;
  const lines: string[] = ['#### Why this plan'];
  lines.push(
    `- Timings known for **${c.knownTests} of ${c.tests}** tests (${pct(c.knownTests, c.tests)}), ${pct(c.knownSeconds, c.seconds)} of the predicted test time.`,
  );
  if (ex.estimatedFiles.total > 0) {
    const top = ex.estimatedFiles.items.slice(0, 3).map((f) => codeSpan(f.file));
    lines.push(
      `- ${c.estimatedTests} test(s) estimated, in ${ex.estimatedFiles.total} file(s): ${top.join(', ')}${ex.estimatedFiles.total > top.length ? ', ...' : ''}.`,
    );
  }
  if (ex.stale.total > 0) lines.push(`- ${ex.stale.total} stale timing entr${ex.stale.total === 1 ? 'y' : 'ies'} ignored (tests no longer collected).`);
  const slow = ex.slowestTests.items[0];
  if (slow) lines.push(`- Slowest test: ${codeSpan(slow.id)}, ${fmt(slow.seconds)} s${slow.estimated ? ' (estimated)' : ''}, in shard ${slow.group}.`);
  if (ex.splitFiles.total > 0) {
    const top = ex.splitFiles.items.slice(0, 3).map((f) => codeSpan(f.file));
    lines.push(
      `- ${ex.splitFiles.total} file(s) cut across shards (fair share ${fmt(ex.fairShareSeconds)} s per shard): ${top.join(', ')}${ex.splitFiles.total > top.length ? ', ...' : ''}.`,
    );
  }
  if (ex.moves) {
    const m = ex.moves;
    lines.push(`- Against the previous plan: ${m.moved} test(s) moved shard, ${m.added} added, ${m.removed} removed.`);
  }
  return lines.join('\n') + '\n';
}

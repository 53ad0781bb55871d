/**
 * What `verify` found, for people: Markdown (the Action's verify job summary and `verify
 * --markdown`) and a self-contained HTML page with an SVG chart (`verify --html`). Per shard the
 * predicted against the measured seconds with the reason for a miss (core/verifyTiming.ts), the
 * tests whose measured time moved most against the stored one, and the exactly-once findings.
 * Node ids are shown as code (Markdown) or escaped (HTML), so they can never inject markup.
 * Deterministic: the same inputs give the same bytes.
 *
 * In the SVG every shard is a `<g class="shard" data-shard="K" data-verdict="...">` holding a
 * `<rect data-part="predicted">`, a `<rect data-part="measured">` (absent when no report ran) and
 * a `<line data-part="model">` (the model on this run's test times), so tests can find them.
 */
import { sum } from '../core/stats.js';
import { oneLine } from '../core/text.js';
import type { VerifyResult } from '../core/verify.js';
import type { ShardTiming, TimingReport, Verdict } from '../core/verifyTiming.js';
import { boundedLines } from './lists.js';
import { bulletList, codeSpan } from './markdown.js';
import { closeChart, coord, openChart, type ChartLayout } from './svgChart.js';
import { escapeXml } from './xml.js';

/** How many offenders of each kind are printed before "and N more". */
export const OFFENDER_LIMIT = 20;

export function formatVerify(r: VerifyResult, ctx: { unmapped?: readonly string[] } = {}, limit = OFFENDER_LIMIT): string {
  const lines: string[] = [];
  const ranTotal = sum(r.shards.map((s) => s.ran));
  const changes = [
    ...(r.selectedNew.length > 0 ? [`${r.selectedNew.length} new since planning`] : []),
    ...(r.gone.length > 0 ? [`${r.gone.length} planned test(s) gone since planning`] : []),
  ];
  lines.push(
    r.ok
      ? `split-plan verify: ok: every planned test ran exactly once (${ranTotal} tests in ${r.shards.length} shards${changes.map((c) => `; ${c}`).join('')})`
      : `split-plan verify: FAILED: ${r.lost.length} lost, ${r.doubled.length} doubled, ${r.unexpected.length} unexpected`,
  );
  const section = <T>(title: string, items: readonly T[], show: (x: T) => string): void => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`);
    lines.push(...boundedLines(items, limit, (t) => `  ${t}`, show));
  };
  if (r.missingShards.length > 0) lines.push(`no report for group(s) ${r.missingShards.join(', ')}`);
  section('lost: planned but not run', r.lost, (l) => `${l.entry}  (group ${l.group})`);
  section('doubled: ran in more than one report', r.doubled, (d) => `${d.id}  (${d.reports.join(', ')})`);
  section('unexpected: ran but not planned', r.unexpected, (u) => `${u.id}  (${u.report})`);
  section('new: not planned, ran once in the shard that runs new tests of their file', r.selectedNew, (u) => `${u.id}  (${u.report})`);
  section('gone: planned, but no longer collected (deleted or renamed since the timings)', r.gone, (l) => `${l.entry}  (group ${l.group})`);
  section('reports that ran no planned test', r.unmatchedReports, (s) => s);
  section('modules skipped at collection (their tests count as run)', r.skippedModules, (m) => m);
  section('JUnit records that are not tests (collection errors?)', ctx.unmapped ?? [], (u) => u);
  const rows = verifyRows(r);
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  for (const row of rows) lines.push(row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  '));
  return lines.map(oneLine).join('\n') + '\n';
}

/** Per-shard rows, header first (the Action renders the same rows as a markdown table). */
export function verifyRows(r: VerifyResult): string[][] {
  const rows = [['group', 'planned', 'ran', 'lost', 'predicted s', 'actual s', 'diff']];
  for (const s of r.shards) {
    const actual = s.actualSeconds;
    rows.push([
      String(s.group),
      String(s.planned),
      String(s.ran),
      String(s.lost),
      s.predictedSeconds.toFixed(2),
      actual === undefined ? 'missing' : actual.toFixed(2),
      actual === undefined || s.predictedSeconds === 0
        ? ''
        : `${actual >= s.predictedSeconds ? '+' : ''}${(((actual - s.predictedSeconds) / s.predictedSeconds) * 100).toFixed(0)}%`,
    ]);
  }
  return rows;
}

const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  'as-predicted': 'as predicted',
  'runner-speed': 'machine speed',
  'tests-moved': 'tests moved',
  overhead: 'overhead off',
  missing: 'no report',
};

function headline(r: VerifyResult): string {
  const ran = r.shards.reduce((n, s) => n + s.ran, 0);
  return r.ok
    ? `split-plan verify: ok, every planned test ran exactly once (${ran} tests in ${r.shards.length} shards)`
    : `split-plan verify: FAILED: ${r.lost.length} lost, ${r.doubled.length} doubled, ${r.unexpected.length} unexpected`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** A Mermaid `xychart-beta`: measured seconds as bars, predicted as a line. */
export function verifyChart(timing: TimingReport): string {
  const shards = timing.shards;
  const top = Math.max(1, Math.ceil(Math.max(...shards.map((s) => Math.max(s.predictedSeconds, s.measuredSeconds ?? 0))) * 1.1));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Measured (bars) against predicted (line) seconds per shard"',
    `  x-axis "shard" [${shards.map((s) => `"${s.group}"`).join(', ')}]`,
    `  y-axis "seconds" 0 --> ${top}`,
    `  bar [${shards.map((s) => f2(s.measuredSeconds ?? 0)).join(', ')}]`,
    `  line [${shards.map((s) => f2(s.predictedSeconds)).join(', ')}]`,
    '```',
  ].join('\n');
}

function timingMarkdown(timing: TimingReport, limit: number): string[] {
  const out: string[] = [];
  out.push('### Predicted against measured');
  out.push('');
  out.push(verifyChart(timing));
  out.push('');
  out.push('| shard | predicted s | measured s | error | model on this run s | tests ran x stored | why |');
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: | :-- |');
  for (const s of timing.shards) {
    out.push(
      `| ${s.group} | ${f2(s.predictedSeconds)} | ${s.measuredSeconds === undefined ? 'missing' : f2(s.measuredSeconds)} | ${s.error === undefined ? '' : pct(s.error)} | ${s.modelSeconds === undefined ? '' : f2(s.modelSeconds)} | ${s.testRatio === undefined ? '' : s.testRatio.toFixed(2)} | **${VERDICT_LABELS[s.verdict]}**: ${s.reason} |`,
    );
  }
  out.push('');
  out.push(timingNote(timing));
  out.push('');
  if (!timing.stored) {
    out.push('No stored timings were given (`--durations`, or the `durations` input), so moved tests cannot be listed.');
    return out;
  }
  out.push(
    `### Tests that moved most against their stored time (${timing.moved.length} of ${timing.compared} compared${timing.unstored > 0 ? `; ${timing.unstored} ran without a stored time` : ''})`,
  );
  out.push('');
  if (timing.moved.length === 0) {
    out.push('None: every test took its stored time.');
    return out;
  }
  out.push('| test | shard | stored s | measured s | change s |');
  out.push('| :-- | ---: | ---: | ---: | ---: |');
  for (const t of timing.moved.slice(0, limit)) {
    out.push(
      `| ${codeSpan(t.id).replaceAll('|', '\\|')} | ${t.group || ''} | ${f2(t.storedSeconds)} | ${f2(t.measuredSeconds)} | ${t.changeSeconds >= 0 ? '+' : ''}${f2(t.changeSeconds)} |`,
    );
  }
  return out;
}

function timingNote(timing: TimingReport): string {
  const parts = ["Measured: the shard's JUnit session seconds."];
  if (timing.startupSeconds > 0)
    parts.push(`Predicted: the plan's seconds less the ${f2(timing.startupSeconds)} s of start-up outside pytest's session, which JUnit does not show.`);
  parts.push(`Model on this run: the cost model with this run's own test times${timing.workers > 1 ? ` spread over ${timing.workers} workers` : ''}.`);
  return parts.join(' ');
}

export interface VerifyMarkdownOptions {
  unmapped?: readonly string[];
  limit?: number;
  timing?: TimingReport;
}

/** The Markdown report: counts, the per-shard table, the timing chart and moved tests, the offenders (bounded). */
export function verifyMarkdown(r: VerifyResult, opts: VerifyMarkdownOptions = {}): string {
  const limit = opts.limit ?? OFFENDER_LIMIT;
  const out: string[] = [];
  out.push(`## ${headline(r)}`);
  out.push('');
  const [header, ...rows] = verifyRows(r);
  if (header) {
    out.push(`| ${header.join(' | ')} |`);
    out.push(`| ${header.map(() => '---:').join(' | ')} |`);
    for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  }
  if (r.missingShards.length > 0) {
    out.push('');
    out.push(`**No report for group${r.missingShards.length === 1 ? '' : 's'} ${r.missingShards.join(', ')}**: its tests count as lost.`);
  }
  if (opts.timing) {
    out.push('');
    out.push(...timingMarkdown(opts.timing, limit));
  }
  const section = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push('');
    out.push(`### ${title} (${items.length})`);
    out.push('');
    out.push(...bulletList(items, limit));
  };
  section(
    'Lost: planned but not run',
    r.lost.map((l) => `${codeSpan(l.entry)} (group ${l.group})`),
  );
  section(
    'Doubled: ran in more than one report',
    r.doubled.map((d) => `${codeSpan(d.id)} (${d.reports.map(codeSpan).join(', ')})`),
  );
  section(
    'Unexpected: ran but not planned',
    r.unexpected.map((u) => `${codeSpan(u.id)} (${codeSpan(u.report)})`),
  );
  section(
    'New: not planned, ran once in the shard that runs new tests of their file',
    r.selectedNew.map((u) => `${codeSpan(u.id)} (${codeSpan(u.report)})`),
  );
  section(
    'Gone: planned, but no longer collected (deleted or renamed since the timings)',
    r.gone.map((l) => `${codeSpan(l.entry)} (group ${l.group})`),
  );
  section('Reports that ran no planned test', r.unmatchedReports.map(codeSpan));
  section('Modules skipped at collection (their tests count as run)', r.skippedModules.map(codeSpan));
  section('JUnit records that are not tests (collection errors?)', (opts.unmapped ?? []).map(codeSpan));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// SVG and HTML

export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  'as-predicted': '#1a73e8',
  'runner-speed': '#f29900',
  'tests-moved': '#9334e6',
  overhead: '#d93025',
  missing: '#9aa0a6',
};
const PREDICTED_COLOR = '#c6cacf';
const MODEL_COLOR = '#202124';

const LAYOUT: ChartLayout = {
  width: 960,
  labelWidth: 80,
  valueWidth: 230,
  legendHeight: 30,
  axisHeight: 28,
  rowHeight: 2 * 12 + 12,
  legendGap: 24,
};
const BAR_HEIGHT = 12;

function shardTitle(s: ShardTiming): string {
  const measured = s.measuredSeconds === undefined ? 'no report' : `${f2(s.measuredSeconds)} s measured`;
  return `shard ${s.group}: ${f2(s.predictedSeconds)} s predicted, ${measured}${s.error === undefined ? '' : ` (${pct(s.error)})`}; ${VERDICT_LABELS[s.verdict]}: ${s.reason}`;
}

/** The chart alone: per shard a predicted bar over a measured bar, coloured by the reason for a miss. */
export function verifySvg(timing: TimingReport, standalone = true): string {
  const shards = timing.shards;
  const { labelWidth, rowHeight } = LAYOUT;
  const frame = openChart(LAYOUT, {
    rows: shards.length,
    maxSeconds: Math.max(0, ...shards.map((s) => Math.max(s.predictedSeconds, s.measuredSeconds ?? 0, s.modelSeconds ?? 0))),
    ariaLabel: `predicted against measured seconds of ${shards.length} shards`,
    legend: [
      { color: PREDICTED_COLOR, label: 'predicted' },
      { color: VERDICT_COLORS['as-predicted'], label: 'measured: as predicted' },
      { color: VERDICT_COLORS['runner-speed'], label: 'machine speed' },
      { color: VERDICT_COLORS['tests-moved'], label: 'tests moved' },
      { color: VERDICT_COLORS.overhead, label: 'overhead off' },
      { color: MODEL_COLOR, label: 'model on this run' },
    ],
    standalone,
  });
  const { lines: out, scale } = frame;
  shards.forEach((s, i) => {
    const y = frame.plotTop + i * rowHeight + 6;
    out.push(
      `<g class="shard" data-shard="${s.group}" data-predicted="${s.predictedSeconds}"${s.measuredSeconds === undefined ? '' : ` data-measured="${s.measuredSeconds}"`} data-verdict="${s.verdict}">`,
    );
    out.push(`<title>${escapeXml(shardTitle(s))}</title>`);
    out.push(`<text x="${labelWidth - 8}" y="${coord(y + BAR_HEIGHT + 4)}" text-anchor="end">shard ${s.group}</text>`);
    out.push(
      `<rect data-part="predicted" x="${labelWidth}" y="${coord(y)}" width="${coord(s.predictedSeconds * scale)}" height="${BAR_HEIGHT}" fill="${PREDICTED_COLOR}"/>`,
    );
    if (s.measuredSeconds !== undefined) {
      out.push(
        `<rect data-part="measured" x="${labelWidth}" y="${coord(y + BAR_HEIGHT)}" width="${coord(s.measuredSeconds * scale)}" height="${BAR_HEIGHT}" fill="${VERDICT_COLORS[s.verdict]}"/>`,
      );
    }
    if (s.modelSeconds !== undefined) {
      const mx = labelWidth + s.modelSeconds * scale;
      out.push(
        `<line data-part="model" x1="${coord(mx)}" y1="${coord(y - 2)}" x2="${coord(mx)}" y2="${coord(y + 2 * BAR_HEIGHT + 2)}" stroke="${MODEL_COLOR}" stroke-width="2"/>`,
      );
    }
    const right = labelWidth + Math.max(s.predictedSeconds, s.measuredSeconds ?? 0, s.modelSeconds ?? 0) * scale;
    const value =
      s.measuredSeconds === undefined
        ? `${f2(s.predictedSeconds)} s predicted, no report`
        : `${f2(s.measuredSeconds)} s of ${f2(s.predictedSeconds)} s${s.error === undefined ? '' : ` (${pct(s.error)})`} · ${VERDICT_LABELS[s.verdict]}`;
    out.push(`<text x="${coord(right + 6)}" y="${coord(y + BAR_HEIGHT + 4)}" fill="#222">${escapeXml(value)}</text>`);
    out.push('</g>');
  });
  return closeChart(frame);
}

const CSS = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:16px;margin:20px 0 6px}
p{margin:4px 0}
table{border-collapse:collapse;margin-top:8px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
td.text{text-align:left}
code{font-size:12px}
.fail{color:#d93025}`;

/** A whole page: the verdict, the chart, the per-shard table, moved tests and the offenders (bounded). */
export function verifyHtml(r: VerifyResult, timing: TimingReport, opts: { unmapped?: readonly string[]; limit?: number } = {}): string {
  const limit = opts.limit ?? OFFENDER_LIMIT;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<title>${escapeXml(`split-plan verify: ${r.ok ? 'ok' : 'FAILED'}`)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1${r.ok ? '' : ' class="fail"'}>${escapeXml(headline(r))}</h1>`);
  out.push(`<p>${escapeXml(timingNote(timing))}</p>`);
  out.push(verifySvg(timing, false).trimEnd());
  out.push('<table>');
  out.push(
    '<thead><tr><th>shard</th><th>predicted s</th><th>measured s</th><th>error</th><th>model on this run s</th><th>tests ran x stored</th><th>why</th></tr></thead>',
  );
  out.push('<tbody>');
  for (const s of timing.shards) {
    out.push(
      `<tr data-shard="${s.group}"><td>${s.group}</td><td>${f2(s.predictedSeconds)}</td><td>${s.measuredSeconds === undefined ? 'missing' : f2(s.measuredSeconds)}</td><td>${s.error === undefined ? '' : pct(s.error)}</td><td>${s.modelSeconds === undefined ? '' : f2(s.modelSeconds)}</td><td>${s.testRatio === undefined ? '' : s.testRatio.toFixed(2)}</td><td class="text"><b>${escapeXml(VERDICT_LABELS[s.verdict])}</b>: ${escapeXml(s.reason)}</td></tr>`,
    );
  }
  out.push('</tbody>');
  out.push('</table>');
  if (timing.stored) {
    out.push(`<h2>${escapeXml(`Tests that moved most against their stored time (${timing.moved.length} of ${timing.compared} compared)`)}</h2>`);
    if (timing.moved.length === 0) out.push('<p>None: every test took its stored time.</p>');
    else {
      out.push('<table class="moved">');
      out.push('<thead><tr><th>test</th><th>shard</th><th>stored s</th><th>measured s</th><th>change s</th></tr></thead>');
      out.push('<tbody>');
      for (const t of timing.moved) {
        out.push(
          `<tr><td><code>${escapeXml(t.id)}</code></td><td>${t.group || ''}</td><td>${f2(t.storedSeconds)}</td><td>${f2(t.measuredSeconds)}</td><td>${t.changeSeconds >= 0 ? '+' : ''}${f2(t.changeSeconds)}</td></tr>`,
        );
      }
      out.push('</tbody>');
      out.push('</table>');
    }
  } else out.push('<p>No stored timings were given (--durations), so moved tests cannot be listed.</p>');
  const section = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push(`<h2>${escapeXml(`${title} (${items.length})`)}</h2>`);
    out.push('<ul>');
    out.push(
      ...boundedLines(
        items,
        limit,
        (t) => `<li>${t}</li>`,
        (x) => `<code>${escapeXml(x)}</code>`,
      ),
    );
    out.push('</ul>');
  };
  if (r.missingShards.length > 0)
    out.push(`<p class="fail">${escapeXml(`no report for group(s) ${r.missingShards.join(', ')}: their tests count as lost`)}</p>`);
  section(
    'Lost: planned but not run',
    r.lost.map((l) => `${l.entry} (group ${l.group})`),
  );
  section(
    'Doubled: ran in more than one report',
    r.doubled.map((d) => `${d.id} (${d.reports.join(', ')})`),
  );
  section(
    'Unexpected: ran but not planned',
    r.unexpected.map((u) => `${u.id} (${u.report})`),
  );
  section(
    'New: not planned, ran once in the shard that runs new tests of their file',
    r.selectedNew.map((u) => `${u.id} (${u.report})`),
  );
  section(
    'Gone: planned, but no longer collected (deleted or renamed since the timings)',
    r.gone.map((l) => `${l.entry} (group ${l.group})`),
  );
  section('Reports that ran no planned test', r.unmatchedReports);
  section('Modules skipped at collection (their tests count as run)', r.skippedModules);
  section('JUnit records that are not tests (collection errors?)', opts.unmapped ?? []);
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

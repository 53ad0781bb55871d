/**
 * The plan as a picture (`--html PATH`, `--svg PATH`): one horizontal bar per shard, split into
 * overhead, time of measured tests and time of estimated tests, with the shard's number, predicted
 * seconds and test count beside it. Self-contained (inline SVG and CSS, no scripts, no external
 * assets) and deterministic: the same plan always gives the same bytes.
 *
 * Every bar is a `<g data-shard="K">` and every part a `<rect data-part="overhead|known|estimated">`,
 * so tests and scripts can find them.
 */
import type { ShardBar } from '../core/explain.js';
import type { Plan } from '../core/plan.js';
import { closeChart, coord, openChart, type ChartLayout } from './svgChart.js';
import { escapeXml } from './xml.js';
import type { OptionWords } from '../app/words.js';
import { describeWarnings } from './warnings.js';

export const PARTS = [
  { key: 'overhead', label: 'overhead (start-up, collection, setup)', color: '#9aa0a6' },
  { key: 'known', label: 'tests with measured timings', color: '#1a73e8' },
  { key: 'estimated', label: 'tests with estimated timings', color: '#f29900' },
] as const;

type PartKey = (typeof PARTS)[number]['key'];

const LAYOUT: ChartLayout = {
  width: 960,
  labelWidth: 80,
  valueWidth: 170,
  legendHeight: 30,
  axisHeight: 28,
  rowHeight: 22,
  legendGap: 20,
};
const BAR_HEIGHT = 16;

function secs(x: number): string {
  return `${x.toFixed(2)} s`;
}

function partSeconds(bar: ShardBar, key: PartKey): number {
  switch (key) {
    case 'overhead':
      return bar.overheadSeconds;
    case 'known':
      return bar.knownSeconds;
    case 'estimated':
      return bar.estimatedSeconds;
  }
}

/** The chart alone; `standalone` adds the XML namespace a .svg file needs. */
export function renderSvg(plan: Plan, bars: readonly ShardBar[], standalone = true): string {
  const { labelWidth, rowHeight } = LAYOUT;
  const frame = openChart(LAYOUT, {
    rows: bars.length,
    maxSeconds: Math.max(0, ...bars.map((b) => b.overheadSeconds + b.knownSeconds + b.estimatedSeconds), plan.makespanSeconds),
    ariaLabel: `predicted time of ${plan.splits} shards`,
    legend: PARTS,
    standalone,
  });
  const out = frame.lines;
  bars.forEach((b, i) => {
    const y = frame.plotTop + i * rowHeight + (rowHeight - BAR_HEIGHT) / 2;
    const title = `shard ${b.group}: ${secs(b.predictedSeconds)} predicted, ${b.tests} tests; overhead ${secs(b.overheadSeconds)}, measured ${secs(b.knownSeconds)}, estimated ${secs(b.estimatedSeconds)}`;
    out.push(`<g class="shard" data-shard="${b.group}" data-predicted="${b.predictedSeconds}" data-tests="${b.tests}">`);
    out.push(`<title>${escapeXml(title)}</title>`);
    out.push(`<text x="${labelWidth - 8}" y="${coord(y + BAR_HEIGHT - 4)}" text-anchor="end">shard ${b.group}</text>`);
    let bx = labelWidth;
    for (const p of PARTS) {
      const w = partSeconds(b, p.key) * frame.scale;
      if (w <= 0) continue;
      out.push(`<rect data-part="${p.key}" x="${coord(bx)}" y="${coord(y)}" width="${coord(w)}" height="${BAR_HEIGHT}" fill="${p.color}"/>`);
      bx += w;
    }
    const value = b.tests === 0 ? 'no tests' : `${secs(b.predictedSeconds)} · ${b.tests} test${b.tests === 1 ? '' : 's'}`;
    out.push(`<text x="${coord(bx + 6)}" y="${coord(y + BAR_HEIGHT - 4)}" fill="#222">${escapeXml(value)}</text>`);
    out.push('</g>');
  });
  return closeChart(frame);
}

const CSS = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 8px}
p{margin:4px 0}
table{border-collapse:collapse;margin-top:16px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
.warn{color:#a15c00}`;

/** A whole page: heading, summary, the chart, a table of the same numbers and the plan's warnings. */
export function renderHtml(plan: Plan, bars: readonly ShardBar[], words: OptionWords): string {
  const known = bars.reduce((a, b) => a + b.knownSeconds, 0);
  const estimated = bars.reduce((a, b) => a + b.estimatedSeconds, 0);
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<title>${escapeXml(`split-plan: ${plan.splits} shards`)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1>${escapeXml(`split-plan: ${plan.tests} tests in ${plan.splits} shards`)}</h1>`);
  out.push(
    `<p>${escapeXml(`slowest shard ${secs(plan.makespanSeconds)}, lower bound ${secs(plan.lowerBoundSeconds)}; ${plan.estimatedTests} test(s) estimated; granularity ${plan.granularity}, algorithm ${plan.algorithm}${plan.workers > 1 ? `, ${plan.workers} workers per shard` : ''}`)}</p>`,
  );
  out.push(`<p>${escapeXml(`time of measured tests ${secs(known)}, of estimated tests ${secs(estimated)} (after spreading over workers)`)}</p>`);
  out.push(renderSvg(plan, bars, false).trimEnd());
  out.push('<table>');
  out.push('<thead><tr><th>shard</th><th>tests</th><th>predicted s</th><th>overhead s</th><th>measured s</th><th>estimated s</th></tr></thead>');
  out.push('<tbody>');
  for (const b of bars) {
    out.push(
      `<tr><td>${b.group}</td><td>${b.tests}</td><td>${b.predictedSeconds.toFixed(2)}</td><td>${b.overheadSeconds.toFixed(2)}</td><td>${b.knownSeconds.toFixed(2)}</td><td>${b.estimatedSeconds.toFixed(2)}</td></tr>`,
    );
  }
  out.push('</tbody>');
  out.push('</table>');
  for (const w of describeWarnings(plan, words)) out.push(`<p class="warn">${escapeXml(`warning: ${w}`)}</p>`);
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

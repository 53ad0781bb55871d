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
import { escapeXml } from './xml.js';
import type { OptionWords } from '../app/words.js';
import { describeWarnings } from './warnings.js';

export const PARTS = [
  { key: 'overhead', label: 'overhead (start-up, collection, setup)', color: '#9aa0a6' },
  { key: 'known', label: 'tests with measured timings', color: '#1a73e8' },
  { key: 'estimated', label: 'tests with estimated timings', color: '#f29900' },
] as const;

type PartKey = (typeof PARTS)[number]['key'];

const WIDTH = 960;
const LABEL_WIDTH = 80;
const VALUE_WIDTH = 170;
const ROW_HEIGHT = 22;
const BAR_HEIGHT = 16;
const LEGEND_HEIGHT = 30;
const AXIS_HEIGHT = 28;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH;

/** Coordinates with one decimal: enough for a screen, and stable text. */
function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

function secs(x: number): string {
  return `${x.toFixed(2)} s`;
}

/** A round axis step giving at most 6 ticks up to `max`. */
export function tickStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 6;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
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
  const max = Math.max(0, ...bars.map((b) => b.overheadSeconds + b.knownSeconds + b.estimatedSeconds), plan.makespanSeconds);
  const step = tickStep(max);
  const axisMax = max > 0 ? Math.ceil(max / step) * step : 1;
  const scale = PLOT_WIDTH / axisMax;
  const plotTop = LEGEND_HEIGHT;
  const plotHeight = bars.length * ROW_HEIGHT;
  const height = plotTop + plotHeight + AXIS_HEIGHT;
  const out: string[] = [];
  const ns = standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  out.push(
    `<svg${ns} width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(`predicted time of ${plan.splits} shards`)}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  // Legend.
  let x = LABEL_WIDTH;
  for (const p of PARTS) {
    out.push(`<rect x="${n(x)}" y="8" width="12" height="12" fill="${p.color}"/>`);
    out.push(`<text x="${n(x + 16)}" y="18">${escapeXml(p.label)}</text>`);
    x += 20 + p.label.length * 6.5;
  }
  // Grid and axis.
  for (let t = 0; t <= axisMax + 1e-9; t += step) {
    const gx = LABEL_WIDTH + t * scale;
    out.push(`<line x1="${n(gx)}" y1="${plotTop}" x2="${n(gx)}" y2="${plotTop + plotHeight}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${n(gx)}" y="${plotTop + plotHeight + 16}" text-anchor="middle" fill="#555">${escapeXml(formatTick(t, step))}</text>`);
  }
  out.push(`<text x="${LABEL_WIDTH + PLOT_WIDTH}" y="${height - 2}" text-anchor="end" fill="#555">seconds</text>`);
  // Bars.
  bars.forEach((b, i) => {
    const y = plotTop + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const title = `shard ${b.group}: ${secs(b.predictedSeconds)} predicted, ${b.tests} tests; overhead ${secs(b.overheadSeconds)}, measured ${secs(b.knownSeconds)}, estimated ${secs(b.estimatedSeconds)}`;
    out.push(`<g class="shard" data-shard="${b.group}" data-predicted="${b.predictedSeconds}" data-tests="${b.tests}">`);
    out.push(`<title>${escapeXml(title)}</title>`);
    out.push(`<text x="${LABEL_WIDTH - 8}" y="${n(y + BAR_HEIGHT - 4)}" text-anchor="end">shard ${b.group}</text>`);
    let bx = LABEL_WIDTH;
    for (const p of PARTS) {
      const w = partSeconds(b, p.key) * scale;
      if (w <= 0) continue;
      out.push(`<rect data-part="${p.key}" x="${n(bx)}" y="${n(y)}" width="${n(w)}" height="${BAR_HEIGHT}" fill="${p.color}"/>`);
      bx += w;
    }
    const value = b.tests === 0 ? 'no tests' : `${secs(b.predictedSeconds)} · ${b.tests} test${b.tests === 1 ? '' : 's'}`;
    out.push(`<text x="${n(bx + 6)}" y="${n(y + BAR_HEIGHT - 4)}" fill="#222">${escapeXml(value)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function formatTick(t: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return t.toFixed(decimals);
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

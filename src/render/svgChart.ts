/**
 * The frame both horizontal bar charts share (render/report.ts: the plan; render/verify.ts:
 * predicted against measured): the `<svg>` element, a white background, a legend row, vertical
 * grid lines with round ticks and a "seconds" caption. The caller draws its rows between
 * `open` and `close`, scaling seconds by `scale` from `labelWidth`. Deterministic text: every
 * coordinate is written with one decimal (`coord`).
 */
import { escapeXml } from './xml.js';

export interface ChartLayout {
  width: number;
  /** Left margin holding the row labels; the plot starts here. */
  labelWidth: number;
  /** Right margin holding each row's value text. */
  valueWidth: number;
  legendHeight: number;
  axisHeight: number;
  rowHeight: number;
  /** Horizontal room a legend entry takes beyond its text's (estimated) width. */
  legendGap: number;
}

export interface LegendEntry {
  color: string;
  label: string;
}

export interface ChartFrame {
  /** The opening lines (svg element, background, legend, grid and axis); rows are pushed after them. */
  lines: string[];
  /** Pixels per second. */
  scale: number;
  /** Where the first row starts. */
  plotTop: number;
}

/** Coordinates with one decimal: enough for a screen, and stable text. */
export function coord(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** A round axis step giving at most 6 ticks up to `max`. */
export function tickStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 6;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** A tick's label, with as many decimals as the step needs. */
export function formatTick(t: number, step: number): string {
  return t.toFixed(step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step))));
}

/**
 * Opens a chart of `rows` rows whose longest bar is `maxSeconds`. `standalone` adds the XML
 * namespace a .svg file needs (inline in HTML it is left out).
 */
export function openChart(
  layout: ChartLayout,
  opts: { rows: number; maxSeconds: number; ariaLabel: string; legend: readonly LegendEntry[]; standalone: boolean },
): ChartFrame {
  const plotWidth = layout.width - layout.labelWidth - layout.valueWidth;
  const max = Math.max(0, opts.maxSeconds);
  const step = tickStep(max);
  const axisMax = max > 0 ? Math.ceil(max / step) * step : 1;
  const scale = plotWidth / axisMax;
  const plotTop = layout.legendHeight;
  const plotHeight = opts.rows * layout.rowHeight;
  const height = plotTop + plotHeight + layout.axisHeight;
  const ns = opts.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  const lines = [
    `<svg${ns} width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" role="img" aria-label="${escapeXml(opts.ariaLabel)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${layout.width}" height="${height}" fill="#ffffff"/>`,
  ];
  let x = layout.labelWidth;
  for (const { color, label } of opts.legend) {
    lines.push(`<rect x="${coord(x)}" y="8" width="12" height="12" fill="${color}"/>`);
    lines.push(`<text x="${coord(x + 16)}" y="18">${escapeXml(label)}</text>`);
    x += layout.legendGap + label.length * 6.5;
  }
  for (let t = 0; t <= axisMax + 1e-9; t += step) {
    const gx = layout.labelWidth + t * scale;
    lines.push(`<line x1="${coord(gx)}" y1="${plotTop}" x2="${coord(gx)}" y2="${plotTop + plotHeight}" stroke="#e0e0e0"/>`);
    lines.push(`<text x="${coord(gx)}" y="${plotTop + plotHeight + 16}" text-anchor="middle" fill="#555">${escapeXml(formatTick(t, step))}</text>`);
  }
  lines.push(`<text x="${layout.labelWidth + plotWidth}" y="${height - 2}" text-anchor="end" fill="#555">seconds</text>`);
  return { lines, scale, plotTop };
}

/** Closes the chart: the whole SVG text, ending in a newline. */
export function closeChart(frame: ChartFrame): string {
  return [...frame.lines, '</svg>'].join('\n') + '\n';
}

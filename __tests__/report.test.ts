/**
 * The HTML/SVG report: its structure and determinism, and a real headless Chromium (whichever one
 * helpers/machine.ts finds: SPLIT_PLAN_CHROMIUM, CHROME_PATH, Playwright's browsers or PATH; driven
 * by playwright-core) opening what `split-plan --html` writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { shardBars } from '../src/core/explain.js';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { parseDurations } from '../src/formats/durations.js';
import { renderHtml, renderSvg } from '../src/render/report.js';
import { tickStep } from '../src/render/svgChart.js';
import { escapeXml } from '../src/render/xml.js';
import { machine } from './helpers/machine.js';
import { cliPath, repoRoot } from './helpers/paths.js';
import { CLI_WORDS } from '../src/cli/words.js';

const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const tmp = mkdtempSync(join(tmpdir(), 'split-plan-report-'));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: tmp, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function demoPlan(splits: number, collectedExtra: string[] = []) {
  const timings = parseDurations(readFileSync(demo, 'utf8'), demo).timings;
  const suite = buildSuite({ timings, collected: [...timings.keys()].concat(collectedExtra) });
  const plan = buildPlan(suite, {
    splits,
    granularity: 'auto',
    algorithm: 'balanced',
    workers: 1,
    overhead: { fixedSeconds: 1.5, perFileSeconds: 0.05, source: 'flag', samples: 0 },
  });
  return { plan, bars: shardBars(plan, suite) };
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('renderHtml / renderSvg', () => {
  const { plan, bars } = demoPlan(6, ['tests/api/test_search.py::test_brand_new_1', 'tests/api/test_search.py::test_brand_new_2']);
  const html = renderHtml(plan, bars, CLI_WORDS);

  it('draws one bar per shard, each part a rect with its own data attribute', () => {
    expect(count(html, '<g class="shard" data-shard="')).toBe(6);
    for (let g = 1; g <= 6; g++) expect(html).toContain(`data-shard="${g}"`);
    expect(count(html, 'data-part="overhead"')).toBe(6);
    expect(count(html, 'data-part="known"')).toBe(6);
    expect(count(html, 'data-part="estimated"')).toBe(1);
  });

  it('is self-contained and deterministic', () => {
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(|@import/i);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(renderHtml(plan, bars, CLI_WORDS)).toBe(html);
    const svg = renderSvg(plan, bars);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    expect(html).toContain(renderSvg(plan, bars, false).trimEnd());
  });

  it('keeps a bar for a shard without tests', () => {
    const timings = new Map([['tests/test_a.py::test_1', 1]]);
    const suite = buildSuite({ timings });
    const p = buildPlan(suite, { splits: 3, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });
    const svg = renderSvg(p, shardBars(p, suite));
    expect(count(svg, 'data-shard="')).toBe(3);
    expect(count(svg, 'no tests')).toBe(2);
  });

  it.each<[string, string]>([
    ['a<b>&"c"\'', 'a&lt;b&gt;&amp;&quot;c&quot;&#39;'],
    ['plain', 'plain'],
  ])('escapes %j', (raw, escaped) => {
    expect(escapeXml(raw)).toBe(escaped);
  });

  it.each<[number, number]>([
    [0, 1],
    [5.4, 1],
    [33.86, 10],
    [135.4, 50],
    [0.03, 0.005],
    [1200, 200],
  ])('axis step for %d s is %d', (max, step) => {
    expect(tickStep(max)).toBeCloseTo(step, 9);
  });
});

describe('split-plan --html / --svg in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    // Never skipped: without a browser this fails with the line that says what to install.
    const found = machine().chromium;
    if (found.path === undefined) throw new Error(found.problem);
    browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the report, shows one bar per shard with lengths in proportion to predicted time, and takes a screenshot', async () => {
    const html = join(tmp, 'report.html');
    const svg = join(tmp, 'report.svg');
    const r = cli([
      '--durations',
      demo,
      '--no-discover',
      '--splits',
      '7',
      '--fixed-overhead',
      '2',
      '--per-file-overhead',
      '0.05',
      '--html',
      html,
      '--svg',
      svg,
      '--json',
      'plan.json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(tmp, 'plan.json'), 'utf8')) as { shards: { group: number; predictedSeconds: number }[] };
    // Same inputs, same bytes.
    const again = join(tmp, 'again.html');
    cli(['--durations', demo, '--no-discover', '--splits', '7', '--fixed-overhead', '2', '--per-file-overhead', '0.05', '--html', again, '--quiet']);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(html, 'utf8'));

    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) failed.push(`external request: ${req.url()}`);
    });
    await page.goto(pathToFileURL(html).href);
    const bars = page.locator('[data-shard]');
    expect(await bars.count()).toBe(7);
    // The drawn bar lengths follow the predicted seconds.
    const widths: { group: number; width: number }[] = [];
    for (let i = 0; i < 7; i++) {
      const bar = bars.nth(i);
      const group = Number(await bar.getAttribute('data-shard'));
      let width = 0;
      for (const rect of await bar.locator('rect').all()) width += (await rect.boundingBox())?.width ?? 0;
      widths.push({ group, width });
    }
    expect(widths.map((w) => w.group)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const predicted = new Map(plan.shards.map((s) => [s.group, s.predictedSeconds]));
    const first = widths[0] as { group: number; width: number };
    for (const w of widths) {
      // Drawn lengths are in the ratio of the predicted seconds.
      expect(w.width).toBeGreaterThan(100);
      expect(w.width / first.width).toBeCloseTo((predicted.get(w.group) as number) / (predicted.get(first.group) as number), 2);
    }
    expect(await page.locator('[data-part="overhead"]').count()).toBe(7);
    expect(await page.title()).toBe('split-plan: 7 shards');

    const shot = join(tmp, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(960);
    expect(png.readUInt32BE(20)).toBeGreaterThan(200);
    expect(statSync(shot).size).toBeGreaterThan(15_000);

    // The standalone SVG opens as an image document with the same bars.
    await page.goto(pathToFileURL(svg).href);
    expect(await page.locator('[data-shard]').count()).toBe(7);
    expect(failed).toEqual([]);
    await page.close();
  });
});

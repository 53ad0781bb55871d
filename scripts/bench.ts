/**
 * `npm run bench`: planning speed and quality figures (printed, never asserted).
 *
 * - Synthetic suites of 10k, 100k and 1M tests (log-normal durations, files of varying size) and
 *   the real timing files committed under __tests__/fixtures/durations/ (PROVENANCE.md says where
 *   each comes from): in-process planning time and
 *   makespan / lower bound at N = 2, 4, 8, 16, 32 with the default settings and with
 *   --granularity test, plus empty shards.
 * - The CLI end to end (process start to exit) on the 100k and 1M files, as a ratio against the
 *   baseline of a bare `node` that only reads and JSON.parses the same file, measured in the same
 *   run (interleaved, median and fastest of 5; 1 run for 1M); peak memory (max RSS). The 100k suite
 *   is timed twice: keys in generation order (grouped by file, unsorted inside), and as
 *   pytest-split and `split-plan refresh` write it (sorted keys, 4-space indent).
 * - Adversarial shapes of 100k tests (one dominant test, all-equal tests, 100k tests in one file,
 *   in one class, 100k files of one test), every algorithm x granularity: planning time in process
 *   (buildPlan on a suite built once; reading the file and building the suite are the same for every
 *   algorithm and would only dilute the ratios), median of 3 interleaved runs, as a ratio to the
 *   default algorithm (balanced) on the same shape and granularity. PASS when the ratio is at most 2.
 *   Then the CLI end to end on the dominant-test shape with --granularity test, per algorithm.
 * Set BENCH_QUICK=1 to skip the 1M suite and time each adversarial row once;
 * `npm run bench -- adversarial` runs only the adversarial section.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite, type Suite } from '../src/core/suite.js';
import { ALGORITHMS, GRANULARITIES, type Algorithm, type Granularity, type OverheadModel } from '../src/core/types.js';
import { formatDurations, parseDurations } from '../src/formats/durations.js';
import { mulberry32 } from './lib/suite/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Real .test_durations files public projects committed, copied with their provenance (PROVENANCE.md there). */
const REAL_DURATIONS_DIR = join(root, '__tests__', 'fixtures', 'durations');
const REAL_DURATIONS = [
  'BrikerMan__Kashgari.json',
  'Hellblazer__nexus.json',
  'MacPhobos__image-search-service.json',
  'PaoloClaudioGrigis__pytest_split_zero_tests.json',
  'iterative__dvc.json',
  'pgmpy__pgmpy.json',
];

/** Stops the bench with one line when a real timing file is missing (before minutes of synthetic work). */
function requireRealDurations(): void {
  const missing = REAL_DURATIONS.filter((f) => !existsSync(join(REAL_DURATIONS_DIR, f)));
  if (missing.length > 0) {
    console.error(`bench: missing real timing file(s) in ${relative(root, REAL_DURATIONS_DIR)}/: ${missing.join(', ')} (see PROVENANCE.md there)`);
    process.exit(1);
  }
}
const cli = join(root, 'dist', 'cli.js');
const SPLITS = [2, 4, 8, 16, 32];

function lognormal(rand: () => number, mu: number, sigma: number): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/** A synthetic suite: files of log-normal size (median ~20 tests), tests of log-normal seconds. */
function synthetic(n: number, seed: number): string {
  const rand = mulberry32(seed);
  const parts: string[] = [];
  let made = 0;
  for (let f = 0; made < n; f++) {
    const size = Math.max(1, Math.round(lognormal(rand, Math.log(20), 1)));
    const dir = `tests/pkg${f % 37}/sub${f % 5}`;
    for (let t = 0; t < size && made < n; t++, made++) {
      const cls = t % 3 === 0 ? '' : `TestCase${t % 4}::`;
      const secs = Math.round(lognormal(rand, Math.log(0.05), 1.5) * 1e6) / 1e6;
      parts.push(`    ${JSON.stringify(`${dir}/test_module_${f}.py::${cls}test_case_${t}[param-${t % 7}]`)}: ${secs}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

function fmt(x: number, d = 3): string {
  return x.toFixed(d);
}

function planRow(name: string, text: string, granularity: Granularity): void {
  const t0 = performance.now();
  const { timings } = parseDurations(text, name);
  const suite = buildSuite({ timings });
  const parseMs = performance.now() - t0;
  const cells: string[] = [];
  let planMs = 0;
  let empty = 0;
  for (const splits of SPLITS) {
    const t1 = performance.now();
    const plan = buildPlan(suite, { splits, granularity, algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });
    planMs += performance.now() - t1;
    empty += plan.shards.filter((s) => s.tests.length === 0).length;
    cells.push(plan.lowerBoundSeconds > 0 ? fmt(plan.makespanSeconds / plan.lowerBoundSeconds, 4) : 'n/a');
  }
  console.log(
    `${name.padEnd(44)} ${granularity.padEnd(5)} ${String(timings.size).padStart(8)} ${fmt(parseMs, 0).padStart(8)} ${fmt(planMs / SPLITS.length, 0).padStart(8)}  ${cells.map((c) => c.padStart(7)).join(' ')} ${String(empty).padStart(6)}`,
  );
}

function timeCommand(args: string[]): { seconds: number; maxRssMb?: number; code: number | null } {
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const full = useTime ? ['-f', '%M', process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = useTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, code: r.status, ...(Number.isFinite(rss) ? { maxRssMb: rss / 1024 } : {}) };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const work = join(tmpdir(), 'split-plan-bench');
mkdirSync(work, { recursive: true });
function speedAndQuality(): void {
  requireRealDurations();
  const sizes: [string, number][] = [
    ['synthetic-10k', 10_000],
    ['synthetic-100k', 100_000],
  ];
  if (!process.env.BENCH_QUICK) sizes.push(['synthetic-1M', 1_000_000]);
  const files = new Map<string, string>();
  for (const [name, n] of sizes) {
    const p = join(work, `${name}.json`);
    if (!existsSync(p)) writeFileSync(p, synthetic(n, 42));
    files.set(name, p);
  }
  const sortedName = 'synthetic-100k-sorted';
  const sortedPath = join(work, `${sortedName}.json`);
  if (!existsSync(sortedPath)) {
    const from = files.get('synthetic-100k') as string;
    writeFileSync(sortedPath, formatDurations(parseDurations(readFileSync(from, 'utf8'), from).timings));
  }

  console.log('## Planning in process (makespan / lowerBound; 1.0000 is the bound)');
  console.log(
    `${'suite'.padEnd(44)} ${'gran.'.padEnd(5)} ${'tests'.padStart(8)} ${'parse ms'.padStart(8)} ${'plan ms'.padStart(8)}  ${SPLITS.map((n) => `N=${n}`.padStart(7)).join(' ')} ${'empty'.padStart(6)}`,
  );
  for (const f of REAL_DURATIONS) {
    const text = readFileSync(join(REAL_DURATIONS_DIR, f), 'utf8');
    planRow(f.replace(/\.json$/, ''), text, 'auto');
    planRow(f.replace(/\.json$/, ''), text, 'test');
  }
  for (const [name, p] of files) {
    if (name === 'synthetic-1M') continue; // its in-process figures come from the CLI run below
    const text = readFileSync(p, 'utf8');
    planRow(name, text, 'auto');
    planRow(name, text, 'test');
  }

  console.log('\n## CLI end to end (process start to exit), against reading + JSON.parse alone in the same run');
  console.log(
    `${'suite'.padEnd(22)} ${'runs'.padStart(4)} ${'baseline s'.padStart(10)} ${'split-plan s'.padStart(12)} ${'fastest s'.padStart(9)} ${'ratio'.padStart(7)} ${'max RSS MB'.padStart(10)}`,
  );
  const endToEnd: [string, string][] = [...files].filter(([name]) => name !== 'synthetic-10k');
  endToEnd.splice(1, 0, [sortedName, sortedPath]);
  for (const [name, p] of endToEnd) {
    const runs = name === 'synthetic-1M' ? 1 : 5;
    const base: number[] = [];
    const ours: number[] = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      base.push(timeCommand(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(p)}, 'utf8'))`]).seconds);
      const r = timeCommand([cli, '--durations', p, '--splits', '8', '--no-discover', '--quiet', '--json', join(work, `${name}.plan.json`)]);
      if (r.code !== 0) throw new Error(`split-plan failed on ${name}`);
      ours.push(r.seconds);
      rss = Math.max(rss, r.maxRssMb ?? 0);
    }
    const b = median(base);
    const o = median(ours);
    console.log(
      `${name.padEnd(22)} ${String(runs).padStart(4)} ${fmt(b, 2).padStart(10)} ${fmt(o, 2).padStart(12)} ${fmt(Math.min(...ours), 2).padStart(9)} ${fmt(o / b, 2).padStart(7)} ${fmt(rss, 0).padStart(10)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Adversarial shapes: every algorithm x granularity must plan within 2 x the default's time.

const ADVERSARIAL_TESTS = 100_000;
const ADVERSARIAL_SPLITS = 8;
/** A per-file cost, so that where a test goes changes what else its shard pays (the harder case). */
const ADVERSARIAL_OVERHEAD: OverheadModel = { fixedSeconds: 1, perFileSeconds: 0.05, source: 'flag', samples: 0 };
const DEFAULT_ALGORITHM: Algorithm = 'balanced';
const MAX_RATIO = 2;

/** Durations of a generated shape: node id -> seconds. */
type Shape = { name: string; timings: () => Map<string, number> };

/** Node id of test i in files of `perFile` tests, two of three tests in one of four classes. */
function spreadId(i: number, perFile: number): string {
  const cls = i % 3 === 0 ? '' : `TestCase${i % 4}::`;
  return `tests/pkg${i % 7}/test_mod_${Math.floor(i / perFile)}.py::${cls}test_${i}`;
}

function shapeOf(name: string, seed: number, id: (i: number) => string, seconds: (i: number, rand: () => number) => number): Shape {
  return {
    name,
    timings: () => {
      const rand = mulberry32(seed);
      const m = new Map<string, number>();
      for (let i = 0; i < ADVERSARIAL_TESTS; i++) m.set(id(i), seconds(i, rand));
      return m;
    },
  };
}

const smallTest = (_: number, rand: () => number): number => Math.round(lognormal(rand, Math.log(0.05), 1.5) * 1e6) / 1e6;
const ADVERSARIAL_SHAPES: Shape[] = [
  // One test far above the rest (5,000 s against 100k tests of 0-0.1 s): it alone sets the slowest shard.
  shapeOf(
    'one-dominant-test',
    11,
    (i) => spreadId(i, 20),
    (i, rand) => (i === 5000 ? 5000 : Math.round(rand() * 1e5) / 1e6),
  ),
  shapeOf(
    'all-equal-tests',
    12,
    (i) => spreadId(i, 20),
    () => 1,
  ),
  shapeOf('one-file', 13, (i) => `tests/test_huge.py::test_${i}`, smallTest),
  shapeOf('one-class', 14, (i) => `tests/test_huge.py::TestHuge::test_${i}`, smallTest),
  shapeOf('one-test-files', 15, (i) => `tests/d${i % 100}/test_single_${i}.py::test_only`, smallTest),
];

function planMs(suite: Suite, algorithm: Algorithm, granularity: Granularity): number {
  const t0 = performance.now();
  buildPlan(suite, { splits: ADVERSARIAL_SPLITS, granularity, algorithm, workers: 1, overhead: ADVERSARIAL_OVERHEAD });
  return performance.now() - t0;
}

function adversarial(): void {
  const runs = process.env.BENCH_QUICK ? 1 : 3;
  console.log(
    `\n## Adversarial shapes: ${ADVERSARIAL_TESTS} tests, --splits ${ADVERSARIAL_SPLITS}, per-file overhead ${ADVERSARIAL_OVERHEAD.perFileSeconds} s; planning in process, median of ${runs}, ratio to ${DEFAULT_ALGORITHM} (PASS <= ${MAX_RATIO})`,
  );
  console.log(`${'shape'.padEnd(18)} ${'gran.'.padEnd(5)} ${'algorithm'.padEnd(9)} ${'plan ms'.padStart(8)} ${'ratio'.padStart(6)}  result`);
  let failed = 0;
  for (const shape of ADVERSARIAL_SHAPES) {
    const suite = buildSuite({ timings: shape.timings() });
    for (const granularity of GRANULARITIES) {
      const times = new Map<Algorithm, number[]>(ALGORITHMS.map((a) => [a, []]));
      // Interleaved, so that a slow moment of the machine falls on every algorithm alike.
      for (let r = 0; r < runs; r++) for (const a of ALGORITHMS) times.get(a)?.push(planMs(suite, a, granularity));
      const base = median(times.get(DEFAULT_ALGORITHM) ?? []);
      for (const a of ALGORITHMS) {
        const ms = median(times.get(a) ?? []);
        const ratio = ms / base;
        const ok = ratio <= MAX_RATIO;
        if (!ok) failed++;
        console.log(
          `${shape.name.padEnd(18)} ${granularity.padEnd(5)} ${a.padEnd(9)} ${fmt(ms, 0).padStart(8)} ${fmt(ratio, 2).padStart(6)}  ${a === DEFAULT_ALGORITHM ? 'baseline' : ok ? 'PASS' : 'FAIL'}`,
        );
      }
    }
  }
  console.log(failed === 0 ? `all rows within ${MAX_RATIO} x ${DEFAULT_ALGORITHM}` : `${failed} row(s) over ${MAX_RATIO} x ${DEFAULT_ALGORITHM}`);

  // The CLI end to end on the shape that once made chunks quadratic.
  const shape = ADVERSARIAL_SHAPES[0] as Shape;
  const path = join(work, `adversarial-${shape.name}.json`);
  writeFileSync(path, formatDurations(shape.timings()));
  console.log(
    `\n## CLI end to end, ${shape.name}, --splits ${ADVERSARIAL_SPLITS} --granularity test (seconds, median of ${runs}; ratio to ${DEFAULT_ALGORITHM})`,
  );
  const cliTimes = new Map<Algorithm, number[]>(ALGORITHMS.map((a) => [a, []]));
  for (let r = 0; r < runs; r++) {
    for (const a of ALGORITHMS) {
      const args = [
        cli,
        '--durations',
        path,
        '--splits',
        String(ADVERSARIAL_SPLITS),
        '--granularity',
        'test',
        '--algorithm',
        a,
        '--no-discover',
        '--quiet',
        '--json',
        join(work, `adversarial-${a}.plan.json`),
      ];
      const res = timeCommand(args);
      if (res.code !== 0) throw new Error(`split-plan failed on ${path} with --algorithm ${a}`);
      cliTimes.get(a)?.push(res.seconds);
    }
  }
  const cliBase = median(cliTimes.get(DEFAULT_ALGORITHM) ?? []);
  for (const a of ALGORITHMS) {
    const sec = median(cliTimes.get(a) ?? []);
    console.log(`${a.padEnd(9)} ${fmt(sec, 2).padStart(7)} ${fmt(sec / cliBase, 2).padStart(6)}`);
  }
}

if (!process.argv.slice(2).includes('adversarial')) speedAndQuality();
adversarial();

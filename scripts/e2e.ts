/**
 * `npm run e2e`: plans a realistic pytest suite with the built CLI and runs every shard for real.
 *
 * 1. Generates the suite (scripts/lib/suite/) in a temp dir and collects it.
 * 2. Runs it serially with --junitxml, twice: the "previous runs" the planner learns from. A run's
 *    wall time minus its JUnit session time is what any CI log shows for pytest's start-up and
 *    exit: the plan gets their mean as --startup-seconds (JUnit cannot show it).
 * 3. For N = 2, 3, 4 plans twice with dist/cli.js from that JUnit and the collected list:
 *    ours (the defaults) and a plain test-level greedy split, which is what pytest-split does
 *    (`--granularity test --algorithm lpt`, overhead zeroed). Runs every shard of both,
 *    one after another (never two pytest processes at once: the machine is shared).
 * 4. Prints per shard predicted against measured wall seconds, and per N the slowest shard
 *    against the ideal s0 + (serial - s0) / N and against the greedy split's slowest shard.
 *    s0 is a bare pytest start on a one-test file, measured in the same run.
 *
 * Exits 1 if an acceptance check fails (issue 5):
 *   - slowest shard of ours <= 1.15 x ideal, and <= 0.8 x the greedy split's slowest shard;
 *   - every shard of ours predicted within 15% of its measured wall;
 *   - every test of the serial run ran exactly once in the shards of each plan (counted from the
 *     shards' JUnit reports by (classname, name), independently of the planner's id mapping).
 * Noise: the machine may be shared, so runs are sequential and at a raised priority when allowed
 * (see raisePriority), the planner learns from two runs, s0 is the median over the run, the serial
 * wall is the mean of those two runs and one at the end, and a shard whose single run decides a
 * failing check is run twice more (its median decides): a real misprediction fails three times, a
 * noisy neighbour rarely does.
 *
 * Environment: E2E_SEED, E2E_FILES, E2E_SCALE (suite spec), E2E_SPLITS ("2,3,4"),
 * E2E_TIMING=0 checks only that every test ran exactly once (a quick smoke run), E2E_NICE (see
 * raisePriority), E2E_KEEP=1 keeps the temp dir, E2E_CLI runs another build of the CLI,
 * SPLIT_PLAN_PYTHON picks the interpreter.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { generateSuite } from './lib/suite/index.js';
import { median } from '../src/core/stats.js';

// Measure the interpreter, not a wrapper: a version manager's shim (pyenv's is a shell script that
// execs a few processes) adds a start-up that varies far more with load than Python itself.
// lib/pytest.ts reads SPLIT_PLAN_PYTHON when it is loaded, hence the dynamic import.
if (!process.env['SPLIT_PLAN_PYTHON']) {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim() !== '') process.env['SPLIT_PLAN_PYTHON'] = r.stdout.trim();
}
const { bareStartSeconds, collect, runPytest, PYTHON } = await import('./lib/pytest.js');

/**
 * Scheduling priority for this process and the pytest runs it starts (they inherit it): on a
 * machine shared with other CPU-bound work, a process at the default priority waits for the CPU
 * in its start-up and collection, and the figures measure the neighbours. A higher priority makes
 * the runs what a dedicated CI runner sees; it takes no more CPU than the runs need (they mostly
 * sleep). E2E_NICE sets the nice value (default -10; 0 leaves it); without the privilege to raise
 * the priority, the run goes on at the default and says so.
 */
function raisePriority(): string {
  const want = Number(process.env['E2E_NICE'] ?? '-10');
  if (!Number.isInteger(want) || want === 0) return `nice ${getPriority()}`;
  try {
    setPriority(want);
    return `nice ${getPriority()}`;
  } catch {
    return `nice ${getPriority()} (could not set ${want}: figures include waits for a busy CPU)`;
  }
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = process.env['E2E_CLI'] || join(REPO, 'dist', 'cli.js');

/** Acceptance limits (issue 5). */
const LIMITS = { vsIdeal: 1.15, vsGreedy: 0.8, predictionError: 0.15 } as const;
/** How often a shard that fails a timing check is measured in total before the median counts. */
const REMEASURE = 3;

/**
 * The suite: 80 modules at half the nominal sleeps, about 870 tests and 22 s serial. A shard pays
 * the suite's per-process costs (conftest's slow app import, the session fixture) whatever it runs,
 * and the ideal divides them by N; more, smaller modules keep those costs at a realistic share of a
 * shard (40 modules at full scale: about 0.8 s of a 5.5 s shard at N = 4) while the run stays at
 * about four minutes.
 */
const DEFAULT_SPEC = { files: 80, scale: 0.5 } as const;

interface Spec {
  seed: number;
  files: number;
  scale: number;
  splits: number[];
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

function readSpec(): Spec {
  const splits = (process.env['E2E_SPLITS'] ?? '2,3,4').split(',').map((s) => Number(s.trim()));
  if (splits.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`E2E_SPLITS must be a comma list of integers, got ${process.env['E2E_SPLITS']}`);
  return { seed: envNumber('E2E_SEED', 1), files: envNumber('E2E_FILES', DEFAULT_SPEC.files), scale: envNumber('E2E_SCALE', DEFAULT_SPEC.scale), splits };
}

// ---------------------------------------------------------------------------------------------
// JUnit reading (independent of the planner's own parser, so the count check is a real check)

interface SuiteTimes {
  suiteSeconds: number;
  /** (classname \u0000 name) of every testcase, in document order. */
  cases: string[];
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

function readJUnit(path: string): SuiteTimes {
  const doc = xml.parse(readFileSync(path, 'utf8')) as { testsuites?: { testsuite?: JUnitSuiteXml[] }; testsuite?: JUnitSuiteXml[] };
  const suites = doc.testsuites?.testsuite ?? doc.testsuite ?? [];
  let suiteSeconds = 0;
  const cases: string[] = [];
  for (const s of suites) {
    suiteSeconds += Number(s.time ?? 0);
    for (const c of s.testcase ?? []) cases.push(`${c.classname}\u0000${c.name}`);
  }
  return { suiteSeconds, cases };
}

interface JUnitSuiteXml {
  time?: string;
  testcase?: { classname: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------
// Planning with the built CLI

interface PlanShardJson {
  group: number;
  predictedSeconds: number;
  overheadSeconds?: number;
  files?: number;
  tests: string[];
  selectors: string[];
}
interface PlanJson {
  makespanSeconds: number;
  splitFiles: string[];
  overhead: { fixedSeconds: number; perFileSeconds: number; source: string };
  shards: PlanShardJson[];
}

function planWithCli(root: string, work: string, label: string, n: number, junit: string[], extra: string[]): { plan: PlanJson; argsDir: string } {
  const argsDir = join(work, `${label}-${n}`);
  const json = join(work, `${label}-${n}.json`);
  const args = [
    CLI,
    ...junit.flatMap((j) => ['--junit', j]),
    '--collected',
    join(work, 'collected.txt'),
    '--splits',
    String(n),
    '--args-dir',
    argsDir,
    '--json',
    json,
    '--quiet',
    ...extra,
  ];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`split-plan exited with ${r.status}: ${r.stderr}`);
  return { plan: JSON.parse(readFileSync(json, 'utf8')) as PlanJson, argsDir };
}

// ---------------------------------------------------------------------------------------------
// Running shards

interface ShardRun {
  group: number;
  predicted: number;
  /** Every measurement of this shard's wall seconds. */
  walls: number[];
  /** The JUnit session seconds of the first run (wall minus this: what pytest spent outside it). */
  session: number;
  files: number;
  tests: number;
}

const wallOf = (r: ShardRun): number => median(r.walls);

function runShard(root: string, argsFile: string, junit?: string): number {
  const r = runPytest(root, [`@${argsFile}`], junit ? { junitxml: junit } : {});
  if (r.exitCode !== 0) throw new Error(`shard ${argsFile}: pytest exited with ${r.exitCode}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return r.wallSeconds;
}

function runPlan(
  root: string,
  work: string,
  label: string,
  n: number,
  plan: PlanJson,
  argsDir: string,
  serialCases: string[],
): { runs: ShardRun[]; coverage: string[] } {
  const runs: ShardRun[] = [];
  const seen = new Map<string, number>();
  for (const s of plan.shards) {
    if (s.selectors.length === 0) {
      runs.push({ group: s.group, predicted: s.predictedSeconds, walls: [0], session: 0, files: 0, tests: 0 });
      continue;
    }
    const junit = join(work, `${label}-${n}-shard-${s.group}.xml`);
    const wall = runShard(root, join(argsDir, `group-${s.group}.args`), junit);
    const report = readJUnit(junit);
    for (const c of report.cases) seen.set(c, (seen.get(c) ?? 0) + 1);
    runs.push({ group: s.group, predicted: s.predictedSeconds, walls: [wall], session: report.suiteSeconds, files: s.files ?? 0, tests: s.tests.length });
  }
  const coverage: string[] = [];
  const expected = new Set(serialCases);
  for (const c of serialCases) {
    const k = seen.get(c) ?? 0;
    if (k !== 1) coverage.push(`${label} N=${n}: ${c.replace('\u0000', ' :: ')} ran ${k} times`);
  }
  for (const c of seen.keys()) if (!expected.has(c)) coverage.push(`${label} N=${n}: ${c.replace('\u0000', ' :: ')} is not in the serial run`);
  return { runs, coverage };
}

function remeasure(root: string, argsDir: string, run: ShardRun): void {
  while (run.walls.length < REMEASURE) run.walls.push(runShard(root, join(argsDir, `group-${run.group}.args`)));
}

// ---------------------------------------------------------------------------------------------

const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

interface Measured {
  n: number;
  ours: { plan: PlanJson; argsDir: string; runs: ShardRun[] };
  greedy: { plan: PlanJson; argsDir: string; runs: ShardRun[] };
}

interface Verdict {
  ideal: number;
  ours: number;
  greedy: number;
  /** predicted / measured - 1 of the shard of ours farthest off. */
  worstError: number;
  failures: string[];
}

const slowestRun = (runs: ShardRun[]): ShardRun => runs.reduce((a, b) => (wallOf(b) > wallOf(a) ? b : a));

/** E2E_TIMING=0: a smoke run on a tiny suite, where wall times say nothing. */
const TIMING_CHECKS = process.env['E2E_TIMING'] !== '0';

function judge(m: Measured, s0: number, serial: number): Verdict {
  const ideal = s0 + (serial - s0) / m.n;
  const ours = wallOf(slowestRun(m.ours.runs));
  const greedy = wallOf(slowestRun(m.greedy.runs));
  let worstError = 0;
  for (const r of m.ours.runs) {
    const wall = wallOf(r);
    const err = r.tests > 0 && wall > 0 ? r.predicted / wall - 1 : 0;
    if (Math.abs(err) > Math.abs(worstError)) worstError = err;
  }
  const failures: string[] = [];
  if (!TIMING_CHECKS) return { ideal, ours, greedy, worstError, failures };
  if (ours > LIMITS.vsIdeal * ideal) failures.push(`N=${m.n}: slowest shard ${f2(ours)} s > ${LIMITS.vsIdeal} x ideal ${f2(ideal)} s`);
  if (ours > LIMITS.vsGreedy * greedy) failures.push(`N=${m.n}: slowest shard ${f2(ours)} s > ${LIMITS.vsGreedy} x the greedy split's ${f2(greedy)} s`);
  if (Math.abs(worstError) > LIMITS.predictionError)
    failures.push(`N=${m.n}: a shard's prediction is off by ${pct(worstError)} (limit ${LIMITS.predictionError * 100}%)`);
  return { ideal, ours, greedy, worstError, failures };
}

function printN(m: Measured, v: Verdict): void {
  console.log(`\nN=${m.n}: ideal ${f2(v.ideal)} s; ours cuts ${m.ours.plan.splitFiles.length === 0 ? 'no file' : m.ours.plan.splitFiles.join(' ')}`);
  console.log('  plan    shard  files  tests  predicted  measured  error  (outside the JUnit session in the first run)');
  for (const [label, runs] of [
    ['ours', m.ours.runs],
    ['greedy', m.greedy.runs],
  ] as const) {
    for (const r of runs) {
      const wall = wallOf(r);
      const err = wall > 0 ? r.predicted / wall - 1 : 0;
      const again = `  (${f2((r.walls[0] ?? 0) - r.session)})${r.walls.length > 1 ? `  median of ${r.walls.map(f2).join(', ')}` : ''}`;
      console.log(
        `  ${label.padEnd(6)} ${String(r.group).padStart(6)} ${String(r.files).padStart(6)} ${String(r.tests).padStart(6)} ${f2(r.predicted).padStart(10)} ${f2(wall).padStart(9)}  ${pct(err).padStart(6)}${again}`,
      );
    }
  }
  console.log(
    `  slowest: ours ${f2(v.ours)} s = ${f2(v.ours / v.ideal)} x ideal, ${f2(v.ours / v.greedy)} x greedy (${f2(v.greedy)} s); worst prediction error ${pct(v.worstError)}`,
  );
}

function main(): number {
  const spec = readSpec();
  const priority = raisePriority();
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const work = mkdtempSync(join(tmpdir(), 'split-plan-e2e-'));
  const root = join(work, 'suite');
  const failures: string[] = [];
  try {
    const gen = generateSuite(root, { seed: spec.seed, files: spec.files, scale: spec.scale });
    const ids = collect(root);
    writeFileSync(join(work, 'collected.txt'), ids.join('\n') + '\n');
    console.log(
      `suite: seed ${spec.seed}, ${spec.files} files, scale ${spec.scale}: ${ids.length} tests, ${f2(gen.nominalSeconds)} s of sleeps; python ${PYTHON}, ${priority}`,
    );
    if (ids.length !== gen.expectedTests) failures.push(`collected ${ids.length} tests, the generator expected ${gen.expectedTests}`);

    // The previous run the planner learns from.
    // s0: a bare pytest start (not needed for a smoke run).
    const measureS0 = (): number => (TIMING_CHECKS ? bareStartSeconds(work) : 0);
    const s0s = [measureS0()];
    const previous = [1, 2].map((k) => {
      const junit = join(work, `serial-${k}.xml`);
      const run = runPytest(root, [], { junitxml: junit });
      if (run.exitCode !== 0) throw new Error(`serial run: pytest exited with ${run.exitCode}\n${run.stdout.slice(-2000)}`);
      const report = readJUnit(junit);
      if (report.cases.length !== ids.length) failures.push(`${junit} has ${report.cases.length} testcases for ${ids.length} collected tests`);
      return { junit, wall: run.wallSeconds, session: report.suiteSeconds, cases: report.cases };
    });
    const serialCases = (previous[0] as (typeof previous)[number]).cases;
    // What a user reads off those runs: the wall time (the CI step) minus the JUnit session.
    const startup = Math.max(0, previous.reduce((a, p) => a + p.wall - p.session, 0) / previous.length);
    for (const p of previous) console.log(`serial: ${f2(p.wall)} s wall, JUnit session ${f2(p.session)} s: ${f2(p.wall - p.session)} s outside it`);
    const junits = previous.map((p) => p.junit);

    const measured: Measured[] = [];
    for (const n of spec.splits) {
      const ours = planWithCli(root, work, 'ours', n, junits, ['--startup-seconds', startup.toFixed(3)]);
      const greedy = planWithCli(root, work, 'greedy', n, junits, [
        '--granularity',
        'test',
        '--algorithm',
        'lpt',
        '--fixed-overhead',
        '0',
        '--per-file-overhead',
        '0',
      ]);
      const o = runPlan(root, work, 'ours', n, ours.plan, ours.argsDir, serialCases);
      const g = runPlan(root, work, 'greedy', n, greedy.plan, greedy.argsDir, serialCases);
      failures.push(...o.coverage.slice(0, 10), ...g.coverage.slice(0, 10));
      measured.push({ n, ours: { ...ours, runs: o.runs }, greedy: { ...greedy, runs: g.runs } });
      s0s.push(measureS0());
    }
    // The serial wall once more at the end, so a load change during the run moves the ideal too.
    const serialWalls = [...previous.map((p) => p.wall), ...(TIMING_CHECKS ? [runPytest(root, []).wallSeconds] : [])];
    const serial = serialWalls.reduce((a, b) => a + b, 0) / serialWalls.length;

    // Noise control: a measurement that decides a failing check is repeated until it is the
    // median of three: the slowest shard of ours (again, while the slowest is a single run), the
    // greedy split's slowest, and every shard of ours whose prediction misses.
    for (const m of measured) {
      let v = judge(m, median(s0s), serial);
      if (v.failures.length === 0) continue;
      const single = (r: ShardRun): boolean => r.walls.length < REMEASURE;
      for (
        let top = slowestRun(m.ours.runs);
        single(top) && (v.ours > LIMITS.vsIdeal * v.ideal || v.ours > LIMITS.vsGreedy * v.greedy);
        top = slowestRun(m.ours.runs)
      ) {
        remeasure(root, m.ours.argsDir, top);
        v = judge(m, median(s0s), serial);
      }
      if (v.ours > LIMITS.vsGreedy * v.greedy) remeasure(root, m.greedy.argsDir, slowestRun(m.greedy.runs));
      for (const r of m.ours.runs) {
        const wall = wallOf(r);
        if (r.tests > 0 && single(r) && Math.abs(r.predicted / wall - 1) > LIMITS.predictionError) remeasure(root, m.ours.argsDir, r);
      }
      s0s.push(measureS0());
    }

    const s0 = median(s0s);
    console.log(
      `s0 (bare pytest start, median of ${s0s.length} medians of 3: ${s0s.map(f2).join(' ')}): ${f2(s0)} s; serial wall ${serialWalls.map(f2).join(', ')} s: mean ${f2(serial)} s; --startup-seconds ${f2(startup)}`,
    );
    const verdicts = measured.map((m) => judge(m, s0, serial));
    measured.forEach((m, i) => printN(m, verdicts[i] as Verdict));
    console.log('\n  N   ideal   ours  greedy  ours/ideal  ours/greedy  worst error');
    measured.forEach((m, i) => {
      const v = verdicts[i] as Verdict;
      console.log(
        `  ${m.n}  ${f2(v.ideal).padStart(6)} ${f2(v.ours).padStart(6)} ${f2(v.greedy).padStart(7)} ${f2(v.ours / v.ideal).padStart(11)} ${f2(v.ours / v.greedy).padStart(12)} ${pct(v.worstError).padStart(12)}`,
      );
      failures.push(...v.failures);
    });
    writeFileSync(join(work, 'results.json'), JSON.stringify({ spec, s0s, serialWalls, startup, measured, verdicts }, null, 1));
    console.log(`e2e took ${elapsed().toFixed(0)} s`);
  } finally {
    if (process.env['E2E_KEEP'] === '1') console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\ne2e FAILED:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('e2e passed');
  return 0;
}

process.exitCode = main();

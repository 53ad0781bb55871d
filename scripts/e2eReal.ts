/**
 * `npm run e2e:real`: the real-suite proving ground (issue 11). Plans libcst's own test suite, a
 * suite nobody here wrote, with the built CLI, runs every shard for real, refreshes the durations
 * from the shard reports and plans again, round after round, next to a test-level greedy split
 * (what pytest-split does) planned from the same durations.
 *
 *   npm run e2e:real -- [--n 2,3,4] [--rounds 3] [--repeat 1] [--probe] [--xdist] [--xdist-n 2,3] [--no-plain]
 *                       [--tests libcst/codemod] [--out DIR] [--keep]
 *
 * --repeat R (a shared machine's slow spells): every shard of a round, ours and greedy's, and every
 * serial run runs R times, the repeats one after another over the round (the second in reverse
 * order), and a shard's wall is the median of its R walls. The refresh still reads the first
 * repeat's reports only: one CI run, what a user's refresh gets.
 *
 * 1. s0: a bare pytest start (a one-test file), median of 5 at the start and 5 at the end; with
 *    --xdist also s0_xdist, a bare `pytest -p xdist -n 2` start.
 * 2. Collects the suite (`pytest --collect-only -q libcst --continue-on-collection-errors`) and
 *    runs it serially with --junitxml: the serial wall, and (wall − JUnit session) as the
 *    --startup-seconds round 1 gets, as the docs tell a user to read it off a CI log; each later
 *    round gets the median (wall − JUnit session) of the previous round's shards (the last CI run
 *    a user would read it off). The serial run is repeated before every later N (and at the end):
 *    each N's ideal takes the mean of the serial walls measured just before and just after its
 *    rounds, so a machine that drifts during the run moves the ideal with it.
 * 3. The durations file starts as `refresh` of the serial report (what a user commits first).
 *    For each N, round 1 plans from the serial report (`--junit serial.xml`), later rounds from
 *    the durations file (`--durations`, with the overhead refresh stored in it). Every shard of
 *    the plan runs with its emitted args file, then every shard of the greedy split, one process
 *    after another (never two at once: these are wall times). Then `refresh --junit` of the plan's
 *    shard reports into the durations file. --xdist does the same with `--workers 2` and
 *    `pytest -p xdist -n 2 @args` in every shard (the greedy shards too).
 * 3b. --probe, the machine probe: a fixed pure-Python loop (about 0.5 s) just before and after every shard and
 *    serial run; printed beside each shard, and at the end how a shard's wall/predicted moved with
 *    it. A diagnostic only: no wall is corrected by it.
 * 4. Per round: slowest shard wall, ideal = s0 + (serial − s0)/N (xdist: s0_xdist +
 *    (serial − s0)/(N·2)), slowest/ideal, slowest/greedy's slowest, the worst per-shard
 *    prediction error (plan JSON's predictedSeconds against the measured wall), and exactly once:
 *    every collected test in exactly one shard's JUnit report (counted by junitKeyOf, not by the
 *    planner's own mapping).
 *
 * Exits 1 when a round of either split is not exactly once (or a run fails); wall-time ratios
 * are printed with the acceptance limits but never fail the run (machines are noisy). libcst not
 * importable: one line, exit 0, or 1 under SPLIT_PLAN_REQUIRE_PYTEST=1. pytest-xdist missing
 * with --xdist: one line and the xdist part is skipped, or exit 1 under SPLIT_PLAN_REQUIRE_XDIST=1.
 * Usage errors exit 2. The interpreter is SPLIT_PLAN_PYTHON or python3; pytest-xdist comes from
 * SPLIT_PLAN_XDIST_PYTHONPATH (default /work/xdist/root/usr/lib/python3/dist-packages; empty: installed).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { greedySplit } from './lib/greedySplit.js';
import { intList, UsageError } from './lib/options.js';
import { describeExactlyOnce, exactlyOnce, junitKeyOf, readJUnitReport, type ExactlyOnce, type JUnitReport } from './lib/junitCount.js';
import { findLibcst, findXdist, machine, makeRoot, pythonFacts } from './lib/realSuite.js';
import { sampleCorrelation } from 'simple-statistics';
import { median } from '../src/core/stats.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(REPO, 'dist', 'cli.js');
/** Where pytest-xdist is unpacked; set but empty: it is installed (no PYTHONPATH needed). */
const XDIST_PATH = process.env['SPLIT_PLAN_XDIST_PYTHONPATH'] ?? '/work/xdist/root/usr/lib/python3/dist-packages';
const XDIST_ENV: Record<string, string> = XDIST_PATH === '' ? {} : { PYTHONPATH: XDIST_PATH };
const WORKERS = 2;
/** Acceptance limits (issue 11). */
const LIMITS = { vsIdeal: 1.1, vsIdealXdist: 1.15, predictionError: 0.15 } as const;

interface Options {
  n: number[];
  xdistN: number[];
  rounds: number;
  repeat: number;
  probe: boolean;
  plain: boolean;
  xdist: boolean;
  tests: string;
  out: string | undefined;
  keep: boolean;
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        n: { type: 'string' },
        'xdist-n': { type: 'string' },
        rounds: { type: 'string' },
        repeat: { type: 'string' },
        probe: { type: 'boolean' },
        xdist: { type: 'boolean' },
        'no-plain': { type: 'boolean' },
        tests: { type: 'string' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const rounds = Number(v.rounds ?? '3');
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) throw new UsageError(`--rounds must be an integer from 1 to 10, got ${JSON.stringify(v.rounds)}`);
  const repeat = Number(v.repeat ?? '1');
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new UsageError(`--repeat must be an integer from 1 to 9, got ${JSON.stringify(v.repeat)}`);
  const tests = v.tests ?? 'libcst';
  if (!/^libcst(\/[\w./-]+)?$/.test(tests) || tests.includes('..'))
    throw new UsageError(`--tests must be libcst or a path under it (e.g. libcst/codemod), got ${JSON.stringify(tests)}`);
  const plain = v['no-plain'] !== true;
  const xdist = v.xdist === true;
  if (!plain && !xdist) throw new UsageError('--no-plain needs --xdist: nothing would run');
  return {
    n: intList('--n', v.n ?? '2,3,4'),
    xdistN: intList('--xdist-n', v['xdist-n'] ?? '2,3'),
    rounds,
    repeat,
    probe: v.probe === true,
    plain,
    xdist,
    tests: tests.replace(/\/+$/, ''),
    out: v.out,
    keep: v.keep === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Running pytest (never through a shell; hygiene as in lib/pytest.ts)

let PYTHON = process.env['SPLIT_PLAN_PYTHON'] || 'python3';
/** --probe: time the machine probe around every shard and serial run (NaN probes without it). */
let PROBING = false;

function pytestEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['PYTEST_ADDOPTS'];
  delete env['PYTEST_PLUGINS'];
  return { ...env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0', PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', PYTHONIOENCODING: 'utf-8', NO_COLOR: '1', ...extra };
}

interface Run {
  exitCode: number;
  wall: number;
  stdout: string;
  stderr: string;
}

function pytest(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-q', ...args], {
    cwd,
    env: pytestEnv(env),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 900_000,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw new Error(`could not run ${PYTHON} -m pytest: ${r.error.message}`);
  if (r.status === null) throw new Error(`pytest was killed by ${r.signal ?? 'a signal'}`);
  return { exitCode: r.status, wall, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The machine probe: a fixed pure-Python loop timed inside the interpreter (its start-up not
 * counted), about half a second here. Run just before and just after every shard and serial run,
 * it says how fast the machine ran Python around that run, so a slow shard can be told from a
 * slow minute. It is printed and kept, never used to correct a wall.
 */
const PROBE_CODE = 'import time\nt = time.perf_counter()\ns = 0\nfor i in range(6_000_000):\n    s += i * i\nprint(time.perf_counter() - t)\n';

function probe(): number {
  const r = spawnSync(PYTHON, ['-c', PROBE_CODE], { env: pytestEnv({}), encoding: 'utf8', timeout: 120_000 });
  const seconds = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isFinite(seconds) || seconds <= 0) throw new Error(`machine probe: ${PYTHON} exited with ${r.status}: ${r.stderr.slice(-500)}`);
  return seconds;
}

/** pytest between two machine probes: the run, and the mean of the probes around it. */
function probedPytest(cwd: string, args: string[], env: Record<string, string> = {}): Run & { probe: number } {
  if (!PROBING) return { ...pytest(cwd, args, env), probe: Number.NaN };
  const before = probe();
  const run = pytest(cwd, args, env);
  return { ...run, probe: (before + probe()) / 2 };
}

/** pytest exit codes a run of libcst may end with: 0, or 1 (a few tests fail or error here). */
function checkExit(what: string, r: Run): void {
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`${what}: pytest exited with ${r.exitCode}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
}

/** `runs` more serial runs of the suite, each with a JUnit report as the first one had: their walls and machine probes. */
function serialWalls(root: string, baseArgs: string[], tests: string, label: string, junit: string, runs: number): { walls: number[]; probes: number[] } {
  const walls: number[] = [];
  const probes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = probedPytest(root, [...baseArgs, `--junitxml=${junit}`, tests]);
    checkExit(`serial run (${label})`, run);
    walls.push(run.wall);
    probes.push(run.probe);
  }
  if (walls.length > 0)
    console.log(`\nserial run ${label}: wall ${walls.map(f2).join(', ')} s${PROBING ? ` (probe ${probes.map((p) => p.toFixed(3)).join(', ')} s)` : ''}`);
  return { walls, probes };
}

function bareStarts(work: string, extra: string[], env: Record<string, string>, runs: number): number[] {
  const dir = join(work, 'bare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pytest.ini'), '[pytest]\n');
  writeFileSync(join(dir, 'test_bare.py'), 'def test_bare():\n    assert True\n');
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = pytest(dir, [...extra, 'test_bare.py'], env);
    if (r.exitCode !== 0)
      throw new Error(`bare start ${extra.join(' ')}: pytest exited with ${r.exitCode}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
    walls.push(r.wall);
  }
  return walls;
}

/** The node-id lines of `pytest --collect-only -q`: everything before the first blank line. */
function collectedIds(stdout: string): string[] {
  const ids: string[] = [];
  for (const line of stdout.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (l === '') break;
    ids.push(l);
  }
  return ids;
}

function cli(root: string, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`split-plan ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stderr + r.stdout;
}

// ---------------------------------------------------------------------------------------------
// Rounds

interface PlanShard {
  group: number;
  predictedSeconds: number;
  overheadSeconds?: number;
  testSeconds?: number;
  files?: number;
  tests: string[];
  selectors: string[];
}
interface PlanJson {
  overhead: Record<string, unknown>;
  cutFiles?: { file: string; owner: number; groups: number[] }[];
  shards: PlanShard[];
}

interface ShardResult {
  group: number;
  tests: number;
  files: number;
  predicted: number | null;
  /** The plan's seconds for the tests alone (testSeconds) and for everything else (overheadSeconds). */
  predictedTests: number | null;
  planOverhead: number | null;
  /** The median of `walls`. */
  wall: number;
  /** Every repeat's wall, in the order they ran (one without --repeat). */
  walls: number[];
  /** Every repeat's machine probe (the mean of the probes just before and after it). */
  probes: number[];
  /** From the repeat whose wall is the median (the lower middle one for an even count). */
  session: number;
  sumCases: number;
  /** Median over the shard's tests (stored >= 0.05 s) of measured / stored seconds: the machine's pace for this shard. */
  speed: number | null;
  exitCode: number;
}

interface RoundResult {
  mode: 'plain' | 'xdist';
  n: number;
  round: number;
  plannedFrom: string;
  ideal: number;
  /** The serial wall the ideal used (the mean of the serial runs just before and after this N's rounds). */
  serial?: number;
  slowest: number;
  greedySlowest: number;
  worstError: number;
  /** The --startup-seconds the round planned with. */
  startup: number;
  ours: ShardResult[];
  greedy: ShardResult[];
  cutFiles: string[];
  overhead: Record<string, unknown>;
  exactlyOnce: ExactlyOnce;
  greedyExactlyOnce: ExactlyOnce;
}

interface Context {
  root: string;
  work: string;
  collectedFile: string;
  collected: string[];
  serialXml: string;
  baseArgs: string[];
  repeat: number;
}

interface ShardRun {
  run: Run & { probe: number };
  session: number;
  sumCases: number;
  report: JUnitReport;
  /** The JUnit file the run wrote. */
  junit: string;
}

function runShard(ctx: Context, mode: 'plain' | 'xdist', argsFile: string, junit: string): ShardRun {
  const xd = mode === 'xdist' ? ['-p', 'xdist', '-n', String(WORKERS)] : [];
  const run = probedPytest(ctx.root, [...xd, ...ctx.baseArgs, `--junitxml=${junit}`, `@${argsFile}`], mode === 'xdist' ? XDIST_ENV : {});
  checkExit(argsFile, run);
  const rep = readJUnitReport(junit);
  return { run, session: rep.sessionSeconds, sumCases: rep.cases.reduce((a, c) => a + c.seconds, 0), report: rep, junit };
}

function readDurations(path: string): Map<string, number> {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number> | [string, number][];
  const entries = Array.isArray(raw) ? raw : Object.entries(raw);
  return new Map(entries.filter(([k]) => !k.startsWith('__split_plan__')));
}

const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function printShards(label: string, shards: ShardResult[]): void {
  const num = (x: number | null): string => (x === null ? '-' : f2(x));
  for (const s of shards) {
    const err = s.predicted === null ? '' : pct(s.predicted / s.wall - 1);
    const cells = [
      label.padEnd(6),
      String(s.group).padStart(5),
      String(s.files).padStart(5),
      String(s.tests).padStart(5),
      num(s.predicted).padStart(9),
      f2(s.wall).padStart(7),
      err.padStart(7),
      num(s.predictedTests).padStart(10),
      f2(s.sumCases).padStart(10),
      num(s.planOverhead).padStart(8),
      f2(s.wall - s.sumCases).padStart(8),
      f2(s.wall - s.session).padStart(7),
      (s.speed === null ? '-' : `${s.speed.toFixed(2)}x`).padStart(6),
    ];
    const probes = s.probes.every(Number.isFinite) ? `  probe ${s.probes.map((p) => p.toFixed(3)).join(' ')}` : '';
    const walls = `${s.walls.length > 1 ? `  walls ${s.walls.map(f2).join(' ')}` : ''}${probes}`;
    console.log(`    ${cells.join(' ')}${walls}${s.exitCode !== 0 ? `  (exit ${s.exitCode})` : ''}`);
  }
}

function oneRound(ctx: Context, mode: 'plain' | 'xdist', n: number, round: number, durations: string, ideal: number, startup: number): RoundResult {
  const dir = join(ctx.work, `${mode}-n${n}-r${round}`);
  mkdirSync(dir, { recursive: true });
  const planJson = join(dir, 'plan.json');
  const argsDir = join(dir, 'args');
  const source = round === 1 ? ['--junit', ctx.serialXml] : ['--durations', durations];
  const plannedFrom = round === 1 ? 'serial report' : `durations after ${round - 1} refresh${round > 2 ? 'es' : ''}`;
  cli(ctx.root, [
    ...source,
    '--collected',
    ctx.collectedFile,
    '--splits',
    String(n),
    '--startup-seconds',
    startup.toFixed(3),
    ...(mode === 'xdist' ? ['--workers', String(WORKERS)] : []),
    '--args-dir',
    argsDir,
    '--json',
    planJson,
    '--quiet',
  ]);
  const plan = JSON.parse(readFileSync(planJson, 'utf8')) as PlanJson;

  // Every shard of ours (with the args file the CLI emitted) and of the greedy test-level split
  // from the same durations (round 1: the serial report's, as refreshed into the file), taking
  // turns (ours 1, greedy 1, ours 2, ...), so a slow spell of a shared machine hits both alike.
  const stored = readDurations(durations);
  const storedByKey = new Map([...stored].map(([id, t]) => [junitKeyOf(id), t]));
  const gshards = greedySplit(ctx.collected, stored, n);
  const jobs: {
    split: 'ours' | 'greedy';
    group: number;
    args: string;
    tests: string[];
    files: number;
    predicted: number | null;
    predictedTests: number | null;
    planOverhead: number | null;
  }[] = [];
  const ourJobs = plan.shards
    .filter((sh) => sh.selectors.length > 0)
    .map((sh) => ({
      split: 'ours' as const,
      group: sh.group,
      args: join(argsDir, `group-${sh.group}.args`),
      tests: sh.tests,
      files: sh.files ?? 0,
      predicted: sh.predictedSeconds,
      predictedTests: sh.testSeconds ?? null,
      planOverhead: sh.overheadSeconds ?? null,
    }));
  const greedyJobs = gshards
    .map((g, i) => ({
      split: 'greedy' as const,
      group: i + 1,
      args: join(dir, `greedy-${i + 1}.args`),
      tests: g.tests,
      files: new Set(g.tests.map((t) => t.split('::')[0])).size,
      predicted: null,
      predictedTests: null,
      planOverhead: null,
    }))
    .filter((g) => g.tests.length > 0);
  for (let i = 0; i < Math.max(ourJobs.length, greedyJobs.length); i++) {
    if (ourJobs[i]) jobs.push(ourJobs[i] as (typeof jobs)[number]);
    if (greedyJobs[i]) jobs.push(greedyJobs[i] as (typeof jobs)[number]);
  }
  // Every job runs ctx.repeat times: repeat r runs all jobs (r even: in reverse order) before
  // repeat r + 1 starts, so one slow spell falls on one repeat of a shard, not on all of them.
  const runs = jobs.map(() => [] as ShardRun[]);
  for (let rep = 1; rep <= ctx.repeat; rep++) {
    const order = jobs.map((_, i) => i);
    if (rep % 2 === 0) order.reverse();
    for (const i of order) {
      const job = jobs[i] as (typeof jobs)[number];
      if (rep === 1 && job.split === 'greedy') writeFileSync(job.args, job.tests.map((t) => t + '\n').join(''));
      const junit = join(dir, `${job.split}-${job.group}${rep > 1 ? `.rep${rep}` : ''}.xml`);
      (runs[i] as ShardRun[]).push(runShard(ctx, mode, job.args, junit));
    }
  }
  const ours: ShardResult[] = [];
  const greedy: ShardResult[] = [];
  /** Per repeat, the shard runs of ours and of greedy's split (exactly once is checked in each). */
  const ourRuns: ShardRun[][] = Array.from({ length: ctx.repeat }, () => []);
  const greedyRuns: ShardRun[][] = Array.from({ length: ctx.repeat }, () => []);
  for (const [i, job] of jobs.entries()) {
    const mine = runs[i] as ShardRun[];
    mine.forEach((r, rep) => ((job.split === 'ours' ? ourRuns : greedyRuns)[rep] as ShardRun[]).push(r));
    const walls = mine.map((r) => r.run.wall);
    const mid = mine.slice().sort((a, b) => a.run.wall - b.run.wall)[Math.floor((mine.length - 1) / 2)] as (typeof mine)[number];
    const ratios = mid.report.cases.flatMap((c) => {
      const t = storedByKey.get(c.key);
      return t !== undefined && t >= 0.05 ? [c.seconds / t] : [];
    });
    (job.split === 'ours' ? ours : greedy).push({
      group: job.group,
      tests: job.tests.length,
      files: job.files,
      predicted: job.predicted,
      predictedTests: job.predictedTests,
      planOverhead: job.planOverhead,
      wall: median(walls),
      walls,
      probes: mine.map((r) => r.run.probe),
      session: mid.session,
      sumCases: mid.sumCases,
      speed: ratios.length > 0 ? median(ratios) : null,
      exitCode: Math.max(...mine.map((r) => r.run.exitCode)),
    });
  }
  // The reports runShard already read, not read again.
  const onceOf = (repeats: ShardRun[][]): ExactlyOnce => {
    const all = repeats.map((rs) =>
      exactlyOnce(
        ctx.collected,
        rs.map((r) => r.report),
      ),
    );
    return all.find((e) => !e.ok) ?? (all[0] as ExactlyOnce);
  };

  // Refresh the durations file from the plan's shard reports (what the next round plans from).
  // With xdist, `--workers` lets refresh learn the shards' worker start-up too.
  const refreshed = cli(ctx.root, [
    'refresh',
    ...(ourRuns[0] as ShardRun[]).flatMap((r) => ['--junit', r.junit]),
    '--durations',
    durations,
    '--collected',
    ctx.collectedFile,
    ...(mode === 'xdist' ? ['--workers', String(WORKERS)] : []),
  ]);

  const slowest = Math.max(...ours.map((s) => s.wall));
  const greedySlowest = Math.max(...greedy.map((s) => s.wall));
  let worstError = 0;
  for (const s of ours) {
    const e = (s.predicted as number) / s.wall - 1;
    if (Math.abs(e) > Math.abs(worstError)) worstError = e;
  }
  const result: RoundResult = {
    mode,
    n,
    round,
    plannedFrom,
    ideal,
    startup,
    slowest,
    greedySlowest,
    worstError,
    ours,
    greedy,
    cutFiles: (plan.cutFiles ?? []).map((c) => `${c.file} (groups ${c.groups.join(',')}, owner ${c.owner})`),
    overhead: plan.overhead,
    exactlyOnce: onceOf(ourRuns),
    greedyExactlyOnce: onceOf(greedyRuns),
  };
  console.log(
    `\n  ${mode} N=${n} round ${round} (planned from the ${plannedFrom}, --startup-seconds ${startup.toFixed(2)}); overhead ${JSON.stringify(plan.overhead)}`,
  );
  if (result.cutFiles.length > 0) console.log(`    cut files: ${result.cutFiles.join('; ')}`);
  console.log('    split  shard files tests predicted    wall   error pred tests sum(cases) pred ovh ovh meas outside  speed');
  printShards('ours', ours);
  printShards('greedy', greedy);
  console.log(
    `    slowest ${f2(slowest)} s, ideal ${f2(ideal)} s: ${f2(slowest / ideal)} x ideal, ${f2(slowest / greedySlowest)} x greedy (${f2(greedySlowest)} s); worst prediction error ${pct(worstError)}; exactly once: ${describeExactlyOnce(result.exactlyOnce)} (greedy: ${describeExactlyOnce(result.greedyExactlyOnce)})`,
  );
  for (const e of [result.exactlyOnce, result.greedyExactlyOnce]) {
    for (const [kind, list] of [
      ['lost', e.lost],
      ['doubled', e.doubled],
      ['unexpected', e.unexpected],
    ] as const) {
      if (list.length > 0) console.log(`    ${kind}: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''}`);
    }
  }
  console.log(`    refresh: ${refreshed.trim().split('\n').slice(0, 3).join(' | ')}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Tables and acceptance

const HEADER = [
  'split',
  'N',
  'round',
  'planned from',
  'slowest (s)',
  'ideal (s)',
  'slowest/ideal',
  'greedy slowest (s)',
  'slowest/greedy',
  'worst prediction error',
  'exactly once',
];

function rowOf(r: RoundResult): string[] {
  return [
    r.mode === 'xdist' ? `-n ${WORKERS}` : 'plain',
    String(r.n),
    String(r.round),
    r.plannedFrom,
    f2(r.slowest),
    f2(r.ideal),
    f2(r.slowest / r.ideal),
    f2(r.greedySlowest),
    f2(r.slowest / r.greedySlowest),
    pct(r.worstError),
    describeExactlyOnce(r.exactlyOnce),
  ];
}

function textTable(rows: RoundResult[]): string {
  const cells = [HEADER, ...rows.map(rowOf)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((c) => (c[i] as string).length)));
  return cells.map((c) => c.map((x, i) => (i === 3 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join('  ')).join('\n');
}

function markdownTable(rows: RoundResult[]): string {
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${rowOf(r).join(' | ')} |`)].join('\n');
}

/** The acceptance checks of issue 11, as lines "PASS|FAIL: ...". Rounds from the second on; exactly once and the greedy ratio in every round. */
function acceptance(rows: RoundResult[]): string[] {
  const out: string[] = [];
  const check = (ok: boolean, text: string): void => void out.push(`${ok ? 'PASS' : 'FAIL'}: ${text}`);
  for (const mode of ['plain', 'xdist'] as const) {
    const mine = rows.filter((r) => r.mode === mode);
    if (mine.length === 0) continue;
    const later = mine.filter((r) => r.round >= 2);
    const limit = mode === 'plain' ? LIMITS.vsIdeal : LIMITS.vsIdealXdist;
    const tag = mode === 'plain' ? 'plain' : `-n ${WORKERS}`;
    if (later.length > 0) {
      const bad = later.filter((r) => r.slowest > limit * r.ideal);
      check(
        bad.length === 0,
        `${tag}, rounds 2+: slowest <= ${limit} x ideal${bad.length ? ` (missed: ${bad.map((r) => `N=${r.n} r${r.round} ${f2(r.slowest / r.ideal)}`).join(', ')})` : ''}`,
      );
      const off = later.filter((r) => Math.abs(r.worstError) > LIMITS.predictionError);
      check(
        off.length === 0,
        `${tag}, rounds 2+: every shard predicted within 15%${off.length ? ` (missed: ${off.map((r) => `N=${r.n} r${r.round} ${pct(r.worstError)}`).join(', ')})` : ''}`,
      );
    }
    const notBelow = mine.filter((r) => r.slowest >= r.greedySlowest);
    check(
      notBelow.length === 0,
      `${tag}, every round: slowest below the greedy split's${notBelow.length ? ` (missed: ${notBelow.map((r) => `N=${r.n} r${r.round} ${f2(r.slowest / r.greedySlowest)}`).join(', ')})` : ''}`,
    );
    const lost = mine.filter((r) => !r.exactlyOnce.ok);
    check(
      lost.length === 0,
      `${tag}, every round: every test exactly once${lost.length ? ` (missed: ${lost.map((r) => `N=${r.n} r${r.round}`).join(', ')})` : ''}`,
    );
  }
  return out;
}

/**
 * The machine probes against the shards: the probes' spread around their median, and how a shard's
 * measured wall ÷ predicted moved with the probe around it (Pearson over every run of the plan's
 * shards from round 2 on): near 1, the misses were the machine's minutes, not the plan.
 */
function probeSummary(rows: RoundResult[], serialProbes: number[]): string {
  const all = [...serialProbes, ...rows.flatMap((r) => [...r.ours, ...r.greedy].flatMap((s) => s.probes))];
  const base = median(all);
  const pairs = rows
    .filter((r) => r.round >= 2)
    .flatMap((r) => r.ours.flatMap((s) => (s.predicted === null ? [] : s.walls.map((w, i) => [(s.probes[i] as number) / base, w / (s.predicted as number)]))));
  const corr =
    pairs.length >= 3
      ? sampleCorrelation(
          pairs.map((p) => p[0] as number),
          pairs.map((p) => p[1] as number),
        )
      : Number.NaN;
  return `machine probe (a fixed Python loop around every run): median ${base.toFixed(3)} s, ${f2(Math.min(...all) / base)}-${f2(Math.max(...all) / base)} x it; correlation of a shard's wall/predicted with its probe, rounds 2+: ${Number.isFinite(corr) ? corr.toFixed(2) : '-'} over ${pairs.length} shard runs`;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------

function main(): number {
  const opts = readOptions(process.argv.slice(2));
  PROBING = opts.probe;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const facts = pythonFacts(PYTHON);
  PYTHON = facts.executable; // the interpreter itself, not a version manager's shim
  const libcst = findLibcst(PYTHON);
  if ('missing' in libcst) {
    const required = process.env['SPLIT_PLAN_REQUIRE_PYTEST'] === '1';
    console.log(`e2e:real: libcst is not importable with ${PYTHON} (${libcst.missing}): ${required ? 'FAILED (SPLIT_PLAN_REQUIRE_PYTEST=1)' : 'skipped'}`);
    return required ? 1 : 0;
  }
  let xdistVersion = '';
  if (opts.xdist) {
    const xd = findXdist(PYTHON, XDIST_PATH);
    if ('missing' in xd) {
      const required = process.env['SPLIT_PLAN_REQUIRE_XDIST'] === '1';
      console.log(
        `e2e:real: pytest-xdist is not importable from ${XDIST_PATH || 'the installed packages'} (${xd.missing}): ${required ? 'FAILED (SPLIT_PLAN_REQUIRE_XDIST=1)' : 'the --xdist part is skipped'}`,
      );
      if (required) return 1;
      opts.xdist = false;
      if (!opts.plain) return 0;
    } else xdistVersion = xd.version;
  }
  const started = Date.now();
  const m = machine();
  const header = `${new Date().toISOString()}; ${m.cores} cores, ${m.cpu}; Python ${facts.python}, pytest ${facts.pytest}, libcst ${libcst.version}${xdistVersion ? `, pytest-xdist ${xdistVersion}` : ''}; suite ${opts.tests}`;
  console.log(`e2e:real: ${header}`);
  console.log(
    "per shard: predicted (plan JSON) against the measured wall and its error; pred tests / sum(cases): the plan's seconds for the tests against the JUnit testcases; pred ovh / ovh meas: the plan's overhead against wall - sum(cases); outside: wall - JUnit session; speed: median of measured / stored seconds over its tests (the pace of the machine and of the process context)",
  );

  const work = mkdtempSync(join(tmpdir(), 'split-plan-real-'));
  let failed = false;
  try {
    const root = makeRoot(work, libcst.dir);
    const baseArgs = [`--rootdir=${root}`, '--continue-on-collection-errors'];
    const xdEnv = XDIST_ENV;
    const xdArgs = ['-p', 'xdist', '-n', String(WORKERS)];

    const s0s = bareStarts(work, [], {}, 5);
    const s0xs = opts.xdist ? bareStarts(work, xdArgs, xdEnv, 5) : [];

    const coll = pytest(root, ['--collect-only', ...baseArgs, opts.tests]);
    checkExit('collect', coll);
    const collected = collectedIds(coll.stdout);
    if (collected.length === 0) throw new Error(`collect: no tests under ${opts.tests}\n${coll.stdout.slice(-1500)}`);
    const keys = new Set(collected.map(junitKeyOf));
    if (keys.size !== collected.length)
      throw new Error(`collect: ${collected.length} node ids map to ${keys.size} JUnit names; the exactly-once count would be wrong`);
    const collectedFile = join(work, 'collected.txt');
    writeFileSync(collectedFile, collected.join('\n') + '\n');

    const serialXml = join(work, 'serial.xml');
    const serialRun = probedPytest(root, [...baseArgs, `--junitxml=${serialXml}`, opts.tests]);
    checkExit('serial run', serialRun);
    const serialReport = readJUnitReport(serialXml);
    // With --repeat, the serial wall is the median of R runs (the first one's report is the one planned from).
    const moreSerials = serialWalls(root, baseArgs, opts.tests, 'at the start (repeats)', join(work, 'serial-rep.xml'), opts.repeat - 1);
    const serialStart = median([serialRun.wall, ...moreSerials.walls]);
    /** The machine probes around every serial run, in the order they ran. */
    const serialProbes = [serialRun.probe, ...moreSerials.probes];
    const medianSerial = (label: string, junit: string): number => {
      const more = serialWalls(root, baseArgs, opts.tests, label, junit, opts.repeat);
      serialProbes.push(...more.probes);
      return median(more.walls);
    };
    const startup = Math.max(0, serialRun.wall - serialReport.sessionSeconds);
    const serialOnce = exactlyOnce(collected, [serialReport]);
    console.log(
      `collected ${collected.length} tests in ${new Set(collected.map((c) => c.split('::')[0])).size} files; serial: wall ${f2(serialRun.wall)} s, JUnit session ${f2(serialReport.sessionSeconds)} s, sum of testcases ${f2(serialReport.cases.reduce((a, c) => a + c.seconds, 0))} s, outside the session ${f2(startup)} s (--startup-seconds); serial run has every collected test once: ${describeExactlyOnce(serialOnce)}`,
    );

    const d0 = join(work, 'serial.durations');
    cli(root, ['refresh', '--junit', serialXml, '--durations', d0, '--collected', collectedFile]);
    const ctx: Context = { root, work, collectedFile, collected, serialXml, baseArgs, repeat: opts.repeat };

    const rows: RoundResult[] = [];
    const s0Now = (): number => median(s0s);
    const chains: ['plain' | 'xdist', number][] = [];
    if (opts.plain) for (const n of opts.n) chains.push(['plain', n]);
    if (opts.xdist) for (const n of opts.xdistN) chains.push(['xdist', n]);
    // Serial walls: one before every chain (the first is the serial run above) and one at the end;
    // chain i's ideal takes the mean of serials[i] and serials[i + 1].
    const serials = [serialStart];
    const chainRows: RoundResult[][] = [];
    for (const [i, [mode, n]] of chains.entries()) {
      if (i > 0) serials.push(medianSerial(`before ${mode} N=${n}`, join(work, `serial-${i}.xml`)));
      const durations = join(work, `${mode}-n${n}.durations`);
      copyFileSync(d0, durations);
      const mine: RoundResult[] = [];
      let roundStartup = startup;
      for (let round = 1; round <= opts.rounds; round++) {
        // The ideal with what is measured so far (the final table uses the serials around the chain and every s0 of the run).
        const before = serials[serials.length - 1] as number;
        const ideal = mode === 'plain' ? s0Now() + (before - s0Now()) / n : median(s0xs) + (before - s0Now()) / (n * WORKERS);
        const r = oneRound(ctx, mode, n, round, durations, ideal, roundStartup);
        mine.push(r);
        // The next round's --startup-seconds, read off this round's shards as a user reads it off the last CI run.
        roundStartup = median(r.ours.map((sh) => Math.max(0, sh.wall - sh.session)));
      }
      chainRows.push(mine);
      rows.push(...mine);
    }
    serials.push(medianSerial('at the end', join(work, 'serial-end.xml')));
    const serialEnd = serials[serials.length - 1] as number;
    const serial = serials.reduce((a, b) => a + b, 0) / serials.length;
    s0s.push(...bareStarts(work, [], {}, 5));
    if (opts.xdist) s0xs.push(...bareStarts(work, xdArgs, xdEnv, 5));
    const s0 = median(s0s);
    const s0x = opts.xdist ? median(s0xs) : 0;
    for (const [i, mine] of chainRows.entries()) {
      const around = ((serials[i] as number) + (serials[i + 1] as number)) / 2;
      for (const r of mine) {
        r.serial = around;
        r.ideal = r.mode === 'plain' ? s0 + (around - s0) / r.n : s0x + (around - s0) / (r.n * WORKERS);
      }
    }

    const summary = [
      `# libcst, ${header}`,
      `${opts.repeat > 1 ? `every wall (shards and serial runs) is the median of ${opts.repeat} runs; the refresh reads the first run's reports; ` : ''}serial walls ${serials.map(f2).join(', ')} s (one before each N, one at the end; mean ${f2(serial)} s; each N's ideal takes the two around its rounds); s0 ${f2(s0)} s (median of ${s0s.length}: ${s0s.map(f2).join(' ')})${opts.xdist ? `; s0_xdist ${f2(s0x)} s (median of ${s0xs.length}: ${s0xs.map(f2).join(' ')})` : ''}; --startup-seconds ${f2(startup)} in round 1, then the previous round's shards' median; ${collected.length} tests`,
      `ideal = s0 + (serial - s0)/N; with -n ${WORKERS}: s0_xdist + (serial - s0)/(N*${WORKERS}); prediction error = predicted/measured - 1 of the shard farthest off`,
    ];
    if (opts.probe) summary.push(probeSummary(rows, serialProbes));
    const checks = acceptance(rows);
    console.log(`\n${summary.join('\n')}\n\n${textTable(rows)}\n\nacceptance (issue 11; printed, never fails the run):\n  ${checks.join('\n  ')}`);
    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      writeAtomic(
        join(opts.out, 'results.json'),
        JSON.stringify(
          { header, repeat: opts.repeat, serial, serials, serialProbes, serialStart, serialEnd, s0s, s0xs, startup, tests: collected.length, rows },
          null,
          1,
        ) + '\n',
      );
      writeAtomic(
        join(opts.out, 'results.md'),
        `${summary.join('\n\n')}\n\n${markdownTable(rows)}\n\nAcceptance:\n\n${checks.map((c) => `- ${c}`).join('\n')}\n`,
      );
      console.log(`wrote ${join(opts.out, 'results.json')} and results.md`);
    }
    const bad = rows.filter((r) => !r.exactlyOnce.ok || !r.greedyExactlyOnce.ok);
    if (bad.length > 0) {
      console.error(`e2e:real FAILED: not exactly once in ${bad.map((r) => `${r.mode} N=${r.n} round ${r.round}`).join(', ')}`);
      failed = true;
    }
    console.log(`e2e:real took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (opts.keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`e2e:real: error: ${e.message}`);
    process.exitCode = 2;
  } else {
    console.error(`e2e:real: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

/**
 * `npx tsx scripts/xdist.ts`: how well `--workers 2` predicts real `pytest -n 2` shards.
 *
 * 1. Generates the e2e suite (scripts/lib/suite/) in a temp dir, collects it, runs it
 *    serially with --junitxml twice (what the planner learns from; wall minus JUnit session is
 *    the --startup-seconds a user reads off a CI log).
 * 2. Measures bare starts on a one-test file: plain pytest and `pytest -p xdist -n 2` (medians).
 * 3. For each N (XD_SPLITS, default 2,3) plans with `--workers 2` from the serial reports and
 *    runs every shard with `-p xdist -n 2 @args`, one after another, printing per shard the
 *    prediction against the measured wall, the JUnit session and the sum of its testcases.
 * 4. Plans again from those xdist shard reports alone (what a CI that always runs -n 2 gives
 *    the planner) and runs the shards again.
 *
 * pytest-xdist comes from PYTHONPATH: XD_PYTHONPATH (default: the Debian package unpacked at
 * /work/xdist/root/usr/lib/python3/dist-packages, see .ci/run). XD_FILES, XD_SCALE, XD_SEED pick
 * the suite; XD_ROOT runs an existing suite instead (with XD_ARGS, space-separated, as the
 * serial run's arguments, e.g. for libcst). XD_COLLECT=1 first measures start-up and collection
 * plain against -n K (collectionCosts; XD_SPLITS= empty stops there). XD_REPEAT=k runs every shard
 * k times (median wall). XD_KEEP=1 keeps the temp dir. "in-session error" compares the prediction
 * less its start-up outside pytest's session with the JUnit session, as `verify` does: it is
 * immune to the start-up drifting between the serial runs and the shards on a shared machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSuite } from './lib/suite/index.js';
import { collect, runPytest } from './lib/pytest.js';
import { planFromRequest } from '../src/app/plan.js';
import { parseJUnit } from '../src/formats/junit.js';
import type { Plan } from '../src/core/plan.js';
import { mapReports } from '../src/core/junitMap.js';
import { fileReturns, parallelEvidence, reportShapes, type ReportShape } from '../src/core/xdist.js';
import { isFileUnder } from '../src/io/files.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { median } from '../src/core/stats.js';

const XDIST_PATH = process.env['XD_PYTHONPATH'] ?? '/work/xdist/root/usr/lib/python3/dist-packages';
const WORKERS = Number(process.env['XD_WORKERS'] ?? '2');
const REPEAT = Number(process.env['XD_REPEAT'] ?? '1');
const SPLITS = (process.env['XD_SPLITS'] || '2,3').split(',').map(Number);
const xdistEnv = { PYTHONPATH: XDIST_PATH };
const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function bare(work: string, extra: string[], runs = 3): number {
  const dir = join(work, 'bare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pytest.ini'), '[pytest]\n');
  writeFileSync(join(dir, 'test_bare.py'), 'def test_bare():\n    assert True\n');
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runPytest(dir, [...extra, 'test_bare.py'], { env: xdistEnv });
    if (r.exitCode !== 0) throw new Error(`bare start ${extra.join(' ')}: exit ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    walls.push(r.wallSeconds);
  }
  return median(walls);
}

interface Report {
  suite: number;
  sum: number;
  cases: number;
}

function readReport(path: string): Report {
  const rep = parseJUnit(readFileSync(path, 'utf8'), path);
  const suite = rep.suites.reduce((a, s) => a + (s.time ?? 0), 0);
  const all = rep.suites.flatMap((s) => s.cases);
  return { suite, sum: all.reduce((a, c) => a + c.time, 0), cases: all.length };
}

function runShards(root: string, work: string, label: string, plan: Plan, okCodes: number[]): { reports: string[]; worst: number; slowest: number } {
  const reports: string[] = [];
  let worst = 0;
  let slowest = 0;
  const startup = plan.overhead.startupSeconds ?? 0;
  console.log(`  ${label}: shard  files  tests  predicted   wall  error   session  sum(cases)  in-session error`);
  for (const s of plan.shards) {
    if (s.selectors.length === 0) continue;
    const args = join(work, `${label}-${s.group}.args`);
    writeFileSync(args, s.selectors.map((x) => x + '\n').join(''));
    const junit = join(work, `${label}-${s.group}.xml`);
    // XD_REPEAT runs of each shard: the median wall (and the JUnit report of the first run).
    const walls: number[] = [];
    for (let k = 0; k < REPEAT; k++) {
      const r = runPytest(root, ['-p', 'xdist', '-n', String(WORKERS), `@${args}`], { ...(k === 0 ? { junitxml: junit } : {}), env: xdistEnv });
      if (!okCodes.includes(r.exitCode)) throw new Error(`${label} shard ${s.group}: exit ${r.exitCode}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
      walls.push(r.wallSeconds);
    }
    const r = { wallSeconds: median(walls) };
    const rep = readReport(junit);
    const err = s.predictedSeconds / r.wallSeconds - 1;
    const sessionErr = (s.predictedSeconds - startup) / rep.suite - 1;
    if (Math.abs(err) > Math.abs(worst)) worst = err;
    slowest = Math.max(slowest, r.wallSeconds);
    console.log(
      `  ${' '.repeat(label.length)}  ${String(s.group).padStart(5)} ${String(s.files).padStart(6)} ${String(s.tests.length).padStart(6)} ${f2(s.predictedSeconds).padStart(10)} ${f2(r.wallSeconds).padStart(6)} ${pct(err).padStart(6)} ${f2(rep.suite).padStart(9)} ${f2(rep.sum).padStart(11)} ${pct(sessionErr).padStart(17)}`,
    );
    reports.push(junit);
  }
  return { reports, worst, slowest };
}

function shapesOf(root: string, paths: string[]): ReportShape[] {
  const reports = paths.map((p) => parseJUnit(readFileSync(p, 'utf8'), p));
  const { cases } = mapReports(reports, { knownIds: new Set(), isFile: (rel) => isFileUnder(root, rel) });
  return reportShapes(reports, cases);
}

/**
 * Start-up and collection, plain against -n K: runs that deselect every test (`-k`), on one file
 * and on all of them, so a session holds start-up (-n K: the workers') and collection only.
 * Per file = (all files - one file) / (files - 1), from the JUnit sessions; medians of `runs`.
 */
function collectionCosts(root: string, files: string[], work: string, runs = 3): void {
  const one = [files[0] as string];
  const measure = (extra: string[], selection: string[]): { wall: number; session: number } => {
    const walls: number[] = [];
    const sessions: number[] = [];
    for (let i = 0; i < runs; i++) {
      const junit = join(work, 'collect.xml');
      const r = runPytest(root, [...extra, '-k', 'zzz_no_such_test', ...selection], { junitxml: junit, env: xdistEnv });
      if (r.exitCode !== 5 && r.exitCode !== 0) throw new Error(`collection run: exit ${r.exitCode}\n${r.stdout.slice(-1500)}`);
      walls.push(r.wallSeconds);
      sessions.push(readReport(junit).suite);
    }
    return { wall: median(walls), session: median(sessions) };
  };
  console.log(`collection (every test deselected; medians of ${runs}; ${files.length} files):`);
  console.log('  run        1 file: wall  session   all files: wall  session   per file');
  for (const [label, extra] of [
    ['plain', []],
    [`-n ${WORKERS}`, ['-p', 'xdist', '-n', String(WORKERS)]],
  ] as const) {
    const a = measure([...extra], one);
    const b = measure([...extra], files);
    const perFile = (b.session - a.session) / Math.max(1, files.length - 1);
    console.log(
      `  ${label.padEnd(8)} ${f2(a.wall).padStart(13)} ${f2(a.session).padStart(8)} ${f2(b.wall).padStart(17)} ${f2(b.session).padStart(8)} ${perFile.toFixed(3).padStart(10)}`,
    );
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'split-plan-xdist-'));
  try {
    let root: string;
    let serialArgs: string[] = [];
    const okCodes = process.env['XD_ROOT'] ? [0, 1] : [0];
    if (process.env['XD_ROOT']) {
      root = process.env['XD_ROOT'];
      serialArgs = (process.env['XD_ARGS'] ?? '').split(' ').filter((a) => a !== '');
    } else {
      root = join(work, 'suite');
      generateSuite(root, {
        seed: Number(process.env['XD_SEED'] ?? '1'),
        files: Number(process.env['XD_FILES'] ?? '80'),
        scale: Number(process.env['XD_SCALE'] ?? '0.5'),
      });
    }
    const ids = collect(root, serialArgs);
    const collected = join(work, 'collected.txt');
    writeFileSync(collected, ids.join('\n') + '\n');
    if (process.env['XD_COLLECT'] === '1') {
      collectionCosts(root, [...new Set(ids.map((id) => id.split('::')[0] as string))].sort(), work);
      if (process.env['XD_SPLITS'] === '') return;
    }
    const plain = bare(work, []);
    const xd = bare(work, ['-p', 'xdist', '-n', String(WORKERS)]);
    console.log(`${ids.length} tests; bare start: plain ${f2(plain)} s, -n ${WORKERS} ${f2(xd)} s`);
    const serial = [1, 2].map((k) => {
      const junit = join(work, `serial-${k}.xml`);
      const r = runPytest(root, serialArgs, { junitxml: junit });
      if (!okCodes.includes(r.exitCode)) throw new Error(`serial: exit ${r.exitCode}\n${r.stdout.slice(-2000)}`);
      const rep = readReport(junit);
      console.log(`serial ${k}: wall ${f2(r.wallSeconds)} s, session ${f2(rep.suite)} s, sum(cases) ${f2(rep.sum)} s`);
      return { junit, wall: r.wallSeconds, session: rep.suite };
    });
    const startup = serial.reduce((a, s) => a + s.wall - s.session, 0) / serial.length;
    const serialWall = serial.reduce((a, s) => a + s.wall, 0) / serial.length;
    const base = {
      cwd: root,
      words: CLI_WORDS,
      rootdir: '.',
      durations: [],
      collected,
      granularity: 'auto' as const,
      algorithm: 'balanced' as const,
      workers: WORKERS,
      discover: false,
      startupSeconds: startup,
    };
    for (const n of SPLITS) {
      const ideal = xd + (serialWall - plain) / (n * WORKERS);
      console.log(`\nN=${n}, --workers ${WORKERS}: ideal ${f2(ideal)} s (bare -n ${WORKERS} + (serial - bare) / (N x K))`);
      const { plan } = await planFromRequest({ ...base, junit: serial.map((s) => s.junit), splits: n });
      const first = runShards(root, work, `from-serial-${n}`, plan, okCodes);
      console.log(`  slowest ${f2(first.slowest)} s = ${f2(first.slowest / ideal)} x ideal; worst error ${pct(first.worst)}`);
      for (const [i, shape] of shapesOf(root, first.reports).entries()) {
        console.log(
          `  ${first.reports[i]}: ${shape.cases.length} cases in ${new Set(shape.cases.map((c) => c.file)).size} files, ${fileReturns(shape.cases)} returns: ${parallelEvidence(shape) ?? 'NOT detected as parallel'}`,
        );
      }
      const { plan: again } = await planFromRequest({ ...base, junit: first.reports, splits: n });
      console.log(`  overhead learned from the xdist reports: ${JSON.stringify(again.overhead)}`);
      const second = runShards(root, work, `from-xdist-${n}`, again, okCodes);
      console.log(`  slowest ${f2(second.slowest)} s = ${f2(second.slowest / ideal)} x ideal; worst error ${pct(second.worst)}`);
    }
  } finally {
    if (process.env['XD_KEEP'] === '1') console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();

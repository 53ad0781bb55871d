/**
 * End to end with real pytest-xdist and the built CLI (`npm run build` first): two shards of a
 * small generated suite run with `pytest -p xdist -n 2 --junitxml`, `split-plan refresh --workers
 * 2` stores the worker start-up those reports show, and a plan with `--workers 2` from the
 * durations file alone prices every shard with it (`--worker-startup` still wins).
 *
 * pytest-xdist: installed, or unpacked where SPLIT_PLAN_XDIST_PYTHONPATH points (the Debian
 * package, see the brief).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pytestEnv, runPytest } from '../scripts/lib/pytest.js';
import { parseJUnit } from '../src/formats/junit.js';
import { runCli } from './helpers/runAction.js';

const requirePytest = process.env.SPLIT_PLAN_REQUIRE_PYTEST === '1';
const requireXdist = process.env.SPLIT_PLAN_REQUIRE_XDIST === '1';
const XDIST_ENV: Record<string, string> = process.env.SPLIT_PLAN_XDIST_PYTHONPATH ? { PYTHONPATH: process.env.SPLIT_PLAN_XDIST_PYTHONPATH } : {};

function importable(module: string, extra: Record<string, string> = {}): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { env: pytestEnv(extra), stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const havePytest = importable('pytest');
const haveXdist = havePytest && importable('xdist', XDIST_ENV);
// Like exactlyOnce.test.ts: without xdist the block is skipped, unless SPLIT_PLAN_REQUIRE_XDIST=1
// (or SPLIT_PLAN_REQUIRE_PYTEST=1 and pytest itself is missing) makes that a failure.
const mustRun = haveXdist || requireXdist || (requirePytest && !havePytest);
if (!mustRun) console.warn('refreshXdistCli: pytest or pytest-xdist is not importable (set SPLIT_PLAN_XDIST_PYTHONPATH); skipping');

/**
 * Eight files of four short tests, two shards of four files. Under `-n 2` the workers finish the
 * files of such a shard interleaved (its files come back four times, checked with xdist 3.1): a
 * shard of two files would come back once at most, too little to tell it from a plain run.
 */
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
const SLEEPS = [0.1, 0.05, 0.2, 0.05];
const FILES = NAMES.map((n) => `tests/test_${n}.py`);
const SHARDS = [FILES.slice(0, 4), FILES.slice(4)];

/** LPT over 2 workers: what the shard's tests took at the least, as the model spreads them (written here, not imported). */
function lpt2(seconds: number[]): number {
  const loads = [0, 0];
  for (const s of [...seconds].sort((a, b) => b - a)) {
    const i = (loads[0] as number) <= (loads[1] as number) ? 0 : 1;
    loads[i] = (loads[i] as number) + s;
  }
  return Math.max(...loads);
}

interface PlanJson {
  workers: number;
  overhead: { workerStartSeconds?: number; fixedSeconds: number };
  shards: { group: number; predictedSeconds: number }[];
}

(mustRun ? describe : describe.skip)('refresh from real pytest-xdist shards stores the worker start-up', () => {
  let dir = '';
  const node = process.execPath;
  const cli = (args: string[]) => runCli(node, dir, args);
  const plan = (extra: string[] = []): PlanJson => {
    const r = cli(['--splits', '2', '--workers', '2', '--durations', '.test_durations', '--json', '-', '--quiet', ...extra]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as PlanJson;
  };
  let refreshed = { status: -1 as number | null, stderr: '' };
  let expectedStart = 0;

  beforeAll(() => {
    if (!havePytest) throw new Error('SPLIT_PLAN_REQUIRE_PYTEST=1 but python3 -m pytest is not available');
    if (!haveXdist) throw new Error('SPLIT_PLAN_REQUIRE_XDIST=1 but pytest-xdist is not importable; set SPLIT_PLAN_XDIST_PYTHONPATH');
    dir = mkdtempSync(join(tmpdir(), 'split-plan-xdist-refresh-'));
    execFileSync('mkdir', ['-p', join(dir, 'tests')]);
    for (const file of FILES) {
      const body = SLEEPS.map((t, i) => `def test_${i}():\n    time.sleep(${t})\n`).join('\n');
      writeFileSync(join(dir, file), `import time\n\n\n${body}`);
    }
    const extras: number[] = [];
    SHARDS.forEach((files, i) => {
      const junitxml = join(dir, `shard-${i + 1}.xml`);
      const r = runPytest(dir, ['-p', 'xdist', '-n', '2', ...files], { junitxml, env: XDIST_ENV });
      if (r.exitCode !== 0) throw new Error(`shard ${i + 1} failed (${r.exitCode}):\n${r.stdout}\n${r.stderr}`);
      // What each report shows beyond its tests spread over the 2 workers (no plain report, no overhead model: all of it).
      const report = parseJUnit(readFileSync(junitxml, 'utf8'), junitxml);
      const suite = report.suites.reduce((a, s) => a + (s.time ?? 0), 0);
      extras.push(Math.max(0, suite - lpt2(report.suites.flatMap((s) => s.cases.map((c) => c.time)))));
    });
    expectedStart = Math.round(((extras[0] as number) + (extras[1] as number)) * 500) / 1000;
    refreshed = cli(['refresh', '--junit', 'shard-*.xml', '--durations', '.test_durations', '--workers', '2']);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refresh stores it with the worker count and says so', () => {
    expect(refreshed.status).toBe(0);
    expect(refreshed.stderr).toMatch(/^split-plan refresh: 32 added/m);
    expect(refreshed.stderr).toMatch(/^worker start-up added: \d+\.\d\d s per shard to bring up 2 pytest-xdist workers/m);
    const json = JSON.parse(readFileSync(join(dir, '.test_durations'), 'utf8')) as Record<string, number>;
    expect(json['__split_plan__::worker_start_workers']).toBe(2);
    // The median of two reports: their mean, rounded to milliseconds.
    expect(json['__split_plan__::worker_start_seconds']).toBeCloseTo(expectedStart, 3);
    expect(json['__split_plan__::worker_start_seconds']).toBeGreaterThan(0);
  });

  it('a plan with --workers 2 from the durations file alone prices every shard with it', () => {
    const json = JSON.parse(readFileSync(join(dir, '.test_durations'), 'utf8')) as Record<string, number>;
    const stored = json['__split_plan__::worker_start_seconds'] as number;
    const fromFile = plan();
    expect(fromFile.overhead.workerStartSeconds).toBeCloseTo(stored, 3);
    // The same plan with no worker start-up at all: every shard's prediction is exactly the stored start-up less.
    const none = plan(['--worker-startup', '0']);
    expect(none.overhead.workerStartSeconds).toBe(0);
    expect(fromFile.shards.map((s) => s.predictedSeconds - stored)).toEqual(none.shards.map((s) => expect.closeTo(s.predictedSeconds, 3)));
  });

  it.each([['1.5'], ['12']])('--worker-startup %s overrides the stored value', (flag) => {
    const p = plan(['--worker-startup', flag]);
    expect(p.overhead.workerStartSeconds).toBe(Number(flag));
  });

  it('a plan with another worker count does not use it: the default', () => {
    const r = cli(['--splits', '2', '--workers', '3', '--durations', '.test_durations', '--json', '-', '--quiet']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as PlanJson).overhead.workerStartSeconds).toBeCloseTo(0.3 + 0.4, 3);
  });

  it('refresh again from the same reports: nothing moved, the file is left as it is', () => {
    const before = readFileSync(join(dir, '.test_durations'), 'utf8');
    const again = cli(['refresh', '--junit', 'shard-*.xml', '--durations', '.test_durations', '--workers', '2']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/left unchanged/);
    expect(again.stderr).not.toMatch(/worker start-up/);
    expect(readFileSync(join(dir, '.test_durations'), 'utf8')).toBe(before);
  });
});

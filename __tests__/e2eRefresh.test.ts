/**
 * End to end with real pytest: a generated suite is planned into 3 shards by the built CLI
 * (dist/cli.js: run `npm run build` first), each shard runs from its args file with --junitxml,
 * then `refresh` and `verify`; then the suite changes (a new file, new tests in a file, deleted
 * tests and a deleted file) and the round repeats from the refreshed durations.
 *
 * "No test lost or doubled" is checked twice: by `verify`, and independently here by naming every
 * collected id the way pytest names it in JUnit and counting the testcases of each report.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSuite, LANDMARK_IDS, mutateSuite, type GeneratedSuite, type MutationResult } from '../scripts/lib/suite/index.js';
import { collect, runPytest } from '../scripts/lib/pytest.js';
import { describeWithPytest } from './helpers/needs.js';
import { junitNamesOf } from '../src/core/junitMap.js';
import type { Plan } from '../src/core/plan.js';
import { META_PREFIX } from '../src/formats/durations.js';
import { parseJUnit } from '../src/formats/junit.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SPLITS = 3;

let tmp: string;
let suite: GeneratedSuite;

interface Round {
  ids: string[];
  plan: Plan;
  argsDir: string;
  reportsDir: string;
  /** Ids with at least one non-skipped testcase in this round's reports. */
  measured: Set<string>;
  /** Keys of the durations file after this round's refresh (tests only). */
  keys: Set<string>;
  refreshReport: string;
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const durationsPath = (): string => join(tmp, 'durations.json');

function durationKeys(): Set<string> {
  const data = JSON.parse(readFileSync(durationsPath(), 'utf8')) as Record<string, number>;
  return new Set(Object.keys(data).filter((k) => !k.startsWith(META_PREFIX)));
}

/**
 * Every collected id must be in exactly one report, and every testcase must be a collected id.
 * Returns the ids that ran as something other than skipped.
 */
function checkExactlyOnce(ids: readonly string[], reportFiles: readonly string[]): Set<string> {
  const byNames = new Map<string, string>();
  for (const id of ids) {
    const { classname, name } = junitNamesOf(id);
    byNames.set(`${classname}\0${name}`, id);
  }
  const reportsOf = new Map<string, string[]>();
  const measured = new Set<string>();
  const strays: string[] = [];
  for (const file of reportFiles) {
    const report = parseJUnit(readFileSync(file, 'utf8'), file);
    for (const c of report.suites.flatMap((s) => s.cases)) {
      const id = byNames.get(`${c.classname}\0${c.name}`);
      if (id === undefined) {
        strays.push(`${c.classname}::${c.name}`);
        continue;
      }
      reportsOf.set(id, [...(reportsOf.get(id) ?? []), file]);
      if (c.outcome !== 'skipped') measured.add(id);
    }
  }
  expect(strays).toEqual([]);
  const notOnce = ids.filter((id) => reportsOf.get(id)?.length !== 1);
  expect(notOnce).toEqual([]);
  return measured;
}

/** collect -> plan -> run the shards -> refresh -> verify, all checked. */
function round(n: number): Round {
  const ids = collect(suite.root);
  expect(ids.length).toBeGreaterThan(50);
  const collected = join(tmp, `collected-${n}.txt`);
  writeFileSync(collected, ids.join('\n') + '\n');
  const argsDir = join(tmp, `args-${n}`);
  const reportsDir = join(tmp, `reports-${n}`);
  const planPath = join(tmp, `plan-${n}.json`);
  const planArgs = ['--splits', String(SPLITS), '--collected', collected, '--rootdir', 'suite', '--args-dir', argsDir, '--json', planPath, '--quiet'];
  if (existsSync(durationsPath())) planArgs.push('--durations', durationsPath());
  const planned = cli(planArgs);
  expect(planned.stderr).toBe('');
  expect(planned.status).toBe(0);
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
  expect(plan.shards.map((s) => s.tests.length).reduce((a, b) => a + b, 0)).toBe(ids.length);

  mkdirSync(reportsDir);
  const reportFiles: string[] = [];
  for (let k = 1; k <= SPLITS; k++) {
    const junitxml = join(reportsDir, `shard-${k}.xml`);
    const r = runPytest(suite.root, [`@${join(argsDir, `group-${k}.args`)}`], { junitxml });
    expect({ shard: k, exitCode: r.exitCode, out: r.exitCode === 0 ? '' : r.stdout + r.stderr }).toEqual({ shard: k, exitCode: 0, out: '' });
    reportFiles.push(junitxml);
  }
  const measured = checkExactlyOnce(ids, reportFiles);

  const refreshed = cli(['refresh', '--junit', `reports-${n}/*.xml`, '--collected', collected, '--durations', 'durations.json', '--rootdir', 'suite']);
  expect(refreshed.status).toBe(0);
  const verified = cli(['verify', '--plan', planPath, '--junit', `reports-${n}/*.xml`, '--rootdir', 'suite']);
  expect({ status: verified.status, stdout: verified.stdout.split('\n')[0], stderr: verified.stderr }).toEqual({
    status: 0,
    stdout: `split-plan verify: ok: every planned test ran exactly once (${ids.length} tests in ${SPLITS} shards)`,
    stderr: '',
  });
  return { ids, plan, argsDir, reportsDir, measured, keys: durationKeys(), refreshReport: refreshed.stderr };
}

const minus = <T>(a: Iterable<T>, b: ReadonlySet<T>): T[] => [...a].filter((x) => !b.has(x)).sort();

let r1: Round | undefined;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  tmp = mkdtempSync(join(tmpdir(), 'e2e-refresh-'));
  suite = generateSuite(join(tmp, 'suite'), { seed: 11, files: 6, scale: 0.01 });
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describeWithPytest('refresh and verify with real pytest', () => {
  it('round 1: no durations yet; 3 shards run every test once; refresh stores every measured test', () => {
    r1 = round(1);
    // Skipped and xfail tests have no timing to store; everything else that ran is stored.
    expect(r1.measured.has(LANDMARK_IDS.skipped)).toBe(false);
    expect(r1.measured.has(LANDMARK_IDS.xfail)).toBe(false);
    expect([...r1.keys].sort()).toEqual([...r1.measured].sort());
    expect(r1.keys.size).toBe(r1.ids.length - 2);
    const raw = JSON.parse(readFileSync(durationsPath(), 'utf8')) as Record<string, number>;
    expect(
      Object.keys(raw)
        .filter((k) => k.startsWith(META_PREFIX))
        .sort(),
    ).toEqual([`${META_PREFIX}overhead_fixed_seconds`, `${META_PREFIX}overhead_per_file_seconds`, `${META_PREFIX}overhead_samples`]);
    expect(r1.refreshReport).toContain(`${r1.keys.size} added, 0 updated, 0 removed`);
  }, 120_000);

  it("verify fails naming the lost tests when a shard's report is missing", () => {
    if (!r1) throw new Error('round 1 did not complete');
    const shard2 = r1.plan.shards[1]?.tests ?? [];
    const r = cli(['verify', '--plan', 'plan-1.json', '--junit', 'reports-1/shard-1.xml', 'reports-1/shard-3.xml', '--rootdir', 'suite']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`split-plan: error: verify failed: ${shard2.length} lost, 0 doubled, 0 unexpected (listed above)\n`);
    expect(r.stdout).toContain('no report for group(s) 2\n');
    expect(r.stdout).toContain(`  ${shard2[0]}  (group 2)\n`);
    expect(r.stdout).toMatch(/\n +2 +\d+ +0 +\d+ +[\d.]+ +missing/);
  });

  it('verify fails naming the test that ran in two shards', () => {
    if (!r1) throw new Error('round 1 did not complete');
    const twice = r1.plan.shards[0]?.tests[0] as string;
    const args = join(tmp, 'group-2-plus.args');
    writeFileSync(args, readFileSync(join(r1.argsDir, 'group-2.args'), 'utf8') + twice + '\n');
    mkdirSync(join(tmp, 'reports-dup'));
    const junitxml = join(tmp, 'reports-dup', 'shard-2.xml');
    expect(runPytest(suite.root, [`@${args}`], { junitxml }).exitCode).toBe(0);
    const r = cli([
      'verify',
      '--plan',
      'plan-1.json',
      '--junit',
      'reports-1/shard-1.xml',
      'reports-dup/shard-2.xml',
      'reports-1/shard-3.xml',
      '--rootdir',
      'suite',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('split-plan: error: verify failed: 0 lost, 1 doubled, 0 unexpected (listed above)\n');
    expect(r.stdout).toContain(`doubled: ran in more than one report (1):\n  ${twice}  (`);
  }, 60_000);

  it('round 2: after adding and deleting tests, the new plan runs every test once and the durations gain and lose exactly those', () => {
    if (!r1) throw new Error('round 1 did not complete');
    const mutation = pickMutation(r1.ids);
    const before = new Set(r1.ids);
    const changed: MutationResult = mutateSuite(suite.root, mutation);
    expect(changed.added.length).toBe(5);

    const r2 = round(2);
    const after = new Set(r2.ids);
    const removedIds = minus(r1.ids, after);
    // Exactly the new tests appeared, and exactly what the deletions cover disappeared.
    expect(minus(r2.ids, before)).toEqual([...changed.added].sort());
    const covered = (id: string): boolean =>
      (mutation.removeFiles ?? []).some((f) => id.startsWith(`${f}::`)) ||
      (mutation.removeTests ?? []).some((s) => id === s || id.startsWith(`${s}[`) || id.startsWith(`${s}::`));
    expect(removedIds).toEqual(r1.ids.filter(covered).sort());
    expect(removedIds.length).toBeGreaterThan(3);

    // The durations file: gained the new tests, lost the deleted ones, nothing else.
    expect(minus(r2.keys, r1.keys)).toEqual([...changed.added].sort());
    expect(minus(r1.keys, r2.keys)).toEqual(removedIds.filter((id) => r1?.keys.has(id)));
    expect(r2.refreshReport).toContain(`${changed.added.length} added, `);
    expect(r2.refreshReport).toContain(` ${removedIds.filter((id) => r1?.keys.has(id)).length} removed, `);
    // The second plan knew every surviving test's timing; only the new ones were estimated.
    expect(r2.plan.estimatedTests).toBe(changed.added.length + 2); // + the skipped and the xfail test
  }, 120_000);
});

/**
 * A new file (3 tests), 2 new tests in an existing file, one class method and one parametrized
 * function deleted, and one whole file deleted: chosen from the suite, away from the landmark files.
 */
function pickMutation(ids: readonly string[]): Parameters<typeof mutateSuite>[1] {
  const landmarks = new Set(['tests/api/test_search.py', 'tests/api/test_users.py']);
  const files = suite.files.filter((f) => !landmarks.has(f));
  expect(files.length).toBeGreaterThanOrEqual(4);
  const [addTo, methodFile, funcFile, dropFile] = files as [string, string, string, string];
  const defined = (file: string, name: string): boolean => readFileSync(join(suite.root, file), 'utf8').includes(`def ${name}(`);
  const method = ids
    .map((id) => /^([^:]+)::(Test\w+)::(test_\w+)$/.exec(id))
    .find((m) => m !== null && m[1] === methodFile && defined(methodFile, m[3] as string));
  const func = ids.map((id) => /^([^:]+)::(test_\w+)(\[.*)?$/.exec(id)).find((m) => m !== null && m[1] === funcFile && defined(funcFile, m[2] as string));
  if (!method || !func) throw new Error(`no removable class method in ${methodFile} or function in ${funcFile}`);
  return {
    removeTests: [`${method[1]}::${method[2]}::${method[3]}`, `${func[1]}::${func[2]}`],
    removeFiles: [dropFile],
    addTestsTo: [{ file: addTo, count: 2 }],
    addFiles: [{ path: 'tests/api/test_brand_new.py', tests: 3 }],
  };
}

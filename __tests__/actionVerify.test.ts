/**
 * `mode: verify`. The bundled Action (dist/index.js; run `npm run build` first) is run as the
 * runner runs it on a plan the CLI wrote and one JUnit report per shard: a complete run passes; a
 * missing shard report or a test run twice fails the step naming the counts and the tests, and the
 * CLI's `split-plan verify` agrees. The job summary carries predicted against actual seconds per
 * shard. In-process tests with a typed fake core cover the input checks, the one-line failure and
 * the summary's markdown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT } from '../src/action/constants.js';
import type { ActionEnv } from '../src/action/core.js';
import { FakeCore } from './helpers/fakeCore.js';
import { formatVerifySummary } from '../src/action/jobSummary.js';
import { run } from '../src/action/main.js';
import { verifyFailureMessage } from '../src/action/modes/verify.js';
import type { Plan } from '../src/core/plan.js';
import type { VerifyResult } from '../src/core/verify.js';
import { OFFENDER_LIMIT } from '../src/render/verify.js';
import { parsePlan } from '../src/formats/planJson.js';
import { pytestJUnit, type JUnitCase } from './helpers/pytestJunit.js';
import { NODE_BINARIES, REPO_ROOT, requireNode, runAction, runCli, type NodeBinary } from './helpers/runAction.js';
import { EXAMPLE_DURATIONS, testTimings } from './helpers/paths.js';

const STORED = testTimings(readFileSync(EXAMPLE_DURATIONS, 'utf8'));

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'split-plan-action-verify-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
interface Setup {
  ws: string;
  dir: string;
  reports: string;
  plan: Plan;
  planPath: string;
}

/** A checkout of examples/, its plan in 3 shards (written by the CLI) and an empty reports directory. */
function setup(): Setup {
  const base = join(root, `run-${++counter}`);
  const ws = join(base, 'repo');
  const dir = join(ws, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  cpSync(EXAMPLE_DURATIONS, join(dir, '.test_durations'));
  const reports = join(base, 'reports');
  mkdirSync(reports);
  const planPath = join(base, 'split-plan.json');
  const r = runCli(process.execPath, dir, ['--splits', '3', '--json', planPath]);
  expect(r.status).toBe(0);
  return { ws, dir, reports, plan: parsePlan(readFileSync(planPath, 'utf8'), planPath), planPath };
}

const casesOf = (ids: readonly string[]): JUnitCase[] => ids.map((id) => ({ id, seconds: (STORED[id] ?? 0.1) * 1.1 }));
const shardIds = (s: Setup, group: number): string[] => s.plan.shards[group - 1]?.tests ?? [];

function writeReport(s: Setup, group: number, ids: readonly string[]): void {
  writeFileSync(join(s.reports, `group-${group}.xml`), pytestJUnit(casesOf(ids), 0.3));
}

function inputs(s: Setup): Record<string, string> {
  return { mode: 'verify', 'plan-file': s.planPath, junit: `${s.reports}/*.xml`, 'working-directory': 'examples' };
}

/** `split-plan verify` on the same plan and reports: its exit status. */
function cliVerify(s: Setup): number | null {
  return runCli(process.execPath, s.dir, ['verify', '--plan', s.planPath, '--junit', `${s.reports}/*.xml`]).status;
}

describe('mode verify, the bundled Action', () => {
  it('the example plan has three non-empty shards (what the cases below rely on)', () => {
    const s = setup();
    expect(s.plan.shards.map((x) => x.tests.length > 0)).toEqual([true, true, true]);
  });

  it.each(NODE_BINARIES.map((b) => [b.label, b] as const))('passes a complete run (%s), with the table in the summary', (_label, bin: NodeBinary) => {
    const node = requireNode(bin);
    const s = setup();
    for (const g of [1, 2, 3]) writeReport(s, g, shardIds(s, g));
    const r = runAction({ node, workspace: s.ws, inputs: inputs(s) });
    expect(r.failure).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ [OUTPUT.ok]: 'true', [OUTPUT.lost]: '0', [OUTPUT.doubled]: '0', [OUTPUT.unexpected]: '0' });
    expect(r.summary).toContain(`## split-plan verify: ok, every planned test ran exactly once (${s.plan.tests} tests in 3 shards)`);
    expect(r.summary).toContain('| group | planned | ran | lost | predicted s | actual s | diff |');
    for (const shard of s.plan.shards) {
      expect(r.summary).toMatch(
        new RegExp(
          `\\n\\| ${shard.group} \\| ${shard.tests.length} \\| ${shard.tests.length} \\| 0 \\| ${shard.predictedSeconds.toFixed(2)} \\| \\d+\\.\\d\\d \\| \\+\\d+% \\|\\n`,
        ),
      );
    }
    // The chart of predicted against measured, and the tests that moved against the durations file
    // (the workspace's .test_durations: every test ran 1.1 x its stored time).
    expect(r.summary).toContain('### Predicted against measured\n\n```mermaid\nxychart-beta\n');
    expect(r.summary).toMatch(/### Tests that moved most against their stored time \(10 of \d+ compared\)/);
    expect(r.summary).toMatch(/\| `tests\/[^`]+` \| [123] \| \d+\.\d\d \| \d+\.\d\d \| \+\d+\.\d\d \|/);
    expect(cliVerify(s)).toBe(0);
  });

  it('fails when a shard report is missing, naming the group and its tests', () => {
    const s = setup();
    writeReport(s, 1, shardIds(s, 1));
    writeReport(s, 2, shardIds(s, 2));
    const lost = [...shardIds(s, 3)].sort();
    const r = runAction({ node: requireNode(NODE_BINARIES[1] as NodeBinary), workspace: s.ws, inputs: inputs(s) });
    expect(r.status).toBe(1);
    expect(r.failure).toBe(
      `verify failed: ${lost.length} lost, 0 doubled, 0 unexpected; no report for group 3; lost: ${lost
        .slice(0, 3)
        .map((id) => `${id} (group 3)`)
        .join(', ')} and ${lost.length - 3} more (the job summary lists them)`,
    );
    expect(r.outputs).toEqual({ [OUTPUT.ok]: 'false', [OUTPUT.lost]: String(lost.length), [OUTPUT.doubled]: '0', [OUTPUT.unexpected]: '0' });
    expect(r.summary).toContain('**No report for group 3**: its tests count as lost.');
    expect(r.summary).toMatch(/\n\| 3 \| \d+ \| 0 \| \d+ \| \d+\.\d\d \| missing \| {2}\|\n/);
    for (const id of lost) expect(r.summary).toContain(`\`${id}\` (group 3)`);
    expect(cliVerify(s)).toBe(1);
  });

  it('fails when a test ran in two shards, naming it', () => {
    const s = setup();
    const twice = shardIds(s, 2)[0] as string;
    writeReport(s, 1, [...shardIds(s, 1), twice]);
    writeReport(s, 2, shardIds(s, 2));
    writeReport(s, 3, shardIds(s, 3));
    const r = runAction({ node: process.execPath, workspace: s.ws, inputs: inputs(s) });
    expect(r.status).toBe(1);
    expect(r.failure).toBe(`verify failed: 0 lost, 1 doubled, 0 unexpected; doubled: ${twice} (2 reports) (the job summary lists them)`);
    expect(r.outputs[OUTPUT.doubled]).toBe('1');
    expect(r.summary).toContain(
      `### Doubled: ran in more than one report (1)\n\n- \`${twice}\` (\`${join(s.reports, 'group-1.xml')}\`, \`${join(s.reports, 'group-2.xml')}\`)`,
    );
    expect(cliVerify(s)).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// In process: a typed fake core

async function verifyInProcess(s: Setup, override: Record<string, string>): Promise<FakeCore> {
  const core = new FakeCore({ ...inputs(s), ...override });
  const env: ActionEnv = { workspace: s.ws, hasSummary: true };
  await run(core, env);
  return core;
}

describe('mode verify inputs (typed fake core): one message naming the input', () => {
  it.each<[string, (s: Setup) => Record<string, string>, string]>([
    ['no plan-file', () => ({ 'plan-file': '' }), 'plan-file is required in mode verify: the plan JSON the plan job wrote, passed along as an artifact'],
    ['no junit', () => ({ junit: '' }), "junit is required in mode verify: every shard's JUnit reports, one path or glob pattern per line"],
    ['a missing plan-file', () => ({ 'plan-file': 'plans/nope.json' }), 'plan-file: {dir}/plans/nope.json does not exist'],
    [
      'a plan-file that is not a plan',
      () => ({ 'plan-file': '.test_durations' }),
      ".test_durations: not a split-plan plan (version 1): (root) must have required property 'version'",
    ],
    ['a missing junit file', (s) => ({ junit: join(s.reports, 'group-9.xml') }), 'junit: {reports}/group-9.xml does not exist'],
  ])('%s', async (_name, override, expected) => {
    const s = setup();
    for (const g of [1, 2, 3]) writeReport(s, g, shardIds(s, g));
    const core = await verifyInProcess(s, override(s));
    expect(core.failures).toHaveLength(1);
    expect(core.failures[0]).toContain(expected.replace('{dir}', s.dir).replace('{reports}', s.reports));
    expect(core.outputs).toEqual({});
    expect(core.summaries).toEqual([]);
  });

  it('fails on a test that ran but was not planned, after writing outputs and the summary', async () => {
    const s = setup();
    for (const g of [1, 2, 3]) writeReport(s, g, shardIds(s, g));
    writeReport(s, 4, ['tests/test_extra.py::test_surprise']);
    const core = await verifyInProcess(s, {});
    expect(core.failures).toEqual([
      'verify failed: 0 lost, 0 doubled, 1 unexpected; unexpected: tests/test_extra.py::test_surprise (the job summary lists them)',
    ]);
    expect(core.outputs).toEqual({ [OUTPUT.ok]: 'false', [OUTPUT.lost]: '0', [OUTPUT.doubled]: '0', [OUTPUT.unexpected]: '1' });
    expect(core.summaries[0]).toContain('### Unexpected: ran but not planned (1)');
  });
});

describe('verify failure message and summary', () => {
  const result = (over: Partial<VerifyResult>): VerifyResult => ({
    ok: false,
    lost: [],
    doubled: [],
    unexpected: [],
    selectedNew: [],
    gone: [],
    missingShards: [],
    unmatchedReports: [],
    skippedModules: [],
    shards: [{ group: 1, planned: 2, predictedSeconds: 2, actualSeconds: 3, reports: ['r1.xml'], ran: 2, lost: 0, gone: 0 }],
    ...over,
  });

  it.each<[string, Partial<VerifyResult>, string]>([
    [
      'three lost',
      { lost: ['a', 'b', 'c'].map((entry) => ({ entry, group: 2 })) },
      'verify failed: 3 lost, 0 doubled, 0 unexpected; lost: a (group 2), b (group 2), c (group 2) (the job summary lists them)',
    ],
    [
      'five lost: the first three and a count',
      { lost: ['a', 'b', 'c', 'd', 'e'].map((entry) => ({ entry, group: 1 })) },
      'verify failed: 5 lost, 0 doubled, 0 unexpected; lost: a (group 1), b (group 1), c (group 1) and 2 more (the job summary lists them)',
    ],
    [
      'every kind, two missing shards',
      {
        lost: [{ entry: 'x', group: 2 }],
        doubled: [{ id: 'd', reports: ['1.xml', '2.xml', '3.xml'] }],
        unexpected: [{ id: 'u', report: '1.xml' }],
        missingShards: [2, 3],
      },
      'verify failed: 1 lost, 1 doubled, 1 unexpected; no report for groups 2, 3; lost: x (group 2); doubled: d (3 reports); unexpected: u (the job summary lists them)',
    ],
  ])('one line: %s', (_name, over, expected) => {
    const message = verifyFailureMessage(result(over));
    expect(message).toBe(expected);
    expect(message).not.toContain('\n');
  });

  it('bounds each list of the summary and shows ids as code, so they cannot inject markup', () => {
    const lost = Array.from({ length: OFFENDER_LIMIT + 5 }, (_, i) => ({ entry: `tests/test_a.py::test_${i}[<b>*x*</b>]`, group: 1 }));
    const md = formatVerifySummary(result({ lost, doubled: [{ id: 'tests/t.py::test_`tick`', reports: ['a.xml', 'b.xml'] }] }));
    expect(md).toContain(`### Lost: planned but not run (${OFFENDER_LIMIT + 5})`);
    expect(md.match(/^- `tests\/test_a\.py/gm)).toHaveLength(OFFENDER_LIMIT);
    expect(md).toContain('- and 5 more');
    expect(md).toContain('- `tests/test_a.py::test_0[<b>*x*</b>]` (group 1)');
    expect(md).toContain('- `` tests/t.py::test_`tick` `` (`a.xml`, `b.xml`)');
    expect(md).toContain('| 1 | 2 | 2 | 0 | 2.00 | 3.00 | +50% |');
  });
});

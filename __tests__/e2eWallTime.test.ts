/**
 * Smoke run of `npm run e2e` (scripts/e2e.ts) on a tiny suite: the script generates a real pytest
 * suite, learns from a serial JUnit run, plans 2 and 3 shards with the built CLI (ours, with the
 * cost model, and the test-level greedy baseline) and runs every shard; it fails unless every test
 * ran exactly once in each plan. Timing checks are off (E2E_TIMING=0): at this scale wall times
 * are all pytest's own overhead. The timing acceptance run is `npm run e2e` (about four minutes).
 * Needs dist/cli.js (`npm run build`) and pytest 8.2+ (helpers/needs.ts).
 */
import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot } from './helpers/paths.js';
import { describeWithPytest } from './helpers/needs.js';
import { existsSync } from 'node:fs';

describeWithPytest('npm run e2e (smoke)', () => {
  it('plans and runs every shard of both splits, each test exactly once', () => {
    expect(existsSync(cliPath)).toBe(true);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/e2e.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, E2E_TIMING: '0', E2E_FILES: '10', E2E_SCALE: '0.02', E2E_SPLITS: '2,3', E2E_NICE: '0' },
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^N=3: ideal /m);
    expect(r.stdout).toMatch(/e2e passed/);
    // Both plans ran three shards.
    expect(r.stdout.match(/^ {2}ours {8}3 /gm)).toHaveLength(1);
    expect(r.stdout.match(/^ {2}greedy {6}3 /gm)).toHaveLength(1);
  }, 120_000);
});

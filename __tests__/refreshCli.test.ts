/**
 * `split-plan refresh` on a real pytest report (fixtures/refresh/PROVENANCE.md): the app layer
 * in-process, then the built CLI (dist/cli.js, from `npm run build`) as a user runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRefreshInputs, refreshText, type RefreshInputs, type RefreshSettings } from '../src/app/refresh.js';
import { learnOverhead } from '../src/core/overhead.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS } from '../src/core/refresh.js';
import type { OverheadModel } from '../src/core/types.js';
import { parseDurations } from '../src/formats/durations.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/refresh/', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SETTINGS: RefreshSettings = {
  completeRun: false,
  smoothing: 'ema',
  alpha: DEFAULT_ALPHA,
  minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
  minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
};
const F = 'tests/test_outcomes.py::';
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
/** How Python's json writes a float rounded to 6 places. */
const pyFloat = (x: number): string => (Number.isInteger(round6(x)) ? round6(x).toFixed(1) : String(round6(x)));

describe('refreshText on a real pytest report', () => {
  let inputs: RefreshInputs;
  beforeAll(async () => {
    inputs = await loadRefreshInputs({ cwd: FIXTURES, rootdir: '.', junit: ['outcomes.xml'], collected: 'outcomes.collected.txt' });
  });

  it('a new file: measured tests only, the failed attempt of a rerun, overhead from the suite time, pytest-split layout', () => {
    const { result, content } = refreshText(undefined, 'new', inputs, SETTINGS);
    // One sample: suite 0.431 s, its testcases 0.109 s, 1 test file (collector records are no file).
    const o = learnOverhead([{ suiteSeconds: 0.431, testSeconds: 0.109, files: 1 }]) as OverheadModel;
    expect(result.overhead).toMatchObject({ fixedSeconds: round6(o.fixedSeconds), perFileSeconds: round6(o.perFileSeconds), samples: 1 });
    expect(content).toBe(
      [
        '{',
        `    "__split_plan__::overhead_fixed_seconds": ${pyFloat(o.fixedSeconds)},`,
        `    "__split_plan__::overhead_per_file_seconds": ${pyFloat(o.perFileSeconds)},`,
        '    "__split_plan__::overhead_samples": 1.0,',
        `    "${F}TestGroup::test_in_class": 0.005,`,
        `    "${F}test_fails": 0.027,`,
        `    "${F}test_fails_then_teardown_error": 0.001,`,
        `    "${F}test_param[a b]": 0.006,`,
        `    "${F}test_param[c::d]": 0.001,`,
        `    "${F}test_passes": 0.06`,
        '}',
        '',
      ].join('\n'),
    );
    expect(result.unrecorded).toEqual([`${F}test_setup_error`, `${F}test_skipped`, `${F}test_xfail`]);
    expect(result.changed).toBe(true);
  });

  it('a stored file: skips keep their timing, the collected list removes what is gone', () => {
    const stored = JSON.stringify({
      [`${F}test_skipped`]: 2.5,
      [`${F}test_passes`]: 0.06,
      [`${F}test_removed`]: 1,
      'tests/test_optional.py::test_needs_optional': 3,
    });
    const { result } = refreshText(stored, 'stored', inputs, SETTINGS);
    expect(result.timings.get(`${F}test_skipped`)).toBe(2.5);
    expect(result.removed).toEqual(['tests/test_optional.py::test_needs_optional', `${F}test_removed`]);
    expect(result.unchanged).toBe(2);
  });

  it('a complete run keeps the tests of modules that were skipped or failed at collection', async () => {
    const noCollected = await loadRefreshInputs({ cwd: FIXTURES, rootdir: '.', junit: ['outcomes.xml'] });
    const stored = JSON.stringify({
      [`${F}test_removed`]: 1,
      [`${F}test_skipped`]: 2,
      'tests/test_optional.py::test_needs_optional': 3,
      'tests/test_broken.py::test_never_collected': 4,
    });
    const { result } = refreshText(stored, 'stored', noCollected, { ...SETTINGS, completeRun: true });
    expect(result.removed).toEqual([`${F}test_removed`]);
    expect([...result.timings.keys()]).toContain('tests/test_broken.py::test_never_collected');
    expect([...result.timings.keys()]).toContain('tests/test_optional.py::test_needs_optional');
    const without = refreshText(stored, 'stored', noCollected, SETTINGS).result;
    expect(without.removed).toEqual([]);
  });

  it('a blank stored file counts as none; a broken one is an error naming it', () => {
    expect(refreshText('\n', 'blank', inputs, SETTINGS).result.added).toHaveLength(6);
    expect(() => refreshText('[1]', 'bad.json', inputs, SETTINGS)).toThrow(/^bad\.json: legacy durations entry 0/);
  });
});

// ---------------------------------------------------------------------------------------------

let work: string;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  work = mkdtempSync(join(tmpdir(), 'refresh-cli-'));
  for (const f of ['outcomes.xml', 'outcomes.collected.txt']) copyFileSync(join(FIXTURES, f), join(work, f));
  writeFileSync(join(work, 'bad.json'), '[1]');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('split-plan refresh (built CLI)', () => {
  it('creates a missing file, then leaves it untouched when nothing moved', () => {
    const first = cli(['refresh', '--junit', '*.xml', '--collected', 'outcomes.collected.txt']);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('6 added, 0 updated, 0 removed, 0 unchanged');
    expect(first.stderr).toMatch(/wrote .*\.test_durations\n$/);
    const path = join(work, '.test_durations');
    const bytes = readFileSync(path);
    expect(parseDurations(bytes.toString('utf8'), path).timings.size).toBe(6);
    const past = new Date(Date.now() - 3600_000);
    utimesSync(path, past, past);
    const before = statSync(path).mtimeMs;

    const again = cli(['refresh', '--junit', 'outcomes.xml', '--collected', 'outcomes.collected.txt']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 added, 0 updated, 0 removed, 6 unchanged');
    expect(again.stderr).toContain('left unchanged');
    expect(statSync(path).mtimeMs).toBe(before);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('same inputs, same bytes; --output leaves --durations alone', () => {
    for (const out of ['a.json', 'b.json']) {
      const r = cli(['refresh', '--junit', 'outcomes.xml', '--durations', 'none-yet.json', '--output', out, '--smoothing', 'replace']);
      expect(r.status).toBe(0);
    }
    expect(readFileSync(join(work, 'a.json')).equals(readFileSync(join(work, 'b.json')))).toBe(true);
    expect(existsSync(join(work, 'none-yet.json'))).toBe(false);
    const toStdout = cli(['refresh', '--junit', 'outcomes.xml', '--durations', 'none-yet.json', '--output', '-', '--smoothing', 'replace']);
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(join(work, 'a.json'), 'utf8'));
    expect(toStdout.stderr).toMatch(/wrote standard output\n$/);
  });

  it.each<[string, string[], number, RegExp]>([
    ['a pattern that matches nothing (a missing shard report)', ['--junit', 'shard-*.xml'], 1, /^split-plan: error: --junit: no files match "shard-\*\.xml"$/],
    ['a missing report file', ['--junit', 'outcomes.xml', 'shard-2.xml'], 1, /^split-plan: error: --junit: \S*shard-2\.xml does not exist$/],
    [
      'a broken durations file',
      ['--junit', 'outcomes.xml', '--durations', 'bad.json'],
      1,
      /^split-plan: error: \S*bad\.json: legacy durations entry 0 must be a \[nodeid, seconds\] pair$/,
    ],
    [
      '--collected with --complete-run',
      ['--junit', 'outcomes.xml', '--collected', 'outcomes.collected.txt', '--complete-run'],
      2,
      /^split-plan: error: use --collected or --complete-run, not both/,
    ],
    [
      'an unknown smoothing',
      ['--junit', 'outcomes.xml', '--smoothing', 'mean'],
      2,
      /^split-plan: error: --smoothing must be one of pace, ema, replace, got "mean"$/,
    ],
    ['alpha out of range', ['--junit', 'outcomes.xml', '--alpha', '1.5'], 2, /^split-plan: error: --alpha must be a number above 0 and at most 1, got "1\.5"$/],
    [
      'a negative --min-change',
      ['--junit', 'outcomes.xml', '--min-change', '-1'],
      2,
      /^split-plan: error: --min-change must be a non-negative number of seconds/,
    ],
    ['no --junit', [], 2, /^split-plan: error: Missing required argument: junit\b/],
  ])('%s', (_name, args, status, message) => {
    const r = cli(['refresh', ...args]);
    expect(r.status).toBe(status);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });
});

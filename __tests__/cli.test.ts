/** The built CLI (dist/cli.js) run as a user runs it: outputs, determinism, and bad input. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from './helpers/paths.js';

const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');

function cli(args: string[], cwd = repoRoot, input?: string) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', input, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'split-plan-cli-'));
});

describe('split-plan (plan)', () => {
  it('plans the committed demo data and prints a summary on stderr', () => {
    const r = cli(['--durations', demo, '--splits', '4', '--no-discover']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^split-plan: 1105 tests \(0 estimated\) in 4 shards/);
    expect(r.stderr).toMatch(/slowest shard [\d.]+ s, lower bound [\d.]+ s/);
  });

  it('writes the plan, the matrix and args files that agree with each other', () => {
    const out = join(tmp, 'plan');
    const r = cli([
      '--durations',
      demo,
      '--splits',
      '3',
      '--json',
      join(out, 'plan.json'),
      '--matrix',
      join(out, 'matrix.json'),
      '--args-dir',
      join(out, 'args'),
      '--quiet',
      '--no-discover',
    ]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan).toMatchObject({ version: 1, splits: 3, granularity: 'auto', algorithm: 'balanced' });
    expect(JSON.parse(readFileSync(join(out, 'matrix.json'), 'utf8'))).toEqual({
      include: [1, 2, 3].map((group) => ({ group, splits: 3 })),
    });
    expect(readdirSync(join(out, 'args')).sort()).toEqual(['group-1.args', 'group-2.args', 'group-3.args']);
    for (const shard of plan.shards) {
      const lines = readFileSync(join(out, 'args', `group-${shard.group}.args`), 'utf8')
        .split('\n')
        .slice(0, -1);
      expect(lines).toEqual(shard.selectors);
      const printed = cli(['--durations', demo, '--splits', '3', '--group', String(shard.group), '--pytest-args', '-', '--quiet', '--no-discover']);
      expect(printed.stdout.split('\n').slice(0, -1)).toEqual(shard.selectors);
    }
    const all: string[] = plan.shards.flatMap((s: { tests: string[] }) => s.tests);
    expect(new Set(all).size).toBe(1105);
    expect(all.length).toBe(1105);
  });

  it('gives the same bytes for shuffled keys, CRLF line ends and the legacy list format', () => {
    const data = JSON.parse(readFileSync(demo, 'utf8')) as Record<string, number>;
    const entries = Object.entries(data);
    const reversed = Object.fromEntries(entries.slice().reverse());
    writeFileSync(join(tmp, 'rev.json'), JSON.stringify(reversed, null, 2).replace(/\n/g, '\r\n'));
    writeFileSync(join(tmp, 'legacy.json'), JSON.stringify(entries.slice(100).concat(entries.slice(0, 100))));
    const a = cli(['--durations', demo, '--splits', '5', '--json', '-', '--quiet', '--no-discover']);
    const b = cli(['--durations', join(tmp, 'rev.json'), '--splits', '5', '--json', '-', '--quiet', '--no-discover']);
    const c = cli(['--durations', join(tmp, 'legacy.json'), '--splits', '5', '--json', '-', '--quiet', '--no-discover']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });

  it('reads .test_durations from the working directory by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-default-'));
    writeFileSync(join(dir, '.test_durations'), JSON.stringify({ 'tests/test_a.py::test_x': 1, 'tests/test_b.py::test_y': 2 }));
    const r = cli(['--splits', '2', '--matrix', '-', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      include: [
        { group: 1, splits: 2 },
        { group: 2, splits: 2 },
      ],
    });
  });

  it('plans a test file on disk that no timing names, whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-discover-'));
    writeFileSync(join(dir, '.test_durations'), JSON.stringify({ 'tests/test_a.py::test_x': 1 }));
    for (const f of ['tests/test_a.py', 'tests/test_new.py', 'tests/helpers.py', 'tests/sub/util_test.py', 'node_modules/x/test_no.py', '.venv/test_no.py']) {
      const p = join(dir, f);
      spawnSync('mkdir', ['-p', join(p, '..')]);
      writeFileSync(p, '');
    }
    const r = cli(['--splits', '2', '--json', '-'], dir);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.shards.flatMap((s: { selectors: string[] }) => s.selectors).sort()).toEqual(['tests/sub/util_test.py', 'tests/test_a.py', 'tests/test_new.py']);
    expect(r.stderr).toMatch(/2 test file\(s\) on disk have no timing and are planned whole/);
  });

  it('outside the suite checkout (no timed file on disk), test files on disk are not the suite: none is added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-discover-'));
    writeFileSync(join(dir, '.test_durations'), JSON.stringify({ 'tests/test_a.py::test_x': 1, 'tests/test_b.py::test_y': 1 }));
    mkdirSync(join(dir, 'other'), { recursive: true });
    writeFileSync(join(dir, 'other', 'test_unrelated.py'), '');
    const r = cli(['--splits', '2', '--json', '-'], dir);
    expect(r.code).toBe(0);
    expect(
      JSON.parse(r.stdout)
        .shards.flatMap((s: { selectors: string[] }) => s.selectors)
        .sort(),
    ).toEqual(['tests/test_a.py', 'tests/test_b.py']);
    expect(r.stderr).not.toMatch(/on disk have no timing/);
  });
});

describe('the shard plugin directory', () => {
  /** A checkout: test_big.py (cut across 2 shards), test_small.py; rootdir `suite`. */
  function checkout(): string {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-plugin-cli-'));
    const timings: Record<string, number> = { 'tests/test_small.py::test_s': 1 };
    for (let i = 0; i < 6; i++) timings[`tests/test_big.py::test_b${i}`] = 3;
    writeFileSync(join(dir, 'd.json'), JSON.stringify(timings));
    mkdirSync(join(dir, 'suite', 'tests'), { recursive: true });
    for (const f of ['test_big.py', 'test_small.py']) writeFileSync(join(dir, 'suite', 'tests', f), '');
    return dir;
  }
  const base = ['--durations', 'd.json', '--splits', '2', '--rootdir', 'suite', '--quiet'];

  it.each([
    ['--pytest-args to stdout', ['--group', '2', '--pytest-args', '-']],
    ['--shell to stdout', ['--group', '2', '--shell', '-']],
    ['--pytest-args to a file', ['--group', '2', '--pytest-args', 'g2.args']],
  ])("%s also writes the group's plugin directory under --rootdir, with the bytes --args-dir writes", (_name, flags) => {
    const dir = checkout();
    const r = cli([...base, ...flags], dir);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const [, g2] = readdirSync(join(dir, 'suite', '.split-plan')).sort();
    expect(readdirSync(join(dir, 'suite', '.split-plan')).sort()).toEqual(['.gitignore', g2]);
    expect(g2).toMatch(/^group-2-[0-9a-f]{16}$/);
    expect(readdirSync(join(dir, 'suite', '.split-plan', g2 as string)).sort()).toEqual(['conftest.py', 'shard.json']);
    const other = checkout();
    expect(cli([...base, '--args-dir', 'args'], other).code).toBe(0);
    for (const f of ['conftest.py', 'shard.json']) {
      expect(readFileSync(join(dir, 'suite', '.split-plan', g2 as string, f), 'utf8')).toBe(
        readFileSync(join(other, 'suite', '.split-plan', g2 as string, f), 'utf8'),
      );
    }
    expect(readFileSync(join(other, 'args', 'group-2.args'), 'utf8').split('\n')[0]).toBe(`.split-plan/${g2}`);
    if (flags.includes('--shell')) expect(r.stdout).toBe(`pytest -- .split-plan/${g2} tests/test_big.py\n`);
  });

  it('--json alone writes no plugin directory', () => {
    const dir = checkout();
    expect(cli([...base, '--json', 'plan.json'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'suite', '.split-plan'))).toBe(false);
  });
});

describe('files on disk', () => {
  function tree(files: string[], timings: Record<string, number>, collected?: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-disk-'));
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    writeFileSync(join(dir, '.test_durations'), JSON.stringify(timings));
    if (collected) writeFileSync(join(dir, 'collected.txt'), collected.join('\n') + '\n');
    return dir;
  }
  const selectorsOf = (stdout: string): string[] => (JSON.parse(stdout) as { shards: { selectors: string[] }[] }).shards.flatMap((s) => s.selectors).sort();

  it('a timed file that is gone from the checkout is left out, with a warning; --no-discover keeps it', () => {
    const dir = tree(['tests/test_a.py'], { 'tests/test_a.py::t': 1, 'tests/test_gone.py::t1': 1, 'tests/test_gone.py::t2': 1 });
    const r = cli(['--splits', '1', '--json', '-'], dir);
    expect(r.code).toBe(0);
    expect(selectorsOf(r.stdout)).toEqual(['tests/test_a.py']);
    expect(r.stderr).toContain('warning: 1 timed file(s) no longer exist under the rootdir; their 2 test(s) were left out: tests/test_gone.py');
    expect(JSON.parse(r.stdout).staleEntries).toBe(2);
    expect(selectorsOf(cli(['--splits', '1', '--json', '-', '--no-discover'], dir).stdout)).toEqual(['tests/test_a.py', 'tests/test_gone.py']);
  });

  it('outside the checkout (no timed file on disk) every timed file is planned', () => {
    const dir = tree([], { 'tests/test_a.py::t': 1, 'tests/test_b.py::t': 1 });
    const r = cli(['--splits', '1', '--json', '-'], dir);
    expect(selectorsOf(r.stdout)).toEqual(['tests/test_a.py', 'tests/test_b.py']);
    expect(r.stderr).not.toContain('no longer exist');
  });

  it('with a collected list, the list is the truth: a test file on disk it does not name is not planned; a named file that is gone is left out', () => {
    const dir = tree(['tests/test_a.py', 'tests/sub/test_new.py', 'scripts/test_deploy.py'], {}, ['tests/test_a.py::t', 'tests/test_deleted.py::t']);
    const r = cli(['--splits', '1', '--collected', 'collected.txt', '--json', '-'], dir);
    expect(r.code).toBe(0);
    expect(selectorsOf(r.stdout)).toEqual(['tests/test_a.py']);
    expect(r.stderr).not.toContain('test_new.py');
    expect(r.stderr).toContain('1 collected file(s) no longer exist under the rootdir; their 1 test(s) were left out: tests/test_deleted.py');
  });
});

describe('node ids never reach the terminal as raw lines', () => {
  it('escapes a line break inside an id in the summary, so it cannot forge a workflow command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-plan-inject-'));
    const ids = ['tests/a.py::t[x\n::warning::injected]', 'tests/b.py::t'];
    writeFileSync(join(dir, 'd.json'), JSON.stringify(Object.fromEntries(ids.map((id) => [id, 1]))));
    writeFileSync(join(dir, 'collected.txt'), 'tests/b.py::t\ntests/c.py::u\n');
    const r = cli(['--durations', 'd.json', '--collected', 'collected.txt', '--splits', '2', '--no-discover'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('t[x\\n::warning::injected]');
    expect(r.stderr.split('\n').some((l) => l.startsWith('::'))).toBe(false);
  });
});

describe('bad input: one line naming the input, the right exit code, nothing written', () => {
  beforeAll(() => {
    writeFileSync(join(tmp, 'bad.json'), '{"tests/a.py::t": 1,');
    writeFileSync(join(tmp, 'neg.json'), '{"tests/a.py::t": -3}');
    writeFileSync(join(tmp, 'str.json'), '{"tests/a.py::t": "slow"}');
    writeFileSync(join(tmp, 'ok.json'), '{"tests/a.py::t": 1}');
  });
  it.each([
    [['--splits', '0', '--durations', 'ok.json'], 2, '--splits must be an integer from 1 to 256, got "0"'],
    [['--splits', '257', '--durations', 'ok.json'], 2, '--splits must be an integer from 1 to 256, got "257"'],
    [['--splits', 'abc', '--durations', 'ok.json'], 2, '--splits must be an integer from 1 to 256, got "abc"'],
    [['--durations', 'ok.json'], 2, 'Missing required argument: splits'],
    [['--splits', '2', '--durations', 'ok.json', '--bogus'], 2, 'Unknown argument: bogus'],
    [['--splits', '2', '--durations', 'ok.json', '--granularity', 'module'], 2, '--granularity must be one of auto, file, class, test, got "module"'],
    [['--splits', '2', '--durations', 'missing.json'], 1, '--durations: ' + '%TMP%/missing.json does not exist'],
    [['--splits', '2', '--durations', 'bad.json'], 1, 'bad.json: invalid JSON'],
    [['--splits', '2', '--durations', 'neg.json'], 1, 'duration of "tests/a.py::t" must be a non-negative number of seconds, got -3'],
    [['--splits', '2', '--durations', 'str.json'], 1, 'got "slow"'],
    [['--splits', '2', '--durations', '.'], 1, 'is a directory, expected a file'],
    [['--splits', '4', '--durations', 'ok.json', '--group', '5', '--pytest-args', '-'], 2, '--group must be an integer from 1 to 4, got "5"'],
    [['--splits', '2', '--durations', 'ok.json', '--group', '2', '--pytest-args', '-'], 1, 'group 2 has no tests to run'],
    [['--splits', '2', '--durations', 'ok.json', '--together', ' '], 2, '--together: a pattern must not be empty'],
    [['--splits', 'auto', '--durations', 'ok.json', '--max-splits', '0'], 2, '--max-splits must be an integer from 1 to 256, got "0"'],
    [['--splits', '2', '--durations', 'ok.json', '--target-seconds', '60'], 2, '--target-seconds only applies with --splits auto'],
  ])('%j exits %i', (args, code, message) => {
    const target = join(tmp, `out-${code}-${args.join('_').replace(/[^a-z0-9]/gi, '')}.json`);
    const r = cli([...args, '--json', target, '--no-discover'], tmp);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message.replace('%TMP%', tmp));
    expect(lines[0]).toMatch(/^split-plan: error: /);
    expect(existsSync(target)).toBe(false);
  });
});

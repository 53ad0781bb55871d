/**
 * The built CLI (dist/cli.js) on bad and odd inputs (fixtures/bad, plus big or special files made
 * here): exit 1 (2 for usage), ONE stderr line `split-plan: error: ` naming the input and what is
 * wrong, no stack trace unless --verbose, and no output file created or changed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFile,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { InputError } from '../src/core/errors.js';
import { MAX_TAG_CHARS, parseJUnit } from '../src/formats/junit.js';
import { describeWithPytest, PYTHON } from './helpers/needs.js';
import { cliPath, repoRoot } from './helpers/paths.js';

const BAD = join(repoRoot, '__tests__', 'fixtures', 'bad');
const bad = (rel: string): string => join(BAD, rel);
const SENTINEL = 'written before the run; a failed run must leave it as it is\n';
const A = 'tests/test_a.py::test_one';
const B = 'tests/test_b.py::test_two';
/** An unprivileged user for the permission case when the tests run as root (root reads mode 000). */
const NOBODY = 65534;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], opts: SpawnSyncOptions = {}): Run {
  const entry = opts.uid === undefined ? cliPath : cliForOtherUser();
  const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Every file under `dir` with its bytes (as base64), to compare a directory before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A fresh directory holding outputs that already exist, with known content. */
function workDir(): { dir: string; out: (name: string) => string } {
  const dir = mkdtempSync(join(tmp, 'work-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'args'));
  for (const f of ['plan.json', 'matrix.json', 'args/group-1.args', 'shell.txt', 'durations.out']) writeFileSync(join(dir, f), SENTINEL);
  copyFileSync(bad('durations/ok-compact.test_durations'), join(dir, 'stored.test_durations'));
  return { dir, out: (name) => join(dir, name) };
}

type Command = 'plan' | 'refresh' | 'verify';

/** Adds the command's outputs (all pre-existing) to `args`. */
function withOutputs(command: Command, args: readonly string[], out: (name: string) => string): string[] {
  switch (command) {
    case 'plan':
      return [...args, '--json', out('plan.json'), '--matrix', out('matrix.json'), '--args-dir', out('args')];
    case 'refresh': {
      const hasDurations = args.includes('--durations');
      return ['refresh', ...args, ...(hasDurations ? [] : ['--durations', out('stored.test_durations')]), '--output', out('durations.out')];
    }
    case 'verify':
      return ['verify', ...args];
  }
}

/** An expected message: the exact text after `split-plan: error: `, or a pattern for it. */
type Expected = string | RegExp;
/** In tables: exact text or a prefix (for V8's JSON.parse wording, which varies by Node version), with `{path}`. */
type Message = string | { prefix: string };
const prefix = (text: string): Message => ({ prefix: text });
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expected(message: Message, path: string): Expected {
  if (typeof message === 'string') return message.replaceAll('{path}', path);
  return new RegExp('^' + escapeRe(message.prefix.replaceAll('{path}', path)));
}

/**
 * Runs a failing case and checks the whole contract. Returns the message for further checks.
 * `message` may hold `{path}`, replaced by `path`.
 */
function expectFailure(command: Command, args: readonly string[], code: number, message: Expected, opts: SpawnSyncOptions = {}): string {
  const { dir, out } = workDir();
  const before = snapshot(dir);
  const r = cli(withOutputs(command, args, out), { cwd: dir, ...opts });
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code, stdout: '' });
  expect(r.stderr.endsWith('\n')).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  const line = lines[0] as string;
  expect(line).toMatch(/^split-plan: error: /);
  // Escaped, never raw: a hostile input cannot add lines or terminal codes to the log.
  expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(line).not.toMatch(/\bat .*\.js:\d+/);
  const text = line.slice('split-plan: error: '.length);
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
  expect(snapshot(dir)).toEqual(before);
  return text;
}

let tmp: string;

/**
 * The built CLI as another user can run it: a copy of dist/ in the world-readable temporary folder,
 * because the clone itself may sit in a folder only its owner can enter (mktemp -d's, root's home).
 */
function cliForOtherUser(): string {
  const dir = join(tmp, 'cli-for-other-user');
  if (!existsSync(dir)) {
    cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  }
  return join(dir, 'dist', 'cli.js');
}

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'npm run build' first`);
  tmp = mkdtempSync(join(tmpdir(), 'split-plan-bad-'));
  chmodSync(tmp, 0o755);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const FLAG_OF: Record<string, string> = { durations: '--durations', junit: '--junit', collected: '--collected' };
const PLAN = ['--splits', '2', '--no-discover'];
const INVALID_JSON = prefix('{path}: invalid JSON: ');

/** [fixture, exit code, message after `split-plan: error: `; `{path}` is the fixture's absolute path] */
const PLAN_CASES: [string, number, Message][] = [
  ['durations/empty.test_durations', 1, '{path}: durations file is empty'],
  ['durations/whitespace-only.test_durations', 1, '{path}: durations file is empty'],
  ['durations/truncated.test_durations', 1, INVALID_JSON],
  ['durations/root-number.test_durations', 1, '{path}: durations must be a JSON object of {nodeid: seconds}, got number'],
  ['durations/root-string.test_durations', 1, '{path}: durations must be a JSON object of {nodeid: seconds}, got string'],
  ['durations/root-null.test_durations', 1, '{path}: durations must be a JSON object of {nodeid: seconds}, got null'],
  ['durations/list-of-numbers.test_durations', 1, '{path}: legacy durations entry 0 must be a [nodeid, seconds] pair'],
  ['durations/legacy-number-id.test_durations', 1, '{path}: node id must be a non-empty string, got 1'],
  ['durations/nan.test_durations', 1, INVALID_JSON],
  ['durations/infinity.test_durations', 1, INVALID_JSON],
  ['durations/overflow.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got Infinity`],
  ['durations/negative.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got -1.5`],
  ['durations/string-duration.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got "1.5"`],
  ['durations/null-duration.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got null`],
  ['durations/bool-duration.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got true`],
  ['durations/object-duration.test_durations', 1, `{path}: duration of "${A}" must be a non-negative number of seconds, got {"seconds":1.5}`],
  ['durations/duplicate-key.test_durations', 1, `{path}: node id "${A}" appears twice`],
  ['durations/empty-key.test_durations', 1, '{path}: node id must be a non-empty string, got ""'],
  ['durations/latin1.test_durations', 1, '--durations: {path} is not valid UTF-8 text'],
  ['durations/utf16.test_durations', 1, '--durations: {path} is not valid UTF-8 text'],
  ['durations/nul-bytes.test_durations', 1, INVALID_JSON],
  ['junit/empty.xml', 1, '{path}: file is empty, expected JUnit XML'],
  ['junit/truncated.xml', 1, "{path}: not well-formed XML at line 5, column 14: Attributes for 'testcase' have open quote."],
  ['junit/billion-laughs.xml', 1, '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
  ['junit/xxe-file.xml', 1, '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
  ['junit/xxe-external-dtd.xml', 1, '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
  ['junit/parameter-entity.xml', 1, '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
  ['junit/html-root.xml', 1, '{path}: root element is <html>, expected <testsuites> or <testsuite>'],
  ['junit/not-xml.xml', 1, "{path}: not well-formed XML at line 1, column 1: char 't' is not expected."],
  ['junit/json.xml', 1, "{path}: not well-formed XML at line 1, column 1: char '{' is not expected."],
  ['junit/nan-time.xml', 1, '{path}: testcase "tests.test_a::test_one" has invalid time "NaN" (expected a finite number >= 0)'],
  ['junit/negative-time.xml', 1, '{path}: testcase "tests.test_a::test_one" has invalid time "-0.5" (expected a finite number >= 0)'],
  ['junit/overflow-time.xml', 1, '{path}: testcase "tests.test_a::test_one" has invalid time "1e999" (expected a finite number >= 0)'],
  ['junit/word-time.xml', 1, '{path}: testsuite "pytest" has invalid time "fast" (expected a finite number >= 0)'],
  ['junit/two-roots.xml', 1, '{path}: not well-formed XML at line 2, column 20: Multiple possible root nodes found.'],
  [
    'junit/mismatched-tags.xml',
    1,
    "{path}: not well-formed XML at line 4, column 1: Expected closing tag 'testsuite' (opened in line 2, col 1) instead of closing tag 'testsuites'.",
  ],
  ['junit/latin1.xml', 1, '--junit: {path} is not valid UTF-8 text'],
  ['collected/empty.txt', 1, "{path}: no node ids found (expected the output of 'pytest --collect-only -q')"],
  ['collected/summary-only.txt', 1, "{path}: no node ids found (expected the output of 'pytest --collect-only -q')"],
  ['collected/qq.txt', 1, "{path}: looks like 'pytest --collect-only -qq' output (file: count); use a single -q so every node id is listed"],
  ['collected/durations-json.txt', 1, "{path}: looks like JSON (a durations file?), expected the output of 'pytest --collect-only -q'"],
  ['collected/junit-xml.txt', 1, "{path}: looks like XML (a JUnit report?), expected the output of 'pytest --collect-only -q'"],
  ['collected/pytest-error.txt', 1, '{path}: pytest reported an error, not a node id: "ERROR: file or directory not found: tests/test_gone.py"'],
  ['collected/nul-bytes.txt', 1, "{path}: line 2 holds a NUL byte (binary data?), expected the output of 'pytest --collect-only -q'"],
  ['collected/latin1.txt', 1, '--collected: {path} is not valid UTF-8 text'],
];

describe('plan: each committed bad input', () => {
  it.each(PLAN_CASES)('%s exits %i', (fixture, code, message) => {
    const path = bad(fixture);
    const flag = FLAG_OF[fixture.split('/')[0] as string] as string;
    expectFailure('plan', [flag, path, ...PLAN], code, expected(message, path));
  });

  it('covers every committed bad fixture (each file is in a table)', () => {
    const elsewhere = ['escape-in-id', 'newline-in-id', 'formfeed-in-id', 'escape-in-path'].map((n) => `durations/${n}.test_durations`);
    const listed = new Set([...PLAN_CASES.map((c) => c[0]), ...OUTPUT_CASES.map((c) => c[0]), ...PLAN_FILE_CASES.map((c) => c[0]), ...elsewhere]);
    const committed = ['durations', 'junit', 'collected', 'plan'].flatMap((d) => readdirSync(bad(d)).map((f) => `${d}/${f}`));
    expect(committed.filter((f) => !f.split('/')[1]?.startsWith('ok-') && !listed.has(f))).toEqual([]);
  });
});

describe('refresh and verify: the same inputs, the same contract (stored durations untouched)', () => {
  it.each([
    ['junit/billion-laughs.xml', '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
    ['junit/truncated.xml', "{path}: not well-formed XML at line 5, column 14: Attributes for 'testcase' have open quote."],
    ['junit/nan-time.xml', '{path}: testcase "tests.test_a::test_one" has invalid time "NaN" (expected a finite number >= 0)'],
    ['junit/latin1.xml', '--junit: {path} is not valid UTF-8 text'],
  ])('refresh --junit %s', (fixture, message) => {
    const path = bad(fixture);
    expectFailure('refresh', ['--junit', path], 1, message.replaceAll('{path}', path));
  });

  it.each<[string, Message]>([
    ['durations/nan.test_durations', INVALID_JSON],
    ['durations/duplicate-key.test_durations', `{path}: node id "${A}" appears twice`],
    ['durations/utf16.test_durations', '--durations: {path} is not valid UTF-8 text'],
  ])('refresh --durations %s (a broken stored file is refused, not overwritten)', (fixture, message) => {
    const { dir } = workDir();
    const stored = join(dir, 'broken.test_durations');
    copyFileSync(bad(fixture), stored);
    const r = cli(['refresh', '--junit', bad('junit/ok-bom-crlf.xml'), '--durations', stored], { cwd: dir });
    expect(r.code).toBe(1);
    const line = r.stderr.trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    const want = expected(message, stored);
    if (typeof want === 'string') expect(line).toBe(`split-plan: error: ${want}`);
    else expect(line.slice('split-plan: error: '.length)).toMatch(want);
    expect(readFileSync(stored)).toEqual(readFileSync(bad(fixture)));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['collected/qq.txt', "{path}: looks like 'pytest --collect-only -qq' output (file: count); use a single -q so every node id is listed"],
    ['collected/nul-bytes.txt', "{path}: line 2 holds a NUL byte (binary data?), expected the output of 'pytest --collect-only -q'"],
  ])('refresh --collected %s', (fixture, message) => {
    const path = bad(fixture);
    expectFailure('refresh', ['--junit', bad('junit/ok-bom-crlf.xml'), '--collected', path], 1, message.replaceAll('{path}', path));
  });

  it('refresh --junit with a pattern that matches nothing', () => {
    expectFailure('refresh', ['--junit', 'reports/*.xml'], 1, '--junit: no files match "reports/*.xml"');
  });

  it.each([
    ['junit/xxe-file.xml', '{path}: DOCTYPE/entities are not allowed in JUnit XML'],
    [
      'junit/mismatched-tags.xml',
      "{path}: not well-formed XML at line 4, column 1: Expected closing tag 'testsuite' (opened in line 2, col 1) instead of closing tag 'testsuites'.",
    ],
  ])('verify --junit %s', (fixture, message) => {
    const path = bad(fixture);
    expectFailure('verify', ['--plan', goodPlan(), '--junit', path], 1, message.replaceAll('{path}', path));
  });
});

/** A valid plan of the two fixture tests, for verify. */
function goodPlan(): string {
  const path = join(tmp, 'good-plan.json');
  if (!existsSync(path)) {
    const r = cli(['--durations', bad('durations/ok-compact.test_durations'), ...PLAN, '--json', path, '--quiet']);
    expect(r.code).toBe(0);
  }
  return path;
}

/** [fixture, message]: plan files read by `verify --plan`; `{path}` is as given on the command line. */
const PLAN_FILE_CASES: [string, Message][] = [
  ['plan/empty.json', prefix('{path}: invalid plan JSON: ')],
  ['plan/truncated.json', prefix('{path}: invalid plan JSON: ')],
  ['plan/version-2.json', '{path}: not a split-plan plan (version 1): /version must be equal to constant'],
  ['plan/shards-mismatch.json', '{path}: plan has 2 shards numbered out of order for splits 3'],
  ['plan/splits-too-many.json', '{path}: not a split-plan plan (version 1): /splits must be <= 256'],
  ['plan/durations-instead.json', "{path}: not a split-plan plan (version 1): (root) must have required property 'version'"],
  ['plan/plugin-dir-escapes.json', '{path}: group 1: pluginDir must be .split-plan/group-1-<16 hex digits> and its first selector, got "../../.bashrc.d"'],
  ['plan/cut-file-without-plugin.json', '{path}: cut file "tests/test_a.py": group 2 runs part of it but has no pluginDir'],
  ['plan/cut-file-owner-outside.json', '{path}: cut file "tests/test_a.py": owner 3 is not one of its groups'],
];

describe('verify --plan: each committed bad plan', () => {
  it.each(PLAN_FILE_CASES)('%s', (fixture, message) => {
    const path = bad(fixture);
    expectFailure('verify', ['--plan', path, '--junit', bad('junit/ok-bom-crlf.xml')], 1, expected(message, path));
  });
});

/** [fixture, extra flags, message]: inputs that plan, but whose ids an output cannot carry. */
const OUTPUT_CASES: [string, string[], Expected][] = [
  [
    'durations/newline-in-path.test_durations',
    [],
    /^group [12]: node id "tests\/test_a\\nb\.py" contains a line break \(U\+000A\), which pytest cannot take as an argument$/,
  ],
  [
    'durations/formfeed-in-path.test_durations',
    [],
    /^group [12]: node id "tests\/test_a\\fb\.py" contains a line break \(U\+000C\), which pytest cannot take as an argument$/,
  ],
  ['durations/dash-id.test_durations', [], /^group [12]: node id "-p no:cacheprovider" starts with '-', which pytest would read as an option or args file$/],
  ['durations/at-id.test_durations', [], /^group [12]: node id "@\/etc\/passwd" starts with '@', which pytest would read as an option or args file$/],
];

describe('outputs refuse node ids pytest could not take as one argument', () => {
  it.each(OUTPUT_CASES)('%s %j', (fixture, extra, message) => {
    expectFailure('plan', ['--durations', bad(fixture), ...PLAN, ...extra], 1, message);
  });

  it.each(['newline-in-id', 'formfeed-in-id', 'escape-in-id'])(
    '%s: an id whose parameters no argument could carry plans and runs: args files hold files, ids travel as data in shard.json',
    (name) => {
      const { dir } = workDir();
      const r = cli(
        ['--durations', bad(`durations/${name}.test_durations`), ...PLAN, '--granularity', 'test', '--args-dir', 'args', '--json', 'plan.json', '--quiet'],
        { cwd: dir },
      );
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
        shards: { group: number; tests: string[]; selectors: string[]; pluginDir?: string }[];
      };
      const odd = plan.shards.flatMap((s) => s.tests).find((id) => id.startsWith(`${A}[`)) as string;
      expect(odd).toMatch(/[\n\f\u001b]/);
      const holder = plan.shards.find((s) => s.tests.includes(odd)) as { group: number; selectors: string[]; pluginDir: string };
      expect(holder.selectors.slice(0, 2)).toEqual([holder.pluginDir, 'tests/test_a.py']);
      expect(holder?.selectors.some((s) => s.includes('[') || /[\n\f\u001b]/.test(s))).toBe(false);
      const sidecar = JSON.parse(readFileSync(join(dir, holder.pluginDir, 'shard.json'), 'utf8')) as { files: Record<string, { mine: string[] }> };
      expect(sidecar.files['tests/test_a.py']?.mine).toContain(odd);
    },
  );

  it('--shell refuses a control character in a file path that an args file carries verbatim', () => {
    const fixture = bad('durations/escape-in-path.test_durations');
    const args = ['--durations', fixture, ...PLAN];
    const plan = JSON.parse(cli([...args, '--json', '-', '--quiet']).stdout) as { shards: { group: number; selectors: string[] }[] };
    const holder = plan.shards.find((s) => s.selectors.some((x) => x.includes('\u001b')));
    expect(holder).toBeDefined();
    const group = ['--group', String(holder?.group)];
    const viaFile = cli([...args, ...group, '--pytest-args', '-', '--quiet']);
    expect(viaFile.code).toBe(0);
    expect(viaFile.stdout.split('\n')).toContain('tests/test_\u001bred.py');
    expectFailure(
      'plan',
      [...args, ...group, '--shell', 'shell.txt'],
      1,
      `group ${holder?.group}: node id "tests/test_\\u001bred.py" contains a control character, which a shell line should not carry; use --pytest-args FILE and run 'pytest @FILE' instead`,
    );
  });
});

describe('the file system: missing, wrong kind, unreadable, huge', () => {
  let d: string;
  beforeAll(() => {
    d = mkdtempSync(join(tmp, 'fs-'));
    chmodSync(d, 0o755);
    writeFileSync(join(d, 'regular.json'), '{}');
    mkdirSync(join(d, 'a-directory.test_durations'));
    symlinkSync('loop-b', join(d, 'loop-a'));
    symlinkSync('loop-a', join(d, 'loop-b'));
    symlinkSync('nowhere.json', join(d, 'dangling.json'));
    writeFileSync(join(d, 'mode-000.test_durations'), readFileSync(bad('durations/ok-compact.test_durations')));
    chmodSync(join(d, 'mode-000.test_durations'), 0o000);
    // Sparse: 600 MiB by size, no disk used; refused by its size before any byte is read.
    const fd = openSync(join(d, 'sparse-600MiB.test_durations'), 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
  });

  it.each([
    ['--durations', 'missing.test_durations', '--durations: {path} does not exist'],
    ['--durations', 'a-directory.test_durations', '--durations: {path} is a directory, expected a file'],
    ['--durations', 'regular.json/child.json', '--durations: {path} does not exist (a parent of it is not a directory)'],
    ['--durations', 'loop-a', '--durations: {path} cannot be read (too many levels of symbolic links)'],
    ['--durations', 'dangling.json', '--durations: {path} does not exist'],
    ['--durations', 'sparse-600MiB.test_durations', '--durations: {path} is 600 MiB, over the 512 MiB limit'],
    ['--junit', 'missing.xml', '--junit: {path} does not exist'],
    ['--junit', 'a-directory.test_durations', '--junit: {path} is a directory, expected a file'],
  ])('%s %s', (flag, name, message) => {
    const path = join(d, name);
    expectFailure('plan', [flag, path, ...PLAN], 1, message.replaceAll('{path}', path));
  });

  it('--collected names the path as given, relative or not', () => {
    expectFailure('plan', ['--collected', 'no/such/collected.txt', ...PLAN], 1, /^--collected: \/.*\/no\/such\/collected\.txt does not exist$/);
  });

  it.each(['--durations', '--junit', '--collected'])('%s /dev/zero is refused as a device, not read forever', (flag) => {
    if (!existsSync('/dev/zero')) return;
    expectFailure('plan', [flag, '/dev/zero', ...PLAN], 1, `${flag}: /dev/zero is a device, expected a file`, { timeout: 20_000 });
  });

  it('a file without read permission: permission denied (as an unprivileged user when run as root)', () => {
    const path = join(d, 'mode-000.test_durations');
    const asRoot = process.getuid?.() === 0;
    const opts: SpawnSyncOptions = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
    expectFailure('plan', ['--durations', path, ...PLAN], 1, `--durations: ${path} cannot be read (permission denied)`, opts);
    if (asRoot) {
      // What root itself sees, stated honestly: mode 000 does not stop root, so the file plans.
      expect(cli(['--durations', path, ...PLAN, '--quiet']).code).toBe(0);
    }
  });

  it('a named pipe is read to its end, as with --collected <(pytest --collect-only -q)', async () => {
    const fifo = join(d, 'collected.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [cliPath, '--collected', fifo, ...PLAN, '--json', '-', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    // Opening a pipe for writing waits for its reader: the CLI.
    await new Promise<void>((done, fail) => writeFile(fifo, `${A}\n${B}\n\n2 tests collected in 0.01s\n`, (e) => (e ? fail(e) : done())));
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout).tests).toBe(2);
  });
});

describe('100 MB inputs: a clear error or a plan, never a crash', () => {
  let d: string;
  const MB100 = 100_000_000;
  beforeAll(() => {
    d = mkdtempSync(join(tmp, 'big-'));
  });
  afterAll(() => {
    rmSync(d, { recursive: true, force: true });
  });

  it.each(['--durations', '--junit', '--collected'])('100 MB of random bytes as %s: not valid UTF-8', (flag) => {
    const path = join(d, 'random.bin');
    if (!existsSync(path)) {
      const bytes = randomBytes(MB100);
      bytes[0] = 0xff; // never UTF-8, whatever the random bytes are
      writeFileSync(path, bytes);
    }
    expectFailure('plan', [flag, path, ...PLAN], 1, `${flag}: ${path} is not valid UTF-8 text`);
  });

  it('100 MB of one letter as --durations: invalid JSON', () => {
    const path = join(d, 'letters.test_durations');
    writeFileSync(path, Buffer.alloc(MB100, 'a'));
    expectFailure('plan', ['--durations', path, ...PLAN], 1, expected(INVALID_JSON, path));
    rmSync(path);
  });

  it('100 MB XML whose one attribute is the whole file: refused before the XML validator takes gigabytes', () => {
    const path = join(d, 'one-attribute.xml');
    const head = '<testsuites><testsuite name="';
    const tail = '"></testsuite></testsuites>\n';
    const buf = Buffer.alloc(MB100, 'x');
    buf.write(head, 0);
    buf.write(tail, MB100 - tail.length);
    writeFileSync(path, buf);
    const started = Date.now();
    expectFailure(
      'plan',
      ['--junit', path, ...PLAN],
      1,
      `${path}: the <testsuite> tag at line 1 is 95 MiB long, over the 4 MiB limit for one element (attributes that large are not a test report)`,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    rmSync(path);
  });

  it('99 MB of valid durations (three 33 MB node ids) plans', () => {
    const path = join(d, 'huge-ids.test_durations');
    const long = 'x'.repeat(33_000_000);
    writeFileSync(path, JSON.stringify({ [`tests/test_0.py::t${long}`]: 1, [`tests/test_1.py::t${long}`]: 2, [`tests/test_2.py::t${long}`]: 3 }));
    const r = cli(['--durations', path, ...PLAN, '--matrix', '-', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      include: [
        { group: 1, splits: 2 },
        { group: 2, splits: 2 },
      ],
    });
    rmSync(path);
  });

  it('XML nested 5,000 deep: refused by depth', () => {
    const path = join(d, 'deep.xml');
    writeFileSync(path, '<testsuites>' + '<testsuite name="n">'.repeat(5000) + '</testsuite>'.repeat(5000) + '</testsuites>');
    expectFailure('plan', ['--junit', path, ...PLAN], 1, `${path}: elements are nested more than 200 deep, which no JUnit report needs`);
  });

  it('JSON nested 1,000,000 deep: a clear error, no stack overflow', () => {
    const path = join(d, 'deep.test_durations');
    writeFileSync(path, '['.repeat(1_000_000) + ']'.repeat(1_000_000));
    expectFailure('plan', ['--durations', path, ...PLAN], 1, `${path}: legacy durations entry 0 must be a [nodeid, seconds] pair`);
  });
});

describe('odd but valid inputs plan exactly like the clean file', () => {
  const planOf = (flag: string, path: string): Run => cli([flag, path, ...PLAN, '--json', '-', '--quiet']);

  it.each(['ok-bom', 'ok-crlf', 'ok-unsorted', 'ok-legacy-list'])('durations/%s', (name) => {
    const clean = planOf('--durations', bad('durations/ok-compact.test_durations'));
    const odd = planOf('--durations', bad(`durations/${name}.test_durations`));
    expect(clean.code).toBe(0);
    expect(odd).toEqual(clean);
  });

  it('ids that differ only in case or whitespace stay distinct tests, each planned once', () => {
    const path = bad('durations/ok-case-and-space.test_durations');
    const r = cli(['--durations', path, ...PLAN, '--granularity', 'test', '--json', '-', '--quiet']);
    expect(r.code).toBe(0);
    const tests = (JSON.parse(r.stdout) as { shards: { tests: string[] }[] }).shards.flatMap((s) => s.tests).sort();
    expect(tests).toEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object).sort());
  });

  it('times of 0 everywhere: every test once, in N shards', () => {
    const r = cli(['--durations', bad('durations/ok-zero-times.test_durations'), ...PLAN, '--granularity', 'test', '--json', '-', '--quiet']);
    expect(r.code).toBe(0);
    const shards = (JSON.parse(r.stdout) as { shards: { tests: string[] }[] }).shards;
    expect(shards).toHaveLength(2);
    expect(shards.flatMap((s) => s.tests).sort()).toEqual([A, 'tests/test_a.py::test_two', B]);
  });

  it.each(['ok-bom-crlf.xml', 'ok-doctype-in-cdata.xml'])('junit/%s', (name) => {
    const r = planOf('--junit', bad(`junit/${name}`));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { shards: { tests: string[] }[] }).shards.flatMap((s) => s.tests).sort()).toEqual([A, B]);
  });

  it('collected/ok-bom-crlf.txt', () => {
    const r = planOf('--collected', bad('collected/ok-bom-crlf.txt'));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { shards: { tests: string[] }[] }).shards.flatMap((s) => s.tests).sort()).toEqual([A, B]);
  });

  it('a 35,000-character path goes through the args file and the shell line', () => {
    const path = join(tmp, 'long-id.test_durations');
    const long = `tests/test_${'p'.repeat(35_000)}.py`;
    writeFileSync(path, JSON.stringify({ [`${long}::test_one`]: 3, 'tests/test_a.py::test_two': 3, [B]: 1 }));
    const args = ['--durations', path, ...PLAN, '--quiet'];
    const groups = [1, 2].map((g) => cli([...args, '--group', String(g), '--pytest-args', '-']).stdout);
    expect(groups.join('').split('\n')).toContain(long);
    const shell = [1, 2].map((g) => cli([...args, '--group', String(g), '--shell', '-']).stdout).join('');
    expect(shell).toContain(`pytest -- `);
    expect(shell).toContain('p'.repeat(35_000));
  });
});

describe('usage errors exit 2 and write nothing', () => {
  const ok = ['--durations', bad('durations/ok-compact.test_durations')];
  it.each([
    [['--splits', '0'], '--splits must be an integer from 1 to 256, got "0"'],
    [['--splits', '257'], '--splits must be an integer from 1 to 256, got "257"'],
    [['--splits', '2', '--group', '1'], '--group needs --pytest-args or --shell (or use --args-dir for every group)'],
    [['--splits', '2', '--shell', '-'], '--shell needs --group K (the shard to print)'],
    [['--splits', '2', '--pytest-args', '-'], '--pytest-args needs --group K (the shard to print)'],
    [['--splits', '2', '--group', '3', '--shell', '-'], '--group must be an integer from 1 to 2, got "3"'],
    [
      ['--splits', '2', '--group', '1', '--shell', '-', '--pytest-args', '-'],
      'only one output can go to stdout, but --pytest-args and --shell both do; give a path',
    ],
  ])('%j', (args, message) => {
    expectFailure('plan', [...ok, '--no-discover', ...args], 2, message);
  });

  it('two outputs to the same path', () => {
    const { dir, out } = workDir();
    const before = snapshot(dir);
    const r = cli([...ok, ...PLAN, '--json', out('plan.json'), '--matrix', out('plan.json')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`split-plan: error: --json and --matrix both write ${out('plan.json')}; give each its own path\n`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('outputs are written all or none', () => {
  it('an output that cannot be written leaves the others as they were', () => {
    const { dir, out } = workDir();
    writeFileSync(out('not-a-dir'), SENTINEL);
    const before = snapshot(dir);
    const r = cli(
      [
        '--durations',
        bad('durations/ok-compact.test_durations'),
        ...PLAN,
        '--json',
        out('plan.json'),
        '--matrix',
        out('matrix.json'),
        '--args-dir',
        out('not-a-dir'),
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`split-plan: error: --args-dir: cannot write ${out('not-a-dir/group-1.args')} (EEXIST)\n`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('--verbose', () => {
  it('adds the stack trace after the one-line message, and only then', () => {
    const path = bad('junit/billion-laughs.xml');
    const quiet = cli(['--junit', path, ...PLAN]);
    const verbose = cli(['--junit', path, ...PLAN, '--verbose']);
    expect(quiet.stderr).toBe(`split-plan: error: ${path}: DOCTYPE/entities are not allowed in JUnit XML\n`);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr.startsWith(quiet.stderr)).toBe(true);
    expect(verbose.stderr).toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });
});

describe('limits', () => {
  it('a single argument of 200 KiB on the shell line is refused, pointing at the args file', () => {
    const path = join(tmp, 'arg-200k.test_durations');
    // One file, one shard: the selector is the file path itself, 200 KiB long.
    const file = `tests/test_${'q'.repeat(200 * 1024)}.py`;
    writeFileSync(path, JSON.stringify({ [`${file}::test_one`]: 1 }));
    expectFailure(
      'plan',
      ['--durations', path, '--splits', '1', '--no-discover', '--group', '1', '--shell', 'shell.txt'],
      1,
      `group 1: node id "tests/test_${'q'.repeat(69)}…" is 201 KiB, over the 128 KiB one command-line argument may take; use --pytest-args FILE and run 'pytest @FILE' instead`,
    );
  });

  it('a shell line over 256 KiB in all is refused, pointing at the args file', () => {
    const path = join(tmp, 'many-files.test_durations');
    const entries = Array.from({ length: 3000 }, (_, i) => [`tests/test_${String(i).padStart(4, '0')}_${'m'.repeat(90)}.py::test_x`, 1]);
    writeFileSync(path, JSON.stringify(Object.fromEntries(entries)));
    expectFailure(
      'plan',
      ['--durations', path, '--splits', '1', '--no-discover', '--group', '1', '--shell', 'shell.txt'],
      1,
      /^group 1: the pytest command line is \d+ KiB, over the 256 KiB limit for --shell; use --pytest-args FILE and run 'pytest @FILE' instead$/,
    );
  });

  it('the matrix for 256 shards stays far below the 1 MiB output limit', () => {
    const path = join(tmp, 'many-tests.test_durations');
    writeFileSync(path, JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`tests/test_${i}.py::t`, 1 + (i % 7)]))));
    const r = cli(['--durations', path, '--splits', '256', '--no-discover', '--matrix', '-', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).include).toHaveLength(256);
    expect(r.stdout.length).toBeLessThan(16 * 1024);
  });
});

describe('the JUnit tag-size guard counts tags only', () => {
  const big = 'x'.repeat(MAX_TAG_CHARS + 10);
  const report = (inner: string): string => `<testsuites><testsuite name="pytest">${inner}</testsuite></testsuites>`;
  const ok = '<testcase classname="tests.test_a" name="test_one" time="1"';

  it.each([
    ['captured output', `${ok}><system-out>${big}</system-out></testcase>`],
    ['CDATA section', `${ok}><system-out><![CDATA[<x a="${big}">]]></system-out></testcase>`],
    ['comment', `<!-- <x a="${big}"> -->${ok}/>`],
  ])('a huge %s is fine', (_what, inner) => {
    expect(parseJUnit(report(inner), 'r.xml').suites[0]?.cases).toHaveLength(1);
  });

  it('a tag just over the limit is refused, naming it and its line; one just under is read', () => {
    const attr = (n: number): string => `${ok}><failure message="${'m'.repeat(n)}"/></testcase>`;
    expect(() => parseJUnit(report('\n' + attr(MAX_TAG_CHARS)), 'r.xml')).toThrow(
      new InputError('r.xml: the <failure> tag at line 2 is 4 MiB long, over the 4 MiB limit for one element (attributes that large are not a test report)'),
    );
    expect(parseJUnit(report(attr(MAX_TAG_CHARS - 100)), 'r.xml').suites[0]?.cases[0]?.outcome).toBe('failed');
  });
});

describeWithPytest('--shell lines run in a real shell with the real pytest', () => {
  it('every test of every group runs once, whatever its id holds', () => {
    const root = mkdtempSync(join(tmp, 'pytest-'));
    writeFileSync(
      join(root, 'test_odd.py'),
      [
        'import pytest',
        '',
        `@pytest.mark.parametrize("v", ["a b", "q'\\"$(touch pwned)\`touch pwned\`", "*", "~", "!x", "{a,b}", "ü", "a;b|c&d", "--x", "@y"])`,
        'def test_p(v):',
        '    pass',
        '',
      ].join('\n'),
    );
    const collect = spawnSync(PYTHON, ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], { cwd: root, encoding: 'utf8' });
    expect(collect.status).toBe(0);
    writeFileSync(join(root, 'collected.txt'), collect.stdout);
    let passed = 0;
    for (const group of ['1', '2']) {
      const line = cli(['--collected', 'collected.txt', '--splits', '2', '--granularity', 'test', '--group', group, '--shell', '-', '--quiet'], { cwd: root });
      expect(line.code).toBe(0);
      expect(line.stdout).toMatch(/^pytest -- /);
      // What a user does with it: eval in a shell (where `pytest` is the checked interpreter's).
      const script = 'pytest() { "$SPLIT_PLAN_PYTHON" -m pytest "$@"; }; eval "$1 -q -p no:cacheprovider"';
      const run = spawnSync('bash', ['-c', script, 'sh', line.stdout.trimEnd()], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, SPLIT_PLAN_PYTHON: PYTHON },
      });
      expect(run.status).toBe(0);
      passed += Number(/(\d+) passed/.exec(run.stdout)?.[1]);
    }
    expect(passed).toBe(10);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });
});

describe('node ids are data: no source file runs a shell or another program', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );

  it.each([
    ['child_process', /node:child_process|['"]child_process['"]/],
    ['@actions/exec', /@actions\/exec/],
    ['shell: true', /shell:\s*true/],
    ['eval or new Function', /\beval\(|new Function\(/],
  ])('src/ never uses %s', (_name, pattern) => {
    const hits = sources(join(repoRoot, 'src')).filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(hits.map((f) => relative(repoRoot, f))).toEqual([]);
  });

  it('the only shell-form output is quoted by shell-quote', () => {
    const users = sources(join(repoRoot, 'src')).filter((f) => /from 'shell-quote'/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => relative(repoRoot, f))).toEqual(['src/formats/shellArgs.ts']);
    expect(statSync(join(repoRoot, 'src', 'formats', 'shellArgs.ts')).isFile()).toBe(true);
  });
});

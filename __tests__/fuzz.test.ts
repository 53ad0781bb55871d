/**
 * Fuzzing the readers and writers with fast-check. On any input, garbage or a mutated valid file,
 * a parser returns or throws our typed InputError/UsageError, never anything else. Every valid
 * spelling of a suite (any key order, BOM, CRLF, legacy list, JUnit) plans with the invariants:
 * each test exactly once, N shards, byte-identical output. Outputs that hand ids to pytest are
 * checked against the real readers: Python's argparse for args files, bash and dash for --shell.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from '../src/core/errors.js';
import { junitNamesOf, mapReports } from '../src/core/junitMap.js';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan, type Plan, type PlanOptions } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { ALGORITHMS, GRANULARITIES } from '../src/core/types.js';
import { formatArgsFile } from '../src/formats/argsFile.js';
import { parseCollected } from '../src/formats/collected.js';
import { formatDurations, parseDurations } from '../src/formats/durations.js';
import { parseJUnit } from '../src/formats/junit.js';
import { formatPlan, parsePlan } from '../src/formats/planJson.js';
import { formatShellCommand } from '../src/formats/shellArgs.js';
import { describeWithPython, PYTHON } from './helpers/needs.js';
import { randomSuite, shuffled, type RandomSuite } from './helpers/suites.js';
import { CLI_WORDS } from '../src/cli/words.js';
import { describeWith } from '../src/render/warnings.js';

const RUNS = 300;

/** Runs `f`; a thrown error must be one of ours, with a message. */
function returnsOrTypedError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      expect(e.message.length).toBeGreaterThan(0);
      return;
    }
    throw new Error(`untyped failure: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`, { cause: e });
  }
}

const PARSERS: [string, (text: string) => unknown][] = [
  ['parseDurations', (t) => parseDurations(t, 'f.test_durations')],
  ['parseJUnit', (t) => parseJUnit(t, 'f.xml')],
  ['parseCollected', (t) => parseCollected(t, 'collected.txt')],
  ['parsePlan', (t) => parsePlan(t, 'plan.json')],
  ['formatArgsFile', (t) => formatArgsFile(t.split(/(?=::)|,/), 'group 1')],
  ['formatShellCommand', (t) => formatShellCommand(t.split(/(?=::)|,/), 'group 1')],
];

/** Text from any code points (lone surrogates included), or from raw bytes decoded leniently. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('utf-8').decode(b)),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789.-+eE \n\r\tNaIfinty\\u<>/!?&;#=\'x'), maxLength: 300 }),
);

/** Fragments that matter to one of the grammars. */
const fragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '"',
    '{',
    '}',
    ',',
    ':',
    '[',
    ']',
    '\\',
    '\\u',
    '<',
    '>',
    '/>',
    '</testsuite>',
    '&',
    '&amp;',
    '&#0;',
    '&#x110000;',
    '&lol;',
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    '<!ENTITY e SYSTEM "file:///etc/passwd">',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '<?xml version="1.0"?>',
    'NaN',
    '-1',
    '1e999',
    '-0',
    '""',
    'null',
    'true',
    '\u0000',
    '\ufeff',
    '\r\n',
    '\n\n',
    '\u2028',
    '\ud800',
    '::',
    '=====',
    '1 test collected',
    'time="x"',
    'time="-1"',
    '"version": 2',
    '"splits": 0',
  ),
);

type Mutation = { kind: 'delete' | 'duplicate'; at: number; len: number } | { kind: 'insert'; at: number; text: string } | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, muts: readonly Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'duplicate') t = t.slice(0, at + m.len) + t.slice(at);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A pytest-like JUnit report of the suite (names as pytest writes them). */
function junitOf(suite: RandomSuite, crlf = false): string {
  const cases = suite.ids.map((id) => {
    const { classname, name } = junitNamesOf(id);
    return `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}" time="${suite.timings.get(id)}" />`;
  });
  const text = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n  <testsuite name="pytest" tests="${cases.length}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

const collectedOf = (suite: RandomSuite): string => `${suite.ids.join('\n')}\n\n${suite.ids.length} tests collected in 0.12s\n`;

const planOptions = fc.record({
  splits: fc.integer({ min: 1, max: 9 }),
  granularity: fc.constantFrom(...GRANULARITIES),
  algorithm: fc.constantFrom(...ALGORITHMS),
  workers: fc.constant(1),
  overhead: fc.constant(DEFAULT_OVERHEAD),
});

/** Each test in exactly one shard, exactly N shards. */
function checkPlan(plan: Plan, ids: readonly string[], splits: number): void {
  expect(plan.shards).toHaveLength(splits);
  const all = plan.shards.flatMap((s) => s.tests);
  expect(all.length).toBe(ids.length);
  expect(new Set(all)).toEqual(new Set(ids));
}

const planText = (timings: ReadonlyMap<string, number>, opts: PlanOptions): string =>
  formatPlan(buildPlan(buildSuite({ timings }), opts), describeWith(CLI_WORDS));

describe('every parser on garbage: returns or throws a typed error', () => {
  it.each(PARSERS)('%s on arbitrary text', (_name, parse) => {
    fc.assert(
      fc.property(anyText, (text) => returnsOrTypedError(() => parse(text))),
      { numRuns: RUNS },
    );
  });
});

describe('every parser on mutated valid input: returns or throws a typed error', () => {
  const valid: [string, (s: RandomSuite) => string, (text: string) => unknown][] = [
    ['durations', (s) => formatDurations(s.timings), (t) => parseDurations(t, 'f.test_durations')],
    ['legacy durations', (s) => JSON.stringify([...s.timings]), (t) => parseDurations(t, 'f.test_durations')],
    ['JUnit XML', (s) => junitOf(s), (t) => parseJUnit(t, 'f.xml')],
    ['collected list', collectedOf, (t) => parseCollected(t, 'collected.txt')],
    [
      'plan JSON',
      (s) => planText(s.timings, { splits: 3, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD }),
      (t) => parsePlan(t, 'plan.json'),
    ],
  ];
  it.each(valid)('%s', (_name, make, parse) => {
    fc.assert(
      fc.property(randomSuite(12), fc.array(mutation, { minLength: 1, maxLength: 4 }), (suite, muts) => {
        returnsOrTypedError(() => parse(mutate(make(suite), muts)));
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated durations that still parse plan with the invariants', () => {
    fc.assert(
      fc.property(randomSuite(12), fc.array(mutation, { minLength: 1, maxLength: 3 }), planOptions, (suite, muts, opts) => {
        let timings: ReadonlyMap<string, number>;
        try {
          timings = parseDurations(mutate(formatDurations(suite.timings), muts), 'f').timings;
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return;
        }
        if (timings.size === 0) return;
        returnsOrTypedError(() => checkPlan(buildPlan(buildSuite({ timings }), opts), [...timings.keys()], opts.splits));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every valid spelling of a suite plans the same, with the invariants', () => {
  /** Spellings of one durations map that real files use. */
  const spellings = (s: RandomSuite, seed: number): string[] => {
    const entries = shuffled([...s.timings], seed);
    return [
      formatDurations(s.timings),
      '\ufeff' + JSON.stringify(Object.fromEntries(entries)),
      JSON.stringify(Object.fromEntries(entries), null, 4).replace(/\n/g, '\r\n'),
      JSON.stringify(entries),
      JSON.stringify(entries, null, 1),
    ];
  };

  it('durations in any order, BOM, CRLF or the legacy list: identical plans', () => {
    fc.assert(
      fc.property(randomSuite(60), fc.integer(), planOptions, (suite, seed, opts) => {
        const texts = spellings(suite, seed).map((t) => planText(parseDurations(t, 'f').timings, opts));
        // formatDurations rounds to milliseconds; the others keep every digit. Compare like with like.
        const exact = texts.slice(1);
        for (const t of exact) expect(t).toBe(exact[0]);
        checkPlan(parsePlan(texts[0] as string, 'p'), suite.ids, opts.splits);
        checkPlan(parsePlan(exact[0] as string, 'p'), suite.ids, opts.splits);
      }),
      { numRuns: 150 },
    );
  });

  it('node ids made of any characters survive durations -> plan -> plan JSON', () => {
    const anyId = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((id) => !id.startsWith('__split_plan__::'));
    const suite = fc.uniqueArray(fc.tuple(anyId, fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 40, selector: ([id]) => id });
    fc.assert(
      fc.property(suite, planOptions, (pairs, opts) => {
        const timings = parseDurations(formatDurations(new Map(pairs)), 'f').timings;
        expect([...timings.keys()].sort()).toEqual(pairs.map(([id]) => id).sort());
        const text = planText(timings, opts);
        checkPlan(parsePlan(text, 'p'), [...timings.keys()], opts.splits);
        expect(planText(new Map(shuffled([...timings], 7)), opts)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('JUnit XML (CRLF or not) reads back every case with its exact time', () => {
    fc.assert(
      fc.property(randomSuite(60), fc.boolean(), (suite, crlf) => {
        const report = parseJUnit(junitOf(suite, crlf), 'r.xml');
        const { cases } = mapReports([report], { knownIds: new Set(suite.ids), isFile: () => false });
        expect(new Map(cases.map((c) => [c.id, c.time]))).toEqual(suite.timings);
      }),
      { numRuns: 150 },
    );
  });

  it('a collected list reads back exactly, with or without BOM and CRLF', () => {
    fc.assert(
      fc.property(randomSuite(60), fc.boolean(), fc.boolean(), (suite, bom, crlf) => {
        let text = collectedOf(suite);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (bom) text = '\ufeff' + text;
        expect(parseCollected(text, 'c')).toEqual(suite.ids);
      }),
      { numRuns: 150 },
    );
  });
});

/** Characters shells treat specially, plus some that look harmless. */
const SHELL_CHARS = [...' \t/[]*?$`"\'\\!#&;|<>(){}~=%^,:@-+.\u00a0üß€😀'];
const shellyId = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SHELL_CHARS, 'a', 'b', 'test_x.py'), minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);
/** Ids the shell line accepts (the rest are refused with a typed error, checked above). */
const acceptedIds = fc.array(shellyId, { minLength: 1, maxLength: 8 }).filter((ids) => {
  try {
    formatShellCommand(ids, 'g');
    return true;
  } catch {
    return false;
  }
});

/** Absolute path of a shell, or undefined. */
function shellPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().startsWith('/') ? r.stdout.trim() : undefined;
}

/** An unprivileged user for the shells when the tests run as root. */
const NOBODY = 65534;

/**
 * What a shell makes of each line: `pytest` replaced by a function printing its arguments. Run in
 * an empty directory, with an empty PATH and (under root) as an unprivileged user, so that a quoting
 * bug (say, a mutation of the code under test) cannot start programs or write outside that
 * directory, and a file it redirects to shows up as a failure instead of litter.
 */
function shellWords(shell: string, lines: readonly string[]): string[][] {
  // One shell for all lines: NUL ends a word, \x01 ends a line (the lines hold no control characters).
  const script = 'pytest() { for a in "$@"; do printf "%s\\000" "$a"; done; }\nfor l in "$@"; do eval "$l"; printf "\\001"; done';
  const cwd = mkdtempSync(join(tmpdir(), 'split-plan-shell-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(cwd, NOBODY, NOBODY);
  try {
    const user = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
    const r = spawnSync(shell, ['-c', script, 'sh', ...lines], { cwd, env: { PATH: '' }, ...user, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${shell} failed (${r.status}): ${r.stderr}`);
    expect(readdirSync(cwd)).toEqual([]);
    return r.stdout
      .split('\u0001')
      .slice(0, -1)
      .map((words) => words.split('\0').slice(0, -1));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const SHELLS = ['bash', 'dash'].flatMap((name) => {
  const path = shellPath(name);
  return path === undefined ? [] : [[name, path] as const];
});

describe('--shell: every word comes back exactly through a real shell', () => {
  it('has a shell to test against', () => {
    expect(SHELLS.map(([name]) => name)).toContain('bash');
  });

  it.each(SHELLS)('%s, 500 random id lists', (_name, shell) => {
    const lists = fc.sample(acceptedIds, { numRuns: 500, seed: 1 });
    const lines = lists.map((ids) => {
      const line = formatShellCommand(ids, 'g');
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f]/);
      return line.slice(0, -1);
    });
    const words = shellWords(shell, lines);
    lists.forEach((ids, i) => expect({ line: lines[i], words: words[i] }).toEqual({ line: lines[i], words: ['--', ...ids] }));
  });
});

describeWithPython("args files: Python's argparse (pytest's @FILE reader) reads the file as written", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'split-plan-argsfile-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every character Python's str.splitlines() breaks at, and the starts pytest reads as options or files. */
  const BREAKS = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];
  const BREAK_RE = new RegExp(`[${BREAKS.join('')}]`, 'g');
  const argsChar = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...SHELL_CHARS, 'a', 'test_x.py') },
    { weight: 1, arbitrary: fc.constantFrom(...BREAKS, '\0', '\t', '\x1b', '\ud800') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  );
  const selector = fc.string({ unit: argsChar, minLength: 1, maxLength: 12 });

  /** argparse's reading of each file, run once for all of them. */
  function argparseRead(paths: readonly string[]): (string[] | null)[] {
    // An argparse error (a piece starting with '-') is reported as null, not as an exit.
    const script = [
      'import argparse, json, sys',
      'class Parser(argparse.ArgumentParser):',
      '    def error(self, message):',
      '        raise ValueError(message)',
      'out = []',
      'for path in sys.argv[1:]:',
      "    p = Parser(fromfile_prefix_chars='@', add_help=False)",
      "    p.add_argument('ids', nargs='*')",
      '    try:',
      "        out.append(p.parse_args(['@' + path]).ids)",
      '    except ValueError:',
      '        out.append(None)',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, ...paths], { encoding: 'utf8', env: { ...process.env, PYTHONUTF8: '1' }, maxBuffer: 1 << 26 });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as (string[] | null)[];
  }

  it('accepted selectors read back exactly; a selector refused for a line break is one argparse splits', () => {
    const samples = fc.sample(fc.array(selector, { minLength: 1, maxLength: 5 }), { numRuns: 600, seed: 20240607 });
    const accepted: { path: string; ids: string[] }[] = [];
    const broken: { path: string; ids: string[] }[] = [];
    samples.forEach((ids, i) => {
      const path = join(dir, `${i}.args`);
      try {
        writeFileSync(path, formatArgsFile(ids, 'g'));
        accepted.push({ path, ids });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        if (!/contains a line break/.test((e as Error).message)) return;
        // Without its line breaks the list would pass: written raw, argparse must read it differently.
        const mended = ids.map((id) => id.replace(BREAK_RE, 'x'));
        try {
          formatArgsFile(mended, 'g');
        } catch {
          return;
        }
        writeFileSync(path, ids.join('\n') + '\n');
        broken.push({ path, ids });
      }
    });
    const read = argparseRead([...accepted, ...broken].map((f) => f.path));
    accepted.forEach((f, i) => expect(read[i]).toEqual(f.ids));
    broken.forEach((f, i) => expect(read[accepted.length + i]).not.toEqual(f.ids));
    // Both branches were exercised, and every break character was among the refused.
    expect(accepted.length).toBeGreaterThan(100);
    expect(broken.length).toBeGreaterThan(100);
    for (const b of BREAKS) expect(broken.some((f) => f.ids.some((id) => id.includes(b)))).toBe(true);
  });
});

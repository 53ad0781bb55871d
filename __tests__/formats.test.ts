/** Readers and writers: durations (both formats, odd bytes), collected lists, args files, matrix. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { InputError } from '../src/core/errors.js';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { formatArgsFile } from '../src/formats/argsFile.js';
import { parseCollected } from '../src/formats/collected.js';
import { formatDurations, META_PREFIX, parseDurations } from '../src/formats/durations.js';
import { SortedDurations } from '../src/core/sortedDurations.js';
import { randomSuite, shuffled } from './helpers/suites.js';
import { formatMatrix } from '../src/formats/matrix.js';
import { fixturePath } from './helpers/paths.js';

describe('parseDurations', () => {
  it.each([
    [
      'object',
      '{"t.py::a": 1.5, "t.py::b": 0}',
      [
        ['t.py::a', 1.5],
        ['t.py::b', 0],
      ],
    ],
    [
      'legacy list',
      '[["t.py::a", 1.5], ["t.py::b", 0]]',
      [
        ['t.py::a', 1.5],
        ['t.py::b', 0],
      ],
    ],
    ['BOM and CRLF', '\ufeff{\r\n    "t.py::a": 2\r\n}\r\n', [['t.py::a', 2]]],
    ['escapes and unicode', '{"t.py::a[\\u00e9 \\"q\\"]": 1e-3}', [['t.py::a[é "q"]', 0.001]]],
    [
      'ids differing only in case and whitespace',
      '{"t.py::A": 1, "t.py::a": 2, "t.py::a ": 3}',
      [
        ['t.py::A', 1],
        ['t.py::a', 2],
        ['t.py::a ', 3],
      ],
    ],
    ['empty object', '{}', []],
  ])('reads %s', (_name, text, expected) => {
    expect([...parseDurations(text, 'f.json').timings]).toEqual(expected);
  });

  it.each([
    ['', 'f.json: durations file is empty'],
    ['{"t.py::a": 1', 'f.json: invalid JSON'],
    ['{"t.py::a": -1}', 'f.json: duration of "t.py::a" must be a non-negative number of seconds, got -1'],
    ['{"t.py::a": "1.0"}', 'got "1.0"'],
    ['{"t.py::a": null}', 'got null'],
    ['{"t.py::a": NaN}', 'invalid JSON'],
    ['{"t.py::a": 1e999}', 'got Infinity'],
    ['{"t.py::a": 1, "t.py::a": 2}', 'f.json: node id "t.py::a" appears twice'],
    ['[["t.py::a"]]', 'legacy durations entry 0 must be a [nodeid, seconds] pair'],
    ['42', 'durations must be a JSON object'],
    ['{"": 1}', 'node id must be a non-empty string'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDurations(text, 'f.json')).toThrow(InputError);
    expect(() => parseDurations(text, 'f.json')).toThrow(message);
  });

  it('reads a file the same whatever its key order; sorted keys give the array-backed map', () => {
    fc.assert(
      fc.property(randomSuite(60), fc.integer(), fc.boolean(), (suite, seed, withOverhead) => {
        const meta = withOverhead ? { [`${META_PREFIX}overhead_fixed_seconds`]: 1.5, [`${META_PREFIX}overhead_per_file_seconds`]: 0.25 } : {};
        const pairs = shuffled([...suite.timings, ...Object.entries(meta)], seed);
        const shuffledText = JSON.stringify(Object.fromEntries(pairs));
        const sortedText = formatDurations(suite.timings, withOverhead ? { fixedSeconds: 1.5, perFileSeconds: 0.25, source: 'stored', samples: 0 } : undefined);
        const a = parseDurations(shuffledText, 'a');
        const b = parseDurations(sortedText, 'b');
        const rounded = new Map([...suite.timings].map(([id, s]) => [id, Math.round(s * 1000) / 1000]));
        // The sorted spelling (pytest-split's) is read into a SortedDurations, which answers as a Map does.
        expect(b.timings).toBeInstanceOf(SortedDurations);
        expect(new Map(b.timings)).toEqual(rounded);
        expect(b.timings.size).toBe(rounded.size);
        for (const [id, s] of rounded) {
          expect(b.timings.get(id)).toBe(s);
          expect(b.timings.has(id)).toBe(true);
          expect(b.timings.has(id + ' ')).toBe(false);
          expect(b.timings.get(id + '[x]')).toBeUndefined();
        }
        const seen: [string, number][] = [];
        b.timings.forEach((s, id) => seen.push([id, s]));
        expect(seen).toEqual([...b.timings.entries()]);
        expect([...b.timings.keys()]).toEqual(seen.map(([id]) => id));
        expect([...b.timings.values()]).toEqual(seen.map(([, s]) => s));
        // The shuffled spelling reads to the same pairs; plans from both are the same bytes.
        expect(new Map([...a.timings].map(([id, s]) => [id, Math.round(s * 1000) / 1000]))).toEqual(rounded);
        expect(a.overhead === undefined).toBe(!withOverhead);
        expect(b.overhead === undefined).toBe(!withOverhead);
        const opts = { splits: 3, granularity: 'auto', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD } as const;
        const roundedText = formatDurations(rounded);
        expect(JSON.stringify(buildPlan(buildSuite({ timings: parseDurations(roundedText, 'r').timings }), opts))).toBe(
          JSON.stringify(buildPlan(buildSuite({ timings: new Map(shuffled([...rounded], seed)) }), opts)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['a duplicate', '{"t.py::a": 1, "t.py::a": 2}', 'f.json: node id "t.py::a" appears twice'],
    ['a duplicate among sorted keys', '{"t.py::a": 1, "t.py::b": 1, "t.py::b": 2, "t.py::c": 3}', 'f.json: node id "t.py::b" appears twice'],
    ['a bad value among sorted keys', '{"t.py::a": 1, "t.py::b": -2}', 'f.json: duration of "t.py::b" must be a non-negative number of seconds, got -2'],
  ])('sorted or not, refuses %s by name', (_name, text, message) => {
    expect(() => parseDurations(text, 'f.json')).toThrow(message);
  });

  it.each(['BrikerMan__Kashgari.json', 'iterative__dvc.json', 'MacPhobos__image-search-service.json'])('reads the real file %s', (file) => {
    const text = readFileSync(fixturePath('durations', file), 'utf8');
    const { timings } = parseDurations(text, file);
    const raw = JSON.parse(text) as Record<string, number> | [string, number][];
    expect(timings.size).toBe(Array.isArray(raw) ? raw.length : Object.keys(raw).length);
  });
});

describe('formatDurations', () => {
  it('writes what pytest-split writes: sorted keys, 4-space indent, ASCII escapes, final newline', () => {
    const m = new Map([
      ['t.py::b', 0.12345],
      ['t.py::a[é]', 2],
      ['t.py::c', 0],
    ]);
    expect(formatDurations(m)).toBe('{\n    "t.py::a[\\u00e9]": 2.0,\n    "t.py::b": 0.123,\n    "t.py::c": 0.0\n}\n');
  });

  it('sorts by code point like Python (astral characters after U+FFFF-range ones)', () => {
    const m = new Map([
      ['t.py::x[\u{1F600}]', 1],
      ['t.py::x[\uFF01]', 1],
    ]);
    const keys = [...formatDurations(m).matchAll(/"(.*)":/g)].map((x) => x[1]);
    expect(keys).toEqual(['t.py::x[\\uff01]', 't.py::x[\\ud83d\\ude00]']);
  });

  it('round-trips, including the stored overhead', () => {
    const m = new Map([['t.py::a', 1.5]]);
    const text = formatDurations(m, { fixedSeconds: 0.8, perFileSeconds: 0.0123, source: 'junit', samples: 3 });
    const back = parseDurations(text, 'x');
    expect([...back.timings]).toEqual([['t.py::a', 1.5]]);
    expect(back.overhead).toEqual({ fixedSeconds: 0.8, perFileSeconds: 0.0123, source: 'stored', samples: 3 });
  });

  it('is stable: format(parse(format(x))) === format(x) on a real file', () => {
    const text = readFileSync(fixturePath('durations', 'iterative__dvc.json'), 'utf8');
    const once = formatDurations(parseDurations(text, 'dvc').timings);
    expect(formatDurations(parseDurations(once, 'dvc').timings)).toBe(once);
  });
});

describe('parseCollected', () => {
  it('reads node ids up to the summary', () => {
    const out = 'tests/a.py::test_x\ntests/a.py::test_y[a b]\r\n\n2 tests collected in 0.01s\n';
    expect(parseCollected(out, 'c.txt')).toEqual(['tests/a.py::test_x', 'tests/a.py::test_y[a b]']);
  });
  it.each([
    ['tests/a.py: 3\ntests/b.py: 1\n', "'pytest --collect-only -qq' output"],
    ['no tests collected in 0.01s\n', 'no node ids found'],
    ['', 'no node ids found'],
  ])('refuses %j', (text, message) => {
    expect(() => parseCollected(text, 'c.txt')).toThrow(message);
  });
});

describe('formatArgsFile', () => {
  it('puts one selector per line, verbatim', () => {
    expect(formatArgsFile(['t.py::a[x y]', "t.py::b['q']"], 'group 1')).toBe("t.py::a[x y]\nt.py::b['q']\n");
  });
  it.each([
    ['t.py::a[line\nbreak]', 'contains a line break'],
    ['-rf', "starts with '-'"],
    ['@other', "starts with '@'"],
  ])('refuses %j', (sel, message) => {
    expect(() => formatArgsFile([sel], 'group 1')).toThrow(message);
  });
  it('refuses an empty group', () => {
    expect(() => formatArgsFile([], 'group 3')).toThrow('group 3 has no tests to run');
  });
});

describe('formatMatrix', () => {
  it('stays under 10 KB at 256 shards of a 50k-test suite', () => {
    const timings = new Map(Array.from({ length: 50000 }, (_, i) => [`tests/test_m${i % 700}.py::test_${i}`, (i % 13) / 10] as [string, number]));
    const plan = buildPlan(buildSuite({ timings }), { splits: 256, granularity: 'auto', algorithm: 'lpt', workers: 1, overhead: DEFAULT_OVERHEAD });
    const m = formatMatrix(plan);
    expect(Buffer.byteLength(m)).toBeLessThan(10 * 1024);
    expect(JSON.parse(m).include).toHaveLength(256);
  });
});

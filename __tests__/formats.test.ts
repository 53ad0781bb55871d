/** Readers and writers: durations (both formats, odd bytes), collected lists, args files, matrix. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { InputError } from '../src/core/errors.js';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { formatArgsFile } from '../src/formats/argsFile.js';
import { parseCollected } from '../src/formats/collected.js';
import { formatDurations, parseDurations } from '../src/formats/durations.js';
import { formatMatrix } from '../src/formats/matrix.js';
import { sharedData } from './helpers/paths.js';

describe('parseDurations', () => {
  it.each([
    ['object', '{"t.py::a": 1.5, "t.py::b": 0}', [['t.py::a', 1.5], ['t.py::b', 0]]],
    ['legacy list', '[["t.py::a", 1.5], ["t.py::b", 0]]', [['t.py::a', 1.5], ['t.py::b', 0]]],
    ['BOM and CRLF', '\ufeff{\r\n    "t.py::a": 2\r\n}\r\n', [['t.py::a', 2]]],
    ['escapes and unicode', '{"t.py::a[\\u00e9 \\"q\\"]": 1e-3}', [['t.py::a[é "q"]', 0.001]]],
    ['ids differing only in case and whitespace', '{"t.py::A": 1, "t.py::a": 2, "t.py::a ": 3}', [['t.py::A', 1], ['t.py::a', 2], ['t.py::a ', 3]]],
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

  it.each([
    'BrikerMan__Kashgari.json',
    'iterative__dvc.json',
    'MacPhobos__image-search-service.json',
  ])('reads the real file %s', (file) => {
    const text = readFileSync(sharedData('durations', file), 'utf8');
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
    const text = readFileSync(sharedData('durations', 'iterative__dvc.json'), 'utf8');
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

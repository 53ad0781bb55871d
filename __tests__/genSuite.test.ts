import { describe, expect, test, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSuite, LANDMARK_IDS, mutateSuite, TRICKY_IDS, type GeneratedSuite, type SuiteSpec } from '../scripts/lib/suite/index.js';
import { collect, runPytest, writeArgsFile } from '../scripts/lib/pytest.js';
import { itWithPytest, pytestProblem } from './helpers/needs.js';

const SPEC: SuiteSpec = { seed: 7, files: 8, scale: 0.01 };

/** Every file under dir, relative path -> contents. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(join(dir, r)));
    }
  };
  walk('');
  return out;
}

function sameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !v.equals(w)) return false;
  }
  return true;
}

/** Ids the selector `sel` covers (the definition itself, its params, or everything inside a class). */
function covers(sel: string, id: string): boolean {
  return id === sel || id.startsWith(sel + '[') || id.startsWith(sel + '::');
}

let tmp: string;
let suite: GeneratedSuite;
let ids: string[];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gensuite-'));
  suite = generateSuite(join(tmp, 'a'), SPEC);
  // Without pytest the tests that need it fail (or are skipped) with the line naming what to install.
  ids = pytestProblem() === undefined ? collect(suite.root) : [];
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('generateSuite', () => {
  test('same spec gives byte-identical trees; another seed does not', () => {
    const again = generateSuite(join(tmp, 'b'), SPEC);
    expect(again.files).toEqual(suite.files);
    expect(again.expectedTests).toBe(suite.expectedTests);
    expect(sameTree(snapshot(suite.root), snapshot(again.root))).toBe(true);
    const other = generateSuite(join(tmp, 'c'), { ...SPEC, seed: 8 });
    expect(sameTree(snapshot(suite.root), snapshot(other.root))).toBe(false);
  });

  // Pins the generator's output: a refactor of scripts/lib must not change one byte of a
  // generated suite, its reported figures, or what a mutation writes. If the generator is changed
  // on purpose, update the hashes (and say why in the commit).
  test('a fixed seed gives the pinned bytes (tree, figures and a mutation)', () => {
    const root = join(tmp, 'pinned');
    const small = generateSuite(root, { seed: 1234, files: 6, scale: 0.5, heavyFiles: 2 });
    const treeHash = (): string => {
      const h = createHash('sha256');
      for (const [k, v] of snapshot(root)) h.update(`${k}\0${v.length}\0`).update(v);
      return h.digest('hex').slice(0, 16);
    };
    const { root: _root, ...figures } = small;
    expect(_root).toBe(root);
    expect(createHash('sha256').update(JSON.stringify(figures)).digest('hex').slice(0, 16)).toBe('8c12df52e18391f7');
    expect(treeHash()).toBe('acd243fd1d20ed6b');
    mutateSuite(root, {
      removeTests: ['tests/api/test_search.py::TestRanking::TestTieBreak', 'tests/api/test_search.py::test_phrase_search'],
      addTestsTo: [{ file: 'tests/api/test_users.py', count: 2, sleep: 0.002 }],
      addFiles: [{ path: 'tests/extra/test_more.py', tests: 2 }],
    });
    expect(treeHash()).toBe('83f3264c6a1b6508');
  });

  test('refuses a non-empty root', () => {
    expect(() => generateSuite(suite.root, SPEC)).toThrow(/not empty/);
  });

  test('layout: nested packages, repeated basename, heavy files', () => {
    expect(suite.files).toHaveLength(SPEC.files);
    expect(suite.files).toContain('tests/api/test_users.py');
    expect(suite.files).toContain('tests/services/test_users.py');
    expect(suite.heavyFiles).toHaveLength(2);
    for (const f of suite.files) {
      const dirs = f.split('/').slice(0, -1);
      for (let i = 1; i <= dirs.length; i++) expect(existsSync(join(suite.root, ...dirs.slice(0, i), '__init__.py'))).toBe(true);
    }
    const total = suite.nominalSeconds;
    const heavy = suite.nominalByFile[suite.heavyFiles[0] as string] ?? 0;
    expect(heavy / total).toBeGreaterThan(0.28); // a 4-way split must cut this file
  });

  itWithPytest('collect() returns the expected count, with the tricky and landmark ids', () => {
    expect(ids).toHaveLength(suite.expectedTests);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of TRICKY_IDS) expect(ids).toContain(id);
    for (const id of Object.values(LANDMARK_IDS)) expect(ids).toContain(id);
    // every module contributes
    for (const f of suite.files) expect(ids.some((id) => id.startsWith(f + '::'))).toBe(true);
  });

  itWithPytest('ids do not depend on scale', () => {
    const big = generateSuite(join(tmp, 'scaled'), { ...SPEC, scale: 0.02 });
    expect(big.nominalSeconds).toBeGreaterThan(suite.nominalSeconds);
    expect(collect(big.root)).toEqual(ids);
  });

  itWithPytest('a full run passes (skip and xfail included) and leaves no bytecode or cache behind', () => {
    const before = snapshot(suite.root);
    const r = runPytest(suite.root, []);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, \d+ skipped, 1 xfailed/);
    expect(r.wallSeconds).toBeGreaterThan(0);
    expect(sameTree(before, snapshot(suite.root))).toBe(true);
  });

  itWithPytest('pytest @argsfile with tricky ids runs exactly those tests', () => {
    const chosen = [...TRICKY_IDS, LANDMARK_IDS.nested, LANDMARK_IDS.inherited];
    const argsfile = join(tmp, 'args.txt');
    writeArgsFile(argsfile, chosen);
    const r = runPytest(suite.root, ['-rA', `@${argsfile}`]);
    expect(r.exitCode).toBe(0);
    const passed = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('PASSED '))
      .map((l) => l.slice('PASSED '.length));
    expect(passed.sort()).toEqual([...chosen].sort());
    expect(r.stdout).toMatch(new RegExp(`\\b${chosen.length} passed in `));
    // and collection through the same file names exactly those ids
    expect(collect(suite.root, [`@${argsfile}`]).sort()).toEqual([...chosen].sort());
  });
});

describe('mutateSuite', () => {
  itWithPytest('adds and removes tests and files as promised', () => {
    const root = generateSuite(join(tmp, 'm'), SPEC).root;
    const before = ids;
    const removable = suite.files.find((f) => !suite.heavyFiles.includes(f) && !['tests/api/test_search.py', 'tests/api/test_users.py'].includes(f)) as string;
    const removeTests = [
      'tests/api/test_search.py::test_query_parsing', // parametrized function: all its cases
      'tests/api/test_search.py::TestRanking::TestTieBreak', // a nested class
      'tests/api/test_search.py::TestRanking::test_boosts_exact_match', // one method
      `${suite.heavyFiles[0]}::TestReconciliation`, // a whole class
    ];
    const res = mutateSuite(root, {
      removeTests,
      removeFiles: [removable],
      addTestsTo: [{ file: 'tests/api/test_users.py', count: 2 }],
      addFiles: ['tests/api/v3/test_brand_new.py', { path: 'tests/test_top_level.py', tests: 1 }],
    });
    expect(res.added).toEqual([
      'tests/api/test_users.py::test_added_1',
      'tests/api/test_users.py::test_added_2',
      'tests/api/v3/test_brand_new.py::test_new_1',
      'tests/api/v3/test_brand_new.py::test_new_2',
      'tests/api/v3/test_brand_new.py::test_new_3',
      'tests/test_top_level.py::test_new_1',
    ]);
    expect(res.files).toContain('tests/api/v3/test_brand_new.py');
    expect(res.files).not.toContain(removable);
    const gone = (id: string): boolean => removeTests.some((s) => covers(s, id)) || id.startsWith(removable + '::');
    const expected = [...before.filter((id) => !gone(id)), ...res.added].sort();
    expect(before.filter(gone).length).toBeGreaterThan(7 + 2 + 1 + 6);

    // numbering goes on from the highest test_added_<k>
    expect(mutateSuite(root, { addTestsTo: [{ file: 'tests/api/test_users.py', count: 1 }] }).added).toEqual(['tests/api/test_users.py::test_added_3']);
    expected.push('tests/api/test_users.py::test_added_3');
    expected.sort();

    const after = collect(root).sort();
    expect(after).toEqual(expected);
  });

  test('rejects what it cannot do', () => {
    const root = suite.root;
    expect(() => mutateSuite(root, { removeTests: ['tests/api/test_search.py::test_query_parsing[a b]'] })).toThrow(/parametrized/);
    expect(() => mutateSuite(root, { removeTests: ['tests/api/test_search.py::test_nope'] })).toThrow(/not defined/);
    expect(() => mutateSuite(root, { removeTests: [LANDMARK_IDS.inherited] })).toThrow(/not defined/);
    expect(() => mutateSuite(root, { removeFiles: ['tests/api/test_missing.py'] })).toThrow(/no such/);
    expect(() => mutateSuite(root, { addFiles: ['tests/api/test_search.py'] })).toThrow(/already exists/);
    expect(() => mutateSuite(root, { addFiles: ['../escape/test_x.py'] })).toThrow(/not a tests/);
  });
});

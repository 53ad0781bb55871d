import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { collectorModules, junitCaseToNodeId, junitNamesOf, mapReports, moduleOfFile, PROBE_BUDGET, type MapContext } from '../src/core/junitMap.js';
import { fileOf } from '../src/core/nodeid.js';
import type { JUnitCase, JUnitReport } from '../src/core/types.js';
import { parseJUnit } from '../src/formats/junit.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/junit/', import.meta.url));
const report = (name: string): JUnitReport => parseJUnit(readFileSync(`${FIXTURES}${name}`, 'utf8'), name);
const casesOf = (r: JUnitReport): JUnitCase[] => r.suites.flatMap((s) => s.cases);

const ctx = (known: string[] = [], files: string[] = []): MapContext => {
  const set = new Set(files);
  return { knownIds: new Set(known), isFile: (p) => set.has(p) };
};
const tc = (classname: string, name: string, file?: string): JUnitCase =>
  file === undefined ? { classname, name, time: 0, outcome: 'passed' } : { classname, name, file, time: 0, outcome: 'passed' };

describe('junitNamesOf: how pytest names a node id in JUnit XML', () => {
  it.each([
    ['a/b/test_x.py::TestO::TestI::test_f[p a.b::c]', 'a.b.test_x.TestO.TestI', 'test_f[p a.b::c]'],
    ['test_x.py::test_f', 'test_x', 'test_f'],
    ['tests/v1.2/test_a.py::TestA::test_b', 'tests.v1.2.test_a.TestA', 'test_b'],
    ['tests/test_a.py', '', 'tests.test_a'],
    ['../base.py::T::t', '...base.T', 't'],
    ['docs/usage.txt::usage.txt', 'docs.usage.txt', 'usage.txt'],
    ['src/pkg/mod.py::pkg.mod.func', 'src.pkg.mod', 'pkg.mod.func'],
    ['t/test_p.py::test[a/b.py::C[x]]', 't.test_p', 'test[a/b.py::C[x]]'],
    ['t/test_p.py::test[bell\u0007 emoji\u{1F600} \u00e9]', 't.test_p', 'test[bell#x07 emoji#x1F600 \u00e9]'],
  ])('%s', (id, classname, name) => {
    expect(junitNamesOf(id)).toEqual({ classname, name });
  });

  it('moduleOfFile drops only a trailing .py', () => {
    expect(moduleOfFile('tests/test_a.py')).toBe('tests.test_a');
    expect(moduleOfFile('tests/test_py.pyx')).toBe('tests.test_py.pyx');
  });
});

describe('junitCaseToNodeId', () => {
  const known = [
    'tests/v1.2/test_a.py::TestA::test_b[x.y::z]',
    'tests/test_m.py::test_mod_level',
    'a/b.py::t', // and its twin below: same JUnit names
    'a.b.py::t',
    'pkg/test_item.py', // an item that is its own file (plugin-collected)
  ];
  it.each<[string, JUnitCase, MapContext, string | undefined]>([
    // rule 1: known ids, whatever the dots mean
    ['known id in a dotted dir', tc('tests.v1.2.test_a.TestA', 'test_b[x.y::z]'), ctx(known), 'tests/v1.2/test_a.py::TestA::test_b[x.y::z]'],
    ['known module-level id', tc('tests.test_m', 'test_mod_level'), ctx(known), 'tests/test_m.py::test_mod_level'],
    ['twin known ids: file attribute decides', tc('a.b', 't', 'a.b.py'), ctx(known), 'a.b.py::t'],
    ['twin known ids: else the longest file', tc('a.b', 't'), ctx(known), 'a.b.py::t'],
    ['twin known ids: windows file attribute', tc('a.b', 't', 'a\\b.py'), ctx(known), 'a/b.py::t'],
    ['known item without :: has classname ""', tc('', 'pkg.test_item'), ctx(known), 'pkg/test_item.py'],
    // rule 2: files of known ids (dotted dirs exact), then the disk
    ['new test in a known dotted-dir file', tc('tests.v1.2.test_a.TestA.TestIn', 'test_new'), ctx(known), 'tests/v1.2/test_a.py::TestA::TestIn::test_new'],
    ['upper-case module on disk', tc('tests.Github_.Github', 'testGetEmojis'), ctx([], ['tests/Github_.py']), 'tests/Github_.py::Github::testGetEmojis'],
    [
      'module-level test in an upper-case module on disk',
      tc('tests.Connection', 'test_x[a.b]'),
      ctx([], ['tests/Connection.py']),
      'tests/Connection.py::test_x[a.b]',
    ],
    ['dotted dir on disk only', tc('tests.v1.2.test_a.TestA', 'test_b'), ctx([], ['tests/v1.2/test_a.py']), 'tests/v1.2/test_a.py::TestA::test_b'],
    ['two dotted dirs on disk', tc('a.b.c.d.test_e.TestF', 'test_g'), ctx([], ['a.b/c.d/test_e.py']), 'a.b/c.d/test_e.py::TestF::test_g'],
    ['letter-dotted dir on disk', tc('my.pkg.test_a.TestA', 'test_b'), ctx([], ['my.pkg/test_a.py']), 'my.pkg/test_a.py::TestA::test_b'],
    ['non-Python plugin item on disk', tc('tests.test_x.yaml.group-1', 'case one'), ctx([], ['tests/test_x.yaml']), 'tests/test_x.yaml::group-1::case one'],
    ['dot-directory on disk', tc('.hidden.test_h', 'test_i'), ctx([], ['.hidden/test_h.py']), '.hidden/test_h.py::test_i'],
    ['file above the rootdir', tc('...up.TestU', 'test_v'), ctx([], ['../up.py']), '../up.py::TestU::test_v'],
    ['doctest text file', tc('docs.usage.txt', 'usage.txt'), ctx([], ['docs/usage.txt']), 'docs/usage.txt::usage.txt'],
    ['doctest in a module', tc('src.pkg.mod', 'pkg.mod.func'), ctx([], ['src/pkg/mod.py']), 'src/pkg/mod.py::pkg.mod.func'],
    ['longest file wins', tc('tests.test_a.TestX', 'test_y'), ctx([], ['tests/test_a.py', 'tests/test_a/TestX.py']), 'tests/test_a/TestX.py::test_y'],
    ['disk beats the file attribute', tc('tests.test_a.TestX', 'test_y', 'tests/base.py'), ctx([], ['tests/test_a.py']), 'tests/test_a.py::TestX::test_y'],
    // rule 3: xunit1 file attribute when it matches the classname
    ['file attribute in a dotted dir', tc('tests.v1.2.test_a.TestA', 'test_b', 'tests/v1.2/test_a.py'), ctx(), 'tests/v1.2/test_a.py::TestA::test_b'],
    ['file attribute, windows separators', tc('tests.v1.2.test_a', 'test_b', 'tests\\v1.2\\test_a.py'), ctx(), 'tests/v1.2/test_a.py::test_b'],
    ['file attribute, upper-case module', tc('tests.Github_.Github', 'testX', 'tests/Github_.py'), ctx(), 'tests/Github_.py::Github::testX'],
    // rule 3 refuses a base-class file, rule 4 guesses
    [
      'inherited test: base module ignored',
      tc('tests.test_child.TestChild', 'test_base', 'tests/base_cases.py'),
      ctx(),
      'tests/test_child.py::TestChild::test_base',
    ],
    [
      'inherited from outside the rootdir',
      tc('tests.test_child.TestChild', 'test_base', '../shared/base.py'),
      ctx(),
      'tests/test_child.py::TestChild::test_base',
    ],
    ['heuristic: nested classes', tc('a.b.test_x.TestO.TestI', 'test_f[p a.b::c]'), ctx(), 'a/b/test_x.py::TestO::TestI::test_f[p a.b::c]'],
    ['heuristic: module-level', tc('tests.sub.test_m', 'test_f'), ctx(), 'tests/sub/test_m.py::test_f'],
    ['heuristic: root-level file', tc('test_x', 'test_f'), ctx(), 'test_x.py::test_f'],
    ['heuristic: upper-case first directory', tc('Tests.test_x.TestA', 'test_f'), ctx(), 'Tests/test_x.py::TestA::test_f'],
    // not tests
    ['collection-skipped module', tc('', 'tests.test_AspenHandlerODBC', 'tests/test_AspenHandlerODBC.py'), ctx(known), undefined],
    ['collection error without file', tc('', 'tests.test_broken'), ctx(), undefined],
    ['pytest internal error record', tc('pytest', 'internal'), ctx(), undefined],
    ['empty name', tc('tests.test_a', ''), ctx(), undefined],
  ])('%s', (_label, c, context, expected) => {
    expect(junitCaseToNodeId(c, context)).toBe(expected);
  });

  it('is the inverse of junitNamesOf for arbitrary ids when they are known or their file is on disk', () => {
    const seg = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}(\.[0-9a-z]{1,3})?$/);
    const cls = fc.stringMatching(/^[A-Z][A-Za-z0-9_]{0,6}$/);
    const fn = fc.stringMatching(/^test_[a-z0-9_]{0,6}$/);
    const params = fc.option(
      fc.string({ maxLength: 12 }).map((p) => `[${p}]`),
      { nil: '' },
    );
    const idArb = fc
      .tuple(fc.array(seg, { minLength: 0, maxLength: 3 }), fc.stringMatching(/^test_[a-z0-9_]{1,6}$/), fc.array(cls, { maxLength: 2 }), fn, params)
      .map(([dirs, mod, classes, f, p]) => [[...dirs, `${mod}.py`].join('/'), ...classes, f].join('::') + p);
    fc.assert(
      fc.property(idArb, (id) => {
        const { classname, name } = junitNamesOf(id);
        const c = tc(classname, name);
        expect(junitCaseToNodeId(c, ctx([id]))).toBe(id);
        expect(junitCaseToNodeId(c, ctx([], [fileOf(id)]))).toBe(id);
        expect(junitCaseToNodeId({ ...c, file: fileOf(id) }, ctx())).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('resolves a pathological classname without trying every spelling', () => {
    expect(junitCaseToNodeId(tc(`a${'.'.repeat(40)}b.${'c.'.repeat(40)}D`, 't'), ctx())).toMatch(/::D::t$/);
  });

  it('spends a bounded number of disk probes on an unresolvable classname, once', () => {
    let probes = 0;
    const context: MapContext = {
      knownIds: new Set(),
      isFile: () => {
        probes++;
        return false;
      },
    };
    const classname = 'a.b.c.d.e.f.g.h.i.j.k.l';
    expect(junitCaseToNodeId(tc(classname, 'test_x'), context)).toBe('a/b/c/d/e/f/g/h/i/j/k/l.py::test_x');
    expect(probes).toBeLessThanOrEqual(12 + PROBE_BUDGET);
    const after = probes;
    expect(junitCaseToNodeId(tc(classname, 'test_y'), context)).toBe('a/b/c/d/e/f/g/h/i/j/k/l.py::test_y');
    expect(probes).toBe(after);
  });
});

describe('collectorModules: modules pytest reports at collection (classname "")', () => {
  const rec = (name: string, outcome: JUnitCase['outcome'], classname = ''): JUnitCase => ({ classname, name, time: 0, outcome });
  const reports: JUnitReport[] = [
    {
      source: 'a.xml',
      suites: [{ name: 'pytest', cases: [rec('tests.test_win', 'skipped'), rec('tests.test_broken', 'error'), rec('test_ok', 'passed', 'tests.test_a')] }],
    },
    { source: 'b.xml', suites: [{ name: 'pytest', cases: [rec('tests.test_win', 'skipped'), rec('', 'error'), rec('tests.a_failed', 'failed')] }] },
  ];
  it.each([
    [undefined, ['tests.a_failed', 'tests.test_broken', 'tests.test_win']],
    ['skipped', ['tests.test_win']],
    ['error', ['tests.test_broken']],
    ['passed', []],
  ] as const)('outcome %s -> %j (once each, sorted; never an ordinary case or an empty name)', (outcome, expected) => {
    expect(collectorModules(reports, outcome)).toEqual(expected);
  });

  it('finds the skipped modules of a real report (tagreader: seven modules that need Windows)', () => {
    const r = report('equinor__tagreader-python__pytest.xml');
    const skipped = collectorModules([r], 'skipped');
    expect(skipped).toHaveLength(7);
    expect(skipped).toContain('tests.test_AspenHandlerODBC');
    // none of them maps to a test id
    const mapped = new Set(mapReports([r], ctx()).cases.map((c) => c.id));
    for (const m of skipped) expect(mapped.has(m)).toBe(false);
  });
});

describe('mapReports on real pytest reports', () => {
  const pygithub = report('PyGithub__PyGithub__pytest.xml');
  const tagreader = report('equinor__tagreader-python__pytest.xml');
  const mosaik = report('OFFIS-mosaik__mosaik__pytest.xml');
  // PyGithub keeps every test module directly in tests/ (see PROVENANCE.md).
  const pygithubDisk: MapContext = { knownIds: new Set(), isFile: (p) => /^tests\/[^/]+\.py$/.test(p) };
  const nothing: MapContext = { knownIds: new Set(), isFile: () => false };

  it.each<[string, JUnitReport, MapContext, (c: JUnitCase) => string]>([
    ['PyGithub (xunit2) with its layout on disk', pygithub, pygithubDisk, (c) => `tests/${c.classname.split('.')[1]}.py`],
    ['tagreader (xunit1) with nothing known', tagreader, nothing, (c) => c.file ?? '?'],
    ['mosaik (xunit2) with nothing known', mosaik, nothing, (c) => `${c.classname.replaceAll('.', '/')}.py`],
  ])('%s: every testcase maps, to the right file, and round-trips', (_label, r, context, expectedFile) => {
    const { cases, unmapped } = mapReports([r], context);
    const tests = casesOf(r).filter((c) => c.classname !== '');
    expect(cases).toHaveLength(tests.length);
    cases.forEach((m, i) => {
      const c = tests[i] as JUnitCase;
      expect(m).toEqual({ id: m.id, time: c.time, outcome: c.outcome, report: 0 });
      expect(fileOf(m.id)).toBe(expectedFile(c));
      expect(junitNamesOf(m.id)).toEqual({ classname: c.classname, name: c.name });
    });
    expect(unmapped).toHaveLength(casesOf(r).length - tests.length);
  });

  it('lists the collection-skipped modules of tagreader as unmapped', () => {
    const { unmapped } = mapReports([tagreader], nothing);
    expect(unmapped).toEqual([
      'equinor__tagreader-python__pytest.xml: tests.test_AspenHandlerODBC',
      'equinor__tagreader-python__pytest.xml: tests.test_AspenHandlerODBC_connect',
      'equinor__tagreader-python__pytest.xml: tests.test_PIHandlerODBC',
      'equinor__tagreader-python__pytest.xml: tests.test_PIHandlerODBC_connect',
      'equinor__tagreader-python__pytest.xml: tests.test_data_integrity',
      'equinor__tagreader-python__pytest.xml: tests.extratests.tests.test_extra_AspenHandlerODBC_connect',
      'equinor__tagreader-python__pytest.xml: tests.extratests.tests.test_extra_PIHandlerODBC_connect',
    ]);
  });

  const connectionName =
    'testRecordAndReplay[ReplayingHttpConnection-http-{"body":"BODY TEXT"}-\\nGET\\napi.github.com\\nNone\\n/user\\n' +
    "{'Authorization': 'Basic login_and_password_removed', 'User-Agent': 'PyGithub/Python'}\\nNone\\n200\\n[]\\n" +
    '{"body":"BODY TEXT"}\\n\\n]';
  const mapped = mapReports([pygithub, tagreader, mosaik], {
    knownIds: new Set(),
    isFile: (p) => pygithubDisk.isFile(p) || /^tests\/(extratests\/tests\/|scenarios\/)?test_[^/]+\.py$/.test(p),
  });
  const byKey = new Map<string, string>();
  [pygithub, tagreader, mosaik].forEach((r, ri) => {
    const tests = casesOf(r).filter((c) => c.classname !== '');
    const ids = mapped.cases.filter((m) => m.report === ri);
    tests.forEach((c, i) => byKey.set(`${ri}|${c.classname}|${c.name}`, ids[i]?.id ?? '?'));
  });

  it.each([
    [0, 'tests.ApplicationOAuth.ApplicationOAuth', 'testCheckError', 'tests/ApplicationOAuth.py::ApplicationOAuth::testCheckError'],
    [0, 'tests.Github_.Github', 'testGetEmojis', 'tests/Github_.py::Github::testGetEmojis'],
    [0, 'tests.Issue2030.Organization', 'testIssue2030CreateProject', 'tests/Issue2030.py::Organization::testIssue2030CreateProject'],
    [0, 'tests.Exceptions.SpecificExceptions', 'testBadCredentials', 'tests/Exceptions.py::SpecificExceptions::testBadCredentials'],
    [0, 'tests.Connection', connectionName, `tests/Connection.py::${connectionName}`],
    [1, 'tests.test_AspenHandlerREST', 'test_generate_tag_read_query[AVG]', 'tests/test_AspenHandlerREST.py::test_generate_tag_read_query[AVG]'],
    [1, 'tests.test_clients.TestODBC', 'test_PI_init_odbc_client_with_host_port', 'tests/test_clients.py::TestODBC::test_PI_init_odbc_client_with_host_port'],
    [1, 'tests.test_clients', 'test_get_next_timeslice', 'tests/test_clients.py::test_get_next_timeslice'],
    [
      1,
      'tests.extratests.tests.test_extra_AspenHandlerREST_connect',
      'test_search_tag_double_spaces',
      'tests/extratests/tests/test_extra_AspenHandlerREST_connect.py::test_search_tag_double_spaces',
    ],
    [2, 'tests.scenarios.test_complex_time-based_dag', 'test_scenario[True]', 'tests/scenarios/test_complex_time-based_dag.py::test_scenario[True]'],
    [
      2,
      'tests.test_benchmarks',
      'test_benchmarks[/home/eschulte/mosaik/develop/tests/benchmarks/benchmark_sparse_time.py]',
      'tests/test_benchmarks.py::test_benchmarks[/home/eschulte/mosaik/develop/tests/benchmarks/benchmark_sparse_time.py]',
    ],
    [2, 'tests.test_tiered_time', 'test_torsor', 'tests/test_tiered_time.py::test_torsor'],
  ])('report %i: %s :: %s', (ri, classname, name, id) => {
    expect(byKey.get(`${ri}|${classname}|${name}`)).toBe(id);
  });

  it('keeps input order and report indexes across reports, duplicates included', () => {
    expect(mapped.cases.map((m) => m.report)).toEqual([...Array<number>(1008).fill(0), ...Array<number>(128).fill(1), ...Array<number>(238).fill(2)]);
    const twice = mapReports([mosaik, mosaik], nothing);
    expect(twice.cases).toHaveLength(476);
    expect(twice.cases[238]).toEqual({ ...twice.cases[0], report: 1 });
  });

  it('maps 100k cases against 100k known ids quickly', () => {
    const known: string[] = [];
    const cases: JUnitCase[] = [];
    for (let i = 0; i < 100_000; i++) {
      const id = `tests/pkg${i % 50}/v1.${i % 7}/test_m${i % 400}.py::TestC${i % 5}::test_f[${i}-a.b::c]`;
      known.push(id);
      const { classname, name } = junitNamesOf(id);
      cases.push({ classname, name, time: 0.01, outcome: 'passed' });
    }
    const context: MapContext = { knownIds: new Set(known), isFile: () => false };
    const { cases: out, unmapped } = mapReports([{ source: 'big.xml', suites: [{ name: 'pytest', cases }] }], context);
    expect(unmapped).toEqual([]);
    expect(out.map((m) => m.id)).toEqual(known);
  });
});

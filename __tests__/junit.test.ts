import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../src/core/errors.js';
import type { JUnitCase, JUnitReport } from '../src/core/types.js';
import { decodeAttr, parseJUnit } from '../src/formats/junit.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/junit/', import.meta.url));
const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');

const allCases = (r: JUnitReport): JUnitCase[] => r.suites.flatMap((s) => s.cases);
const countTags = (xml: string, tag: string): number => xml.split(`<${tag} `).length - 1 + (xml.split(`<${tag}>`).length - 1);

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.message).not.toMatch(/\n/);
    return err;
  }
  throw new Error('expected an InputError');
}

const wrap = (cases: string, suiteAttrs = 'name="pytest" time="1.5"'): string =>
  `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite ${suiteAttrs}>${cases}</testsuite></testsuites>`;

describe('parseJUnit: real pytest reports', () => {
  it('PyGithub (xunit2, no file attribute): every testcase, times, suite time', () => {
    const xml = fixture('PyGithub__PyGithub__pytest.xml');
    const r = parseJUnit(xml, 'pygithub.xml');
    expect(r.source).toBe('pygithub.xml');
    expect(r.suites).toHaveLength(1);
    expect(r.suites[0]?.name).toBe('pytest');
    expect(r.suites[0]?.time).toBe(43.749);
    const cases = allCases(r);
    expect(cases).toHaveLength(countTags(xml, 'testcase'));
    expect(cases).toHaveLength(1008); // the header claims tests="1623"; only the elements count
    expect(cases[0]).toEqual({
      classname: 'tests.ApplicationOAuth.ApplicationOAuth',
      name: 'testCheckError',
      time: 0.005,
      outcome: 'passed',
    });
    expect(cases.every((c) => c.file === undefined)).toBe(true);
    // &quot; decoded; pytest's own backslash escapes (\n, \xa0) stay literal text.
    const conn = cases.find((c) => c.classname === 'tests.Connection');
    expect(conn?.name).toBe(
      'testRecordAndReplay[ReplayingHttpConnection-http-{"body":"BODY TEXT"}-\\nGET\\napi.github.com\\nNone\\n/user\\n' +
        "{'Authorization': 'Basic login_and_password_removed', 'User-Agent': 'PyGithub/Python'}\\nNone\\n200\\n[]\\n" +
        '{"body":"BODY TEXT"}\\n\\n]',
    );
    const sum = cases.reduce((a, c) => a + c.time, 0);
    expect(sum).toBeCloseTo(39.626, 3);
  });

  it('equinor tagreader (xunit1): file attribute, failures, collection-skipped modules', () => {
    const xml = fixture('equinor__tagreader-python__pytest.xml');
    const cases = allCases(parseJUnit(xml, 'tagreader.xml'));
    expect(cases).toHaveLength(135);
    const count = (o: string) => cases.filter((c) => c.outcome === o).length;
    expect([count('passed'), count('failed'), count('error'), count('skipped')]).toEqual([83, 40, 0, 12]);
    expect(cases[0]).toEqual({
      classname: '',
      name: 'tests.test_AspenHandlerODBC',
      file: 'tests/test_AspenHandlerODBC.py',
      time: 0,
      outcome: 'skipped',
    });
    expect(cases.filter((c) => c.classname === '')).toHaveLength(7);
    expect(cases.every((c) => typeof c.file === 'string' && c.file.endsWith('.py'))).toBe(true);
    expect(cases.find((c) => c.name === 'test_generate_tag_read_query[AVG]')).toEqual({
      classname: 'tests.test_AspenHandlerREST',
      name: 'test_generate_tag_read_query[AVG]',
      file: 'tests/test_AspenHandlerREST.py',
      time: 0.001,
      outcome: 'passed',
    });
    expect(cases.reduce((a, c) => a + c.time, 0)).toBeCloseTo(30.114, 3);
  });

  it('mosaik (xunit2 with <properties>): properties ignored, skips counted', () => {
    const xml = fixture('OFFIS-mosaik__mosaik__pytest.xml');
    const r = parseJUnit(xml, 'mosaik.xml');
    expect(r.suites).toHaveLength(1);
    expect(r.suites[0]?.time).toBe(29.192);
    const cases = allCases(r);
    expect(cases).toHaveLength(238);
    expect(cases.filter((c) => c.outcome === 'skipped')).toHaveLength(6);
    expect(cases.reduce((a, c) => a + c.time, 0)).toBeCloseTo(22.411, 3);
    expect(cases.some((c) => c.name.startsWith('test_benchmarks[/home/eschulte/mosaik/develop/tests/benchmarks/'))).toBe(true);
  });
});

describe('parseJUnit: other JUnit producers parse too', () => {
  it('jest-junit: two suites, all passed', () => {
    const r = parseJUnit(fixture('functionless__functionless__junit.xml'), 'jest.xml');
    expect(r.suites.map((s) => s.cases.length)).toEqual([78, 15]);
    expect(r.suites.map((s) => s.time)).toEqual([0.609, 7.206]);
    expect(allCases(r).every((c) => c.outcome === 'passed')).toBe(true);
    expect(allCases(r).reduce((a, c) => a + c.time, 0)).toBeCloseTo(2.591, 3);
  });

  it('go-junit-report', () => {
    const r = parseJUnit(fixture('renderedtext__go-tackle__junit-report.xml'), 'go.xml');
    expect(r.suites).toEqual([
      {
        name: 'github.com/renderedtext/go-tackle',
        time: 0.53,
        cases: [
          { classname: 'github.com/renderedtext/go-tackle', name: 'TestConsumerCanBeStartedAndStopped', time: 0.21, outcome: 'passed' },
          { classname: 'github.com/renderedtext/go-tackle', name: 'TestConsumerCannotBeStartedTwice', time: 0.11, outcome: 'passed' },
          { classname: 'github.com/renderedtext/go-tackle', name: 'TestProcessorRanOnceAndPublishWork', time: 0.21, outcome: 'passed' },
        ],
        // The suite's own properties are read (split-plan's shard plugin reports through them).
        properties: [{ name: 'go.version', value: 'go1.17.6 linux/amd64' }],
      },
    ]);
  });

  it('Maven Surefire: bare <testsuite> root with namespace attributes', () => {
    const r = parseJUnit(fixture('teleivo__maven-surefire-test-durations__TEST-com.github.teleivo.AppTest.xml'), 'surefire.xml');
    expect(r.suites).toHaveLength(1);
    expect(r.suites[0]?.name).toBe('com.github.teleivo.AppTest');
    expect(r.suites[0]?.time).toBe(31.039);
    expect(allCases(r).map((c) => [c.classname, c.name, c.time])).toEqual([
      ['com.github.teleivo.AppTest', 'shouldAnswerWithTrue', 12.004],
      ['com.github.teleivo.AppTest', 'shouldAnswerWithTrueAsWell', 12],
    ]);
  });
});

describe('parseJUnit: shapes', () => {
  it('bare <testsuite> root, missing times, outcomes with precedence', () => {
    const xml =
      '<testsuite name="s">' +
      '<testcase classname="m" name="pass"/>' +
      '<testcase classname="m" name="skip" time="0.5"><skipped/></testcase>' +
      '<testcase classname="m" name="fail" time="1"><failure message="x">trace</failure></testcase>' +
      '<testcase classname="m" name="err"><error/></testcase>' +
      '<testcase classname="m" name="fail+skip"><skipped/><failure/></testcase>' +
      '<testcase classname="m" name="err+fail"><failure/><error/></testcase>' +
      '<testcase classname="m" name="out"><system-out>hello</system-out><system-err/><properties><property name="a" value="b"/></properties></testcase>' +
      '</testsuite>';
    const r = parseJUnit(xml, 'r.xml');
    expect(r.suites).toHaveLength(1);
    expect(r.suites[0]).not.toHaveProperty('time');
    expect(allCases(r).map((c) => [c.name, c.outcome, c.time])).toEqual([
      ['pass', 'passed', 0],
      ['skip', 'skipped', 0.5],
      ['fail', 'failed', 1],
      ['err', 'error', 0],
      ['fail+skip', 'failed', 0],
      ['err+fail', 'error', 0],
      ['out', 'passed', 0],
    ]);
  });

  it('many suites, nested suites flattened into their outermost suite in document order', () => {
    const xml =
      '<testsuites time="9">' +
      '<testsuite name="a" time="3"><testcase classname="x" name="1"/>' +
      '<testsuite name="a.inner" time="2"><testcase classname="x" name="2"/><testsuite name="deeper"><testcase classname="x" name="3"/></testsuite></testsuite>' +
      '<testcase classname="x" name="4"/></testsuite>' +
      '<testsuite name="b"><testcase classname="y" name="5" time="0.25"/></testsuite>' +
      '<testsuite name="empty" time="0"/>' +
      '</testsuites>';
    const r = parseJUnit(xml, 'r.xml');
    expect(r.suites.map((s) => [s.name, s.time, s.cases.map((c) => c.name)])).toEqual([
      ['a', 3, ['1', '2', '3', '4']],
      ['b', undefined, ['5']],
      ['empty', 0, []],
    ]);
  });

  it('empty <testsuites/> is a report with no suites; loose testcases are kept', () => {
    expect(parseJUnit('<testsuites/>', 'e.xml')).toEqual({ source: 'e.xml', suites: [] });
    const r = parseJUnit('<testsuites><testcase classname="c" name="n" time="1"/></testsuites>', 'l.xml');
    expect(r.suites).toEqual([{ name: '', cases: [{ classname: 'c', name: 'n', time: 1, outcome: 'passed' }] }]);
  });

  it('strips a UTF-8 BOM, keeps comments and processing instructions out of the way', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<?pi x?>\n<testsuites><testsuite name="s">' +
      '<testcase classname="a" name="b" time="2"/></testsuite></testsuites>\n<!-- end -->\n';
    expect(allCases(parseJUnit(xml, 'bom.xml'))).toEqual([{ classname: 'a', name: 'b', time: 2, outcome: 'passed' }]);
  });

  it('decodes predefined entities and character references in attributes, keeps names exact', () => {
    const xml = wrap(
      '<testcase classname="t.m" name="f[a&lt;b&amp;c&quot;d&apos;e&gt; &#233;&#xE9;&#x1F600; &#10;x&amp;amp;]" file="t/m.py" time="0.001"/>' +
        '<testcase classname="t.m" name="g[ spaced  ]" time="1e-3"/>' +
        '<testcase classname="t.m" name="h[&unknown;]" time=".5"/>',
    );
    const cases = allCases(parseJUnit(xml, 'ent.xml'));
    expect(cases.map((c) => c.name)).toEqual(['f[a<b&c"d\'e> éé😀 \nx&amp;]', 'g[ spaced  ]', 'h[&unknown;]']);
    expect(cases.map((c) => c.time)).toEqual([0.001, 0.001, 0.5]);
    expect(cases[0]?.file).toBe('t/m.py');
  });

  it('normalises literal whitespace in attribute values as XML requires', () => {
    expect(decodeAttr('a\tb\r\nc\nd\re')).toBe('a b c d e');
    expect(decodeAttr('x&#9;y&#13;&#10;z')).toBe('x\ty\r\nz');
    expect(decodeAttr('&#0;&#x110000;')).toBe('&#0;&#x110000;');
  });

  it('accepts odd but valid times: exponent, plus sign, surrounding blanks, -0, Surefire thousands', () => {
    const xml = wrap(
      ['2.5e1', '+1', ' 3 ', '-0.000', '1,234.5', '', '7.'].map((t, i) => `<testcase classname="c" name="n${i}" time="${t}"/>`).join(''),
      'name="s" time="1,000"',
    );
    const r = parseJUnit(xml, 't.xml');
    expect(r.suites[0]?.time).toBe(1000);
    const times = allCases(r).map((c) => c.time);
    expect(times).toEqual([25, 1, 3, 0, 1234.5, 0, 7]);
    expect(Object.is(times[3], -0)).toBe(false);
  });

  it('a DOCTYPE inside CDATA or a comment is content, not markup', () => {
    const xml = wrap('<testcase classname="c" name="n"><system-out><![CDATA[<!DOCTYPE html><html/>]]></system-out></testcase><!-- <!ENTITY x "y"> -->');
    expect(allCases(parseJUnit(xml, 'cdata.xml'))).toHaveLength(1);
  });

  it('parses a 6 MB report quickly', () => {
    const parts: string[] = [];
    for (let i = 0; i < 30000; i++) {
      const body = i % 10 === 0 ? `<failure message="boom">${'Traceback line &lt;x&gt;\n'.repeat(20)}</failure><system-out>out</system-out>` : '';
      parts.push(
        `<testcase classname="tests.sub.test_m${i % 300}.TestC" name="test_t[p-${i}-&quot;q&quot;]" file="tests/sub/test_m${i % 300}.py" line="3" time="0.${i % 1000}">${body}</testcase>`,
      );
    }
    const xml = wrap(parts.join(''));
    expect(xml.length).toBeGreaterThan(5_000_000);
    // Speed is a bench figure, not asserted here: this checks a large report parses completely.
    const r = parseJUnit(xml, 'big.xml');
    expect(allCases(r)).toHaveLength(30000);
    expect(allCases(r)[1]?.name).toBe('test_t[p-1-"q"]');
  });
});

describe('parseJUnit: suite properties', () => {
  it.each<[string, string, { name: string; value: string }[] | undefined]>([
    [
      'pytest: escaped JSON in a value, in document order',
      '<testsuites><testsuite name="pytest" time="1"><properties><property name="split-plan-group" value="2" /><property name="split-plan-gone" value="[&quot;a.py::t[x&gt;y]&quot;, &quot;b&amp;c&quot;]" /></properties><testcase classname="a" name="t" time="1"/></testsuite></testsuites>',
      [
        { name: 'split-plan-group', value: '2' },
        { name: 'split-plan-gone', value: '["a.py::t[x>y]", "b&c"]' },
      ],
    ],
    [
      'single quotes, a value holding ">"',
      `<testsuite name="s"><properties><property value='a > b' name='k'/></properties></testsuite>`,
      [{ name: 'k', value: 'a > b' }],
    ],
    [
      "a testcase's own properties are not the suite's",
      '<testsuite name="s"><testcase classname="a" name="t"><properties><property name="k" value="v"/></properties></testcase></testsuite>',
      undefined,
    ],
    [
      'a property without a name is skipped',
      '<testsuite name="s"><properties><property value="v"/><property name="n"/></properties></testsuite>',
      [{ name: 'n', value: '' }],
    ],
  ])('%s', (_name, xml, expected) => {
    expect(parseJUnit(xml, 'p.xml').suites[0]?.properties).toEqual(expected);
  });
});

describe('parseJUnit: bad input is an InputError naming the file', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '  \n\t'],
    ['BOM only', '\uFEFF'],
  ])('%s file', (_label, text) => {
    expect(inputError(() => parseJUnit(text, 'reports/empty.xml')).message).toBe('reports/empty.xml: file is empty, expected JUnit XML');
  });

  it('truncated XML, with the line number', () => {
    const full = fixture('renderedtext__go-tackle__junit-report.xml');
    const truncated = full.slice(0, full.indexOf('TestConsumerCannotBeStartedTwice'));
    const err = inputError(() => parseJUnit(truncated, 'go.xml'));
    expect(err.message).toMatch(/^go\.xml: not well-formed XML at line \d+/);
  });

  it('truncated at an element boundary: names the unclosed elements and the last line', () => {
    const err = inputError(() => parseJUnit('<testsuites>\n<testsuite name="x">\n<testcase classname="a" name="b"/>\n', 'cut.xml'));
    expect(err.message).toBe('cut.xml: not well-formed XML at line 4 (end of file): unclosed <testsuites>, <testsuite> (truncated?)');
  });

  it('mismatched tags, with line and column', () => {
    const err = inputError(() => parseJUnit('<testsuites>\n<testsuite>\n</testsuites>', 'bad.xml'));
    expect(err.message).toMatch(/^bad\.xml: not well-formed XML at line 3, column \d+: /);
  });

  it('not XML at all', () => {
    expect(inputError(() => parseJUnit('{"tests/test_a.py::test_x": 1.5}', 'd.json')).message).toMatch(/^d\.json: not well-formed XML/);
  });

  it('billion laughs DOCTYPE is refused before any parsing', () => {
    const lol =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
      Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
      ']>\n<testsuites><testsuite name="x"><testcase classname="a" name="&lol9;"/></testsuite></testsuites>';
    expect(inputError(() => parseJUnit(lol, 'evil.xml')).message).toBe('evil.xml: DOCTYPE/entities are not allowed in JUnit XML');
  });

  it.each([
    ['external entity', '<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite><testcase classname="a" name="&x;"/></testsuite>'],
    ['plain doctype', '<!DOCTYPE testsuite><testsuite/>'],
    ['lower-case doctype', '<!doctype testsuite><testsuite/>'],
    ['entity declaration in the body', '<testsuite><!ENTITY x "y"><testcase classname="a" name="b"/></testsuite>'],
    ['doctype after a comment', '<!-- hi --><!DOCTYPE testsuite><testsuite/>'],
  ])('%s is refused', (_label, xml) => {
    expect(inputError(() => parseJUnit(xml, 'd.xml')).message).toBe('d.xml: DOCTYPE/entities are not allowed in JUnit XML');
  });

  it.each([
    ['negative', '-0.5'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['huge exponent', '1e999'],
    ['words', 'fast'],
    ['hex', '0x10'],
    ['unit suffix', '1.5s'],
    ['comma decimal', '1,5'],
  ])('%s testcase time names file and testcase', (_label, time) => {
    const xml = wrap(
      '<testcase classname="tests.test_a.TestX" name="test_y[1]" time="1"/>' + `<testcase classname="tests.test_a.TestX" name="test_z[2]" time="${time}"/>`,
    );
    expect(inputError(() => parseJUnit(xml, 'shard-1.xml')).message).toBe(
      `shard-1.xml: testcase "tests.test_a.TestX::test_z[2]" has invalid time ${JSON.stringify(time)} (expected a finite number >= 0)`,
    );
  });

  it('invalid suite time names the suite', () => {
    expect(inputError(() => parseJUnit(wrap('', 'name="pytest" time="-3"'), 's.xml')).message).toBe(
      's.xml: testsuite "pytest" has invalid time "-3" (expected a finite number >= 0)',
    );
  });

  it.each([
    ['<html><body/></html>', 's.xml: root element is <html>, expected <testsuites> or <testsuite>'],
    ['<testcase classname="a" name="b"/>', 's.xml: root element is <testcase>, expected <testsuites> or <testsuite>'],
    ['<testsuite/><testsuite/>', 's.xml: more than one root element, expected a single <testsuites> or <testsuite>'],
    ['<testsuites/><other/>', 's.xml: more than one root element, expected a single <testsuites> or <testsuite>'],
  ])('wrong root %s', (xml, message) => {
    expect(inputError(() => parseJUnit(xml, 's.xml')).message).toBe(message);
  });
});

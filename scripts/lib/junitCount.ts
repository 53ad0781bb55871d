/**
 * Counting what ran, from JUnit reports alone, independently of the planner's own JUnit mapping
 * (so the exactly-once check of the real-suite proving ground is a real check of the planner).
 *
 * pytest's junitxml names a test by (classname, name), derived from its node id: the part
 * before the first `[` is split on `::`, the file path's `/` become `.` and its `.py` goes, the
 * parameters go back on the last name; the classname is every name but the last, joined by `.`.
 * junitKeyOf does the same to a collected node id, so the collected list and the reports meet.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** The (classname, name) key pytest's junitxml writes for a node id, joined by NUL. */
export function junitKeyOf(nodeid: string): string {
  const open = nodeid.indexOf('[');
  const path = open < 0 ? nodeid : nodeid.slice(0, open);
  const params = open < 0 ? '' : nodeid.slice(open);
  const names = path.split('::');
  names[0] = (names[0] as string).replaceAll('/', '.').replace(/\.py$/, '');
  names[names.length - 1] += params;
  return `${names.slice(0, -1).join('.')}\u0000${names[names.length - 1] as string}`;
}

export interface JUnitCase {
  key: string;
  seconds: number;
}

export interface JUnitReport {
  /** Sum of the `<testsuite time>` attributes: pytest's session. */
  sessionSeconds: number;
  cases: JUnitCase[];
}

interface SuiteXml {
  time?: string | number;
  testcase?: { classname?: string | number; name?: string | number; time?: string | number }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

export function parseJUnitReport(text: string): JUnitReport {
  const doc = parser.parse(text) as { testsuites?: { testsuite?: SuiteXml[] }; testsuite?: SuiteXml[] };
  const suites = doc.testsuites?.testsuite ?? doc.testsuite ?? [];
  let sessionSeconds = 0;
  const cases: JUnitCase[] = [];
  for (const s of suites) {
    sessionSeconds += Number(s.time ?? 0);
    for (const c of s.testcase ?? []) cases.push({ key: `${String(c.classname ?? '')}\u0000${String(c.name ?? '')}`, seconds: Number(c.time ?? 0) });
  }
  return { sessionSeconds, cases };
}

export function readJUnitReport(path: string): JUnitReport {
  return parseJUnitReport(readFileSync(path, 'utf8'));
}

export interface ExactlyOnce {
  /** Collected tests that ran in no shard. */
  lost: string[];
  /** Collected tests that ran in more than one shard. */
  doubled: string[];
  /** Testcases in the reports that are no collected test (a collection error, a stray test). */
  unexpected: string[];
  ok: boolean;
}

/**
 * Every collected test in exactly one shard's report. A test reported twice inside one report
 * (a failure and a teardown error) is one run; in two reports it is doubled.
 */
export function exactlyOnce(collected: readonly string[], reports: readonly JUnitReport[]): ExactlyOnce {
  const shardsOf = new Map<string, number>();
  for (const r of reports) for (const key of new Set(r.cases.map((c) => c.key))) shardsOf.set(key, (shardsOf.get(key) ?? 0) + 1);
  const expected = new Map<string, string>();
  for (const id of collected) expected.set(junitKeyOf(id), id);
  const lost: string[] = [];
  const doubled: string[] = [];
  for (const [key, id] of expected) {
    const k = shardsOf.get(key) ?? 0;
    if (k === 0) lost.push(id);
    else if (k > 1) doubled.push(id);
  }
  const unexpected = [...shardsOf.keys()].filter((k) => !expected.has(k)).map((k) => k.replace('\u0000', '::'));
  return { lost, doubled, unexpected, ok: lost.length === 0 && doubled.length === 0 && unexpected.length === 0 };
}

export function describeExactlyOnce(e: ExactlyOnce): string {
  if (e.ok) return 'yes';
  return `NO (lost ${e.lost.length}, doubled ${e.doubled.length}, unexpected ${e.unexpected.length})`;
}

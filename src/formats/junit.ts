/**
 * JUnit XML reader: text in, {@link JUnitReport} out. Pure (no fs): the caller reads the file and
 * passes its text plus a `source` name used in every message.
 *
 * Accepted shapes (pytest xunit1/xunit2, jest-junit, go-junit-report, Maven Surefire, ...):
 * - `<testsuites>` holding one or many `<testsuite>` (any other child is ignored, except that
 *   `<testcase>` elements placed directly under `<testsuites>` are kept in an extra suite named '');
 * - a bare `<testsuite>` root.
 *
 * Decisions:
 * - Nested `<testsuite>` elements are flattened into their outermost `<testsuite>`: one
 *   {@link JUnitSuite} per top-level suite, holding its own cases and all descendants' cases in
 *   document order, with the top-level suite's `time` (which already covers the nested suites, so
 *   summing suite times never double-counts).
 * - Outcome of a case: `<error>` > `<failure>` > `<skipped>` > passed. Every `<testcase>` element is
 *   its own {@link JUnitCase}; pytest writes a second element with the same name for a teardown
 *   error after a failed call, and deduplication is left to the caller.
 * - `time`: missing or empty -> 0 for a case, undefined for a suite. Otherwise it must be a plain
 *   decimal number (exponent allowed; Surefire's `1,234.5` thousands separators are accepted) that is
 *   finite and >= 0 (`-0.000` counts as 0); anything else is an InputError naming file and element.
 * - Security: a DOCTYPE or ENTITY declaration anywhere in the markup is refused (text inside CDATA
 *   sections and comments, e.g. captured HTML output, does not count). The XML parser runs with
 *   entity processing off; only the five predefined entities and numeric character references are
 *   decoded, by this module, in the attribute values it reads. Unknown `&name;` stays literal.
 * - Attribute values are normalised as XML requires (literal tab/CR/LF become a space) before
 *   character references are decoded, so `&#10;` survives as a newline.
 * - A UTF-8 byte-order mark is stripped. Empty (or whitespace-only) text is an InputError.
 * - `<system-out>`, `<system-err>` and the bodies of outcome elements are not interpreted (they
 *   are not even parsed: they are stop nodes). Nor is `<properties>`, except a top-level suite's
 *   own: its `<property name value>` pairs are read (split-plan's shard plugin reports there).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../core/errors.js';
import type { JUnitCase, JUnitReport, JUnitSuite, Outcome } from '../core/types.js';

type Attrs = Record<string, unknown>;
/** A preserveOrder node: `{ tag: children, ':@'?: attrs }` or a `#text`/`#comment` leaf. */
type OrderedNode = Record<string, unknown>;

const ATTRS = ':@';

/** Elements whose content is never needed: keep the parser from building trees for them. */
const OPAQUE = ['system-out', 'system-err', 'properties', 'failure', 'error', 'skipped', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError'];

/** Deepest element nesting read (real reports nest a few levels). */
export const MAX_NESTING = 200;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
  // Nested testsuites of real reports are shallow; keep fast-xml-parser's guard but give room.
  maxNestedTags: MAX_NESTING,
  stopNodes: OPAQUE.map((t) => `*.${t}`),
});

const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { passed: 0, skipped: 1, failed: 2, error: 3 };
const OUTCOME_OF_TAG: Readonly<Record<string, Outcome>> = {
  skipped: 'skipped',
  failure: 'failed',
  error: 'error',
};

/** Parse one JUnit XML document. Throws {@link InputError} for anything unusable. */
export function parseJUnit(xml: string, source: string): JUnitReport {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') throw new InputError(`${source}: file is empty, expected JUnit XML`);
  refuseDoctype(text, source);
  refuseHugeTags(text, source);

  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(msg);
    if (unclosed !== null) {
      // fast-xml-parser lists the still-open tags and points at the start; the end is what broke.
      const open = [...(unclosed[1] ?? '').matchAll(/"([^"]*)"/g)].map((m) => `<${m[1]}>`).join(', ');
      const lastLine = text.split('\n').length;
      throw new InputError(`${source}: not well-formed XML at line ${lastLine} (end of file): unclosed ${open} (truncated?)`);
    }
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw new InputError(`${source}: not well-formed XML at ${where}: ${oneLine(msg)}`);
  }

  let doc: OrderedNode[];
  try {
    doc = parser.parse(text) as OrderedNode[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/maximum nested tags/i.test(msg)) throw new InputError(`${source}: elements are nested more than ${MAX_NESTING} deep, which no JUnit report needs`);
    throw new InputError(`${source}: cannot parse XML: ${oneLine(msg)}`);
  }

  const roots = doc.filter((n) => tagOf(n) !== undefined);
  if (roots.length === 0) throw new InputError(`${source}: no root element, expected <testsuites> or <testsuite>`);
  if (roots.length > 1) {
    throw new InputError(`${source}: more than one root element, expected a single <testsuites> or <testsuite>`);
  }
  const root = roots[0] as OrderedNode;
  const rootTag = tagOf(root) as string;
  const suites: JUnitSuite[] = [];
  if (rootTag === 'testsuites') {
    const loose: JUnitCase[] = [];
    for (const child of childrenOf(root, rootTag)) {
      const tag = tagOf(child);
      if (tag === 'testsuite') suites.push(readSuite(child, source));
      else if (tag === 'testcase') loose.push(readCase(child, source));
    }
    if (loose.length > 0) suites.push({ name: '', cases: loose });
  } else if (rootTag === 'testsuite') {
    suites.push(readSuite(root, source));
  } else {
    throw new InputError(`${source}: root element is <${oneLine(rootTag)}>, expected <testsuites> or <testsuite>`);
  }
  return { source, suites };
}

function readSuite(node: OrderedNode, source: string): JUnitSuite {
  const attrs = attrsOf(node);
  const name = attr(attrs, 'name') ?? '';
  const rawTime = attr(attrs, 'time');
  const time = parseTime(rawTime, () => `testsuite ${quote(name)}`, source);
  const cases: JUnitCase[] = [];
  collectCases(node, 'testsuite', source, cases);
  const suite: JUnitSuite = { name, cases };
  if (time !== undefined) suite.time = time;
  const properties = childrenOf(node, 'testsuite').flatMap((c) => (tagOf(c) === 'properties' ? readProperties(c) : []));
  if (properties.length > 0) suite.properties = properties;
  return suite;
}

const PROPERTY_TAG = /<property\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** `<property name="…" value="…"/>` pairs of a `<properties>` stop node (its raw text). */
function readProperties(node: OrderedNode): { name: string; value: string }[] {
  const raw = childrenOf(node, 'properties')
    .map((t) => (typeof t['#text'] === 'string' ? t['#text'] : ''))
    .join('');
  const out: { name: string; value: string }[] = [];
  for (const m of raw.matchAll(PROPERTY_TAG)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTRIBUTE)) attrs.set(a[1] as string, decodeAttr(a[2] ?? a[3] ?? ''));
    const name = attrs.get('name');
    if (name !== undefined) out.push({ name, value: attrs.get('value') ?? '' });
  }
  return out;
}

/** Depth-first, document order: direct cases and those of nested suites. */
function collectCases(node: OrderedNode, tag: string, source: string, out: JUnitCase[]): void {
  for (const child of childrenOf(node, tag)) {
    const t = tagOf(child);
    if (t === 'testcase') out.push(readCase(child, source));
    else if (t === 'testsuite') collectCases(child, t, source, out);
  }
}

function readCase(node: OrderedNode, source: string): JUnitCase {
  const attrs = attrsOf(node);
  const classname = attr(attrs, 'classname') ?? '';
  const name = attr(attrs, 'name') ?? '';
  const file = attr(attrs, 'file');
  const time = parseTime(attr(attrs, 'time'), () => `testcase ${quote(classname ? `${classname}::${name}` : name)}`, source) ?? 0;
  let outcome: Outcome = 'passed';
  for (const child of childrenOf(node, 'testcase')) {
    const t = tagOf(child);
    const o = t === undefined ? undefined : OUTCOME_OF_TAG[t];
    if (o !== undefined && OUTCOME_RANK[o] > OUTCOME_RANK[outcome]) outcome = o;
  }
  const c: JUnitCase = { classname, name, time, outcome };
  if (file !== undefined) c.file = file;
  return c;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** undefined for a missing or blank attribute; a number >= 0; else InputError. */
function parseTime(raw: string | undefined, what: () => string, source: string): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  let value = Number.NaN;
  if (NUMBER.test(s)) value = Number(s);
  else if (GROUPED.test(s)) value = Number(s.replaceAll(',', ''));
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError(`${source}: ${what()} has invalid time ${quote(raw)} (expected a finite number >= 0)`);
  }
  return value === 0 ? 0 : value; // folds -0 into 0
}

function tagOf(node: OrderedNode): string | undefined {
  for (const k in node) {
    if (k !== ATTRS && k[0] !== '#' && k[0] !== '?') return k;
  }
  return undefined;
}

function childrenOf(node: OrderedNode, tag: string): OrderedNode[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as OrderedNode[]) : [];
}

function attrsOf(node: OrderedNode): Attrs | undefined {
  const a = node[ATTRS];
  return a !== null && typeof a === 'object' ? (a as Attrs) : undefined;
}

function attr(attrs: Attrs | undefined, key: string): string | undefined {
  if (attrs === undefined || !Object.hasOwn(attrs, key)) return undefined;
  const v = attrs[key];
  return typeof v === 'string' ? decodeAttr(v) : undefined;
}

const XML_ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(lt|gt|amp|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML attribute-value normalisation plus predefined/numeric references (no DTD entities). */
export function decodeAttr(v: string): string {
  let s = v;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n?|[\t\n]/g, ' ');
  if (s.indexOf('&') === -1) return s;
  return s.replace(XML_ENTITY, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named !== undefined) return NAMED[named] ?? m;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

const DTD_HINT = /<!(?:doctype|entity)/i;
const MARKUP = /<!\[CDATA\[|<!--|<![Dd][Oo][Cc][Tt][Yy][Pp][Ee]|<![Ee][Nn][Tt][Ii][Tt][Yy]/g;

/**
 * Refuse DOCTYPE/ENTITY declarations (entity-expansion attacks such as "billion laughs", external
 * entities). Occurrences inside CDATA sections or comments are content, not markup, and are allowed.
 */
function refuseDoctype(text: string, source: string): void {
  if (!DTD_HINT.test(text)) return;
  const re = new RegExp(MARKUP.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '<![CDATA[' || m[0] === '<!--') {
      const close = m[0] === '<!--' ? '-->' : ']]>';
      const end = text.indexOf(close, re.lastIndex);
      if (end === -1) return; // unterminated: the validator reports it
      re.lastIndex = end + close.length;
      continue;
    }
    throw new InputError(`${source}: DOCTYPE/entities are not allowed in JUnit XML`);
  }
}

/**
 * The most characters one start tag (its name and attributes) may take. fast-xml-parser's
 * validator builds a tag's attribute text one character at a time, which costs it about 36 bytes
 * and 0.5 ms per KiB: a 100 MB attribute took 3.4 GB and 78 s, a 512 MiB one would exhaust memory.
 * Real reports stay far below this (a long failure message is a few KiB).
 */
export const MAX_TAG_CHARS = 4 * 1024 * 1024;

/** Refuses a start tag over {@link MAX_TAG_CHARS}; comments, CDATA and text are skipped. */
function refuseHugeTags(text: string, source: string): void {
  const n = text.length;
  let i = text.indexOf('<');
  while (i !== -1) {
    let next: number;
    if (text.startsWith('<!--', i)) next = endOf(text, '-->', i);
    else if (text.startsWith('<![CDATA[', i)) next = endOf(text, ']]>', i);
    else if (text.startsWith('<?', i)) next = endOf(text, '?>', i);
    else {
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 0x3e) break; // >
        if (c === 0x22 || c === 0x27) {
          // a quoted value may hold '>'; jump to its closing quote
          const close = text.indexOf(c === 0x22 ? '"' : "'", j + 1);
          j = close === -1 ? n : close + 1;
        } else j++;
      }
      if (j - i > MAX_TAG_CHARS) {
        const name = /^<\/?([^\s/>]{0,40})/.exec(text.slice(i, i + 43))?.[1] ?? '';
        const mib = Math.round((j - i) / 1048576);
        throw new InputError(
          `${source}: the <${oneLine(name)}> tag at line ${lineAt(text, i)} is ${mib} MiB long, over the ${MAX_TAG_CHARS / 1048576} MiB limit for one element (attributes that large are not a test report)`,
        );
      }
      next = j + 1;
    }
    i = next >= n ? -1 : text.indexOf('<', next);
  }
}

/** Index after `close` (searched from `from`), or the end of the text. */
function endOf(text: string, close: string, from: number): number {
  const k = text.indexOf(close, from + 2);
  return k === -1 ? text.length : k + close.length;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < index; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

function quote(s: string): string {
  const short = s.length > 300 ? `${s.slice(0, 300)}...` : s;
  return JSON.stringify(short);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Map JUnit `<testcase classname name>` pairs back to pytest node ids. Pure: file lookups go
 * through the caller's {@link MapContext.isFile}.
 *
 * How pytest names a test in JUnit XML: the node id is cut at its first `[` (the params), the head
 * is split on `::`, the first part (the file) has `/` turned into `.` and a trailing `.py` dropped,
 * and the params are put back on the last part. `classname` is every part but the last joined with
 * `.`, `name` is the last part (with characters that XML cannot carry shown as `#xNN`). So
 * `a/b/test_x.py::TestO::TestI::test_f[p a.b::c]` becomes classname `a.b.test_x.TestO.TestI` and
 * name `test_f[p a.b::c]`. Going back is ambiguous: each `.` of the classname may be a `/`, a
 * literal dot of a directory or file name (`tests/v1.2/test_a.py`), or the boundary between the
 * module and its classes. Resolution order, first hit wins:
 *
 * 1. Known ids: every id of {@link MapContext.knownIds} is named the way pytest would name it and
 *    looked up by (classname, name). Exact, whatever the dots are. If two known ids give the same
 *    pair, the one whose file equals the case's `file` attribute wins, else the longest file path.
 * 2. Known files: the classname is cut after each of its dotted parts, longest module first; the
 *    module part matches a file of some known id (compared in pytest's mangled form, so dotted
 *    directories work) or, with every dot read as `/` plus `.py`, a file that `isFile` confirms.
 *    If none matches, spellings with literal dots are probed through `isFile`, at most
 *    {@link PROBE_BUDGET} probes per classname, most plausible first: dots kept before parts that
 *    cannot start a Python name (`v1.2`, `..`, `.hidden`); then every spelling of the conventional
 *    split (rule 4's), fewest literal dots first; then the other split points. Extension-less
 *    names are tried too, for non-Python test files such as doctest text (`docs/usage.txt`).
 * 3. The xunit1 `file` attribute, only when its module path (`.py` dropped, `/` -> `.`) is the
 *    classname or a dotted prefix of it. For an inherited test pytest writes the base class's module
 *    there, which then does not match and is ignored. Windows `\` separators are accepted.
 * 4. Heuristic: the file ends before the first part (after the first) that starts with an upper-case
 *    letter; the rest are classes. Without such a part the whole classname is the module.
 *
 * Cases that are not tests map to `undefined`: `classname=""` (pytest's report for a collector,
 * e.g. a module skipped or failing at collection, named by its module), pytest's own
 * `classname="pytest" name="internal"` error record, and an empty name. Rule 1 still applies to
 * the first two: a node id without `::` that is in `knownIds` is an item that is its own file (some
 * plugins collect such items) and pytest writes it with `classname=""`, so it maps. A test in a
 * root-level file is never affected: `test_x.py::test_f` has classname `test_x`.
 * Heuristic results (rule 4) still count as mapped: a wrong guess only yields an id that matches no
 * collected test.
 *
 * Resolutions are cached per context and classname, so large reports with few distinct classnames
 * map in linear time.
 */
import { compareIds, fileOf } from './nodeid.js';
import type { JUnitCase, JUnitReport, MappedCase, NodeId, Outcome } from './types.js';

export interface MapContext {
  /** Node ids from the collected list and the durations keys. */
  knownIds: ReadonlySet<string>;
  /**
   * True if that rootdir-relative path (with `/`) is a file, typically a disk lookup by the
   * caller. Files of known ids are consulted internally before this is asked.
   */
  isFile: (relPath: string) => boolean;
}

/** Most `isFile` probes spent on literal-dot spellings of one classname (rule 2). */
export const PROBE_BUDGET = 128;
/** Most literal-dot spellings considered for one classname (most are discarded unprobed). */
const MAX_SPELLINGS = 4096;

/** pytest's JUnit (classname, name) for a node id: the forward direction of this module. */
export function junitNamesOf(id: NodeId): { classname: string; name: string } {
  const bracket = id.indexOf('[');
  const head = bracket === -1 ? id : id.slice(0, bracket);
  const params = bracket === -1 ? '' : id.slice(bracket);
  const first = head.indexOf('::');
  if (first === -1) return { classname: '', name: xmlVisibleEscape(moduleOfFile(head) + params) };
  if (!head.includes(':::')) {
    // Fast path (no overlapping separators): same result as the split below.
    const last = head.lastIndexOf('::');
    const module = moduleOfFile(head.slice(0, first));
    const classname = last === first ? module : `${module}.${head.slice(first + 2, last).replaceAll('::', '.')}`;
    return { classname, name: xmlVisibleEscape(head.slice(last + 2) + params) };
  }
  const names = head.split('::');
  names[0] = moduleOfFile(names[0] ?? '');
  const last = names.length - 1;
  names[last] = `${names[last] ?? ''}${params}`;
  return { classname: names.slice(0, last).join('.'), name: xmlVisibleEscape(names[last] ?? '') };
}

/** A rootdir-relative file path as pytest writes it into a classname: `/` -> `.`, `.py` dropped. */
export function moduleOfFile(file: string): string {
  const dotted = file.replaceAll('/', '.');
  return dotted.endsWith('.py') ? dotted.slice(0, -3) : dotted;
}

// Characters pytest's junit writer replaces by `#xNN` text in `name`: C0 controls other than
// tab/LF/CR, surrogates, U+FFFE/U+FFFF and every astral character (as its regex is written).
const XML_INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff\u{10000}-\u{10ffff}]/u;
const XML_INVISIBLE_ALL = new RegExp(XML_INVISIBLE.source, 'gu');

function xmlVisibleEscape(s: string): string {
  if (!XML_INVISIBLE.test(s)) return s;
  return s.replace(XML_INVISIBLE_ALL, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return `#x${cp
      .toString(16)
      .toUpperCase()
      .padStart(cp <= 0xff ? 2 : 4, '0')}`;
  });
}

/** The node id a JUnit case stands for, or undefined when it is not a test (see module doc). */
export function junitCaseToNodeId(c: JUnitCase, ctx: MapContext): string | undefined {
  return resolverFor(ctx).map(c);
}

/**
 * Modules the reports show as collector records: pytest reports a module that is skipped at
 * collection (`pytest.importorskip`, a module-level skip) or fails to collect (an import error) as
 * a testcase with `classname=""` and the dotted module as its name. Their dotted names (only the
 * records with `outcome` when given), once each, in code-unit order. Refresh keeps the stored
 * tests of every such module; verify counts the tests of a skipped one as run.
 */
export function collectorModules(reports: readonly JUnitReport[], outcome?: Outcome): string[] {
  const names = new Set<string>();
  for (const r of reports) {
    for (const s of r.suites) {
      for (const c of s.cases) if (c.classname === '' && c.name !== '' && (outcome === undefined || c.outcome === outcome)) names.add(c.name);
    }
  }
  return [...names].sort(compareIds);
}

/**
 * Map every case of every report, in input order. `report` is the index into `reports`.
 * `unmapped` lists the cases that are not tests as `"<source>: <classname>::<name>"`
 * (`"<source>: <name>"` when the classname is empty, pytest's collector records).
 */
export function mapReports(reports: JUnitReport[], ctx: MapContext): { cases: MappedCase[]; unmapped: string[] } {
  const resolver = resolverFor(ctx);
  const cases: MappedCase[] = [];
  const unmapped: string[] = [];
  reports.forEach((report, index) => {
    for (const suite of report.suites) {
      for (const c of suite.cases) {
        const id = resolver.map(c);
        if (id === undefined) {
          unmapped.push(`${report.source}: ${c.classname === '' ? c.name : `${c.classname}::${c.name}`}`);
        } else {
          cases.push({ id, time: c.time, outcome: c.outcome, report: index });
        }
      }
    }
  });
  return { cases, unmapped };
}

// ---------------------------------------------------------------------------------------------

interface KnownIndex {
  /**
   * name -> [classname, id, classname, id, ...] of the known ids that pytest would write with that
   * name (flat pairs: names are nearly unique, so this is usually one pair).
   */
  byNames: Map<string, string[]>;
  /** mangled module (see moduleOfFile) -> files of known ids. */
  byModule: Map<string, string[]>;
}

/** Where a classname's module ends: the file and the classes after it. */
interface Split {
  file: string;
  classes: string[];
}

const indexCache = new WeakMap<ReadonlySet<string>, KnownIndex>();
const resolverCache = new WeakMap<MapContext, Resolver>();

function resolverFor(ctx: MapContext): Resolver {
  let r = resolverCache.get(ctx);
  if (r === undefined || r.knownIds !== ctx.knownIds || r.isFile !== ctx.isFile) {
    r = new Resolver(ctx);
    resolverCache.set(ctx, r);
  }
  return r;
}

function indexFor(knownIds: ReadonlySet<string>): KnownIndex {
  let idx = indexCache.get(knownIds);
  if (idx !== undefined) return idx;
  const byNames = new Map<string, string[]>();
  const byModule = new Map<string, string[]>();
  const seenFiles = new Set<string>();
  for (const id of knownIds) {
    const { classname, name } = junitNamesOf(id);
    const pairs = byNames.get(name);
    if (pairs === undefined) byNames.set(name, [classname, id]);
    else pairs.push(classname, id);
    const file = fileOf(id);
    if (file !== '' && !seenFiles.has(file)) {
      seenFiles.add(file);
      pushTo(byModule, moduleOfFile(file), file);
    }
  }
  idx = { byNames, byModule };
  indexCache.set(knownIds, idx);
  return idx;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/** Longest string first; ties in code-unit order (deterministic). */
function preferLongest(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

class Resolver {
  readonly knownIds: ReadonlySet<string>;
  readonly isFile: (relPath: string) => boolean;
  private index: KnownIndex | undefined;
  /** classname -> rule-2 split, or null when no file was found. */
  private readonly byFiles = new Map<string, Split | null>();
  /** classname -> rule-4 split. */
  private readonly guesses = new Map<string, Split>();

  constructor(ctx: MapContext) {
    this.knownIds = ctx.knownIds;
    this.isFile = ctx.isFile;
  }

  map(c: JUnitCase): string | undefined {
    const { classname, name } = c;
    if (name === '') return undefined;
    const known = this.known(c);
    if (known !== undefined) return known;
    if (classname === '') return undefined;
    if (classname === 'pytest' && name === 'internal') return undefined;
    const split = this.splitByFiles(classname) ?? splitByFileAttr(classname, c.file) ?? this.guess(classname);
    return [split.file, ...split.classes, name].join('::');
  }

  /** Rule 1. */
  private known(c: JUnitCase): string | undefined {
    if (this.knownIds.size === 0) return undefined;
    const pairs = this.getIndex().byNames.get(c.name);
    if (pairs === undefined) return undefined;
    const ids: NodeId[] = [];
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === c.classname) ids.push(pairs[i + 1] as NodeId);
    if (ids.length <= 1) return ids[0];
    const attrFile = c.file?.replaceAll('\\', '/');
    const sameFile = attrFile === undefined ? undefined : ids.find((id) => fileOf(id) === attrFile);
    return sameFile ?? [...ids].sort((a, b) => preferLongest(fileOf(a), fileOf(b)))[0];
  }

  private getIndex(): KnownIndex {
    this.index ??= indexFor(this.knownIds);
    return this.index;
  }

  /** Rule 2 (cached per classname). */
  private splitByFiles(classname: string): Split | undefined {
    let s = this.byFiles.get(classname);
    if (s === undefined) {
      s = this.findFile(classname);
      this.byFiles.set(classname, s);
    }
    return s ?? undefined;
  }

  private findFile(classname: string): Split | null {
    const parts = classname.split('.');
    const byModule = this.knownIds.size === 0 ? undefined : this.getIndex().byModule;
    // Pass 1: module = first k parts, longest first; known files (any spelling) or `a/b/c.py` on disk.
    for (let k = parts.length; k >= 1; k--) {
      const modParts = parts.slice(0, k);
      const files = byModule?.get(modParts.join('.'));
      if (files !== undefined) {
        const file = files.length === 1 ? files[0] : [...files].sort(preferLongest)[0];
        if (file !== undefined) return { file, classes: parts.slice(k) };
      }
      if (modParts.every((p) => p !== '')) {
        const file = `${modParts.join('/')}.py`;
        if (this.isFile(file)) return { file, classes: parts.slice(k) };
      }
    }
    // Pass 2: some dots are literal (dotted directory or file names, `..`, dotfiles). Probed in
    // order of plausibility, at most PROBE_BUDGET times: first the split points that leave only
    // identifiers as classes, with dots kept before parts no Python name can start with (`v1.2`,
    // `..`); then every spelling by fewest literal dots.
    let budget = PROBE_BUDGET;
    const probed = new Set<string>();
    const tryFile = (file: string, k: number): Split | undefined => {
      if (budget <= 0 || probed.has(file)) return undefined;
      probed.add(file);
      budget--;
      return this.isFile(file) ? { file, classes: parts.slice(k) } : undefined;
    };
    let steps = MAX_SPELLINGS;
    const tryModule = (k: number, literalAt: number[]): Split | undefined => {
      if (--steps < 0) budget = 0;
      const path = joinWithLiteralDots(parts, k, literalAt);
      if (path === undefined) return undefined;
      const found = tryFile(`${path}.py`, k);
      if (found !== undefined) return found;
      // Extension-less spelling for non-Python test files (doctest text, plugin items).
      const base = path.slice(path.lastIndexOf('/') + 1);
      return base.indexOf('.', 1) > 0 ? tryFile(path, k) : undefined;
    };
    const splits = splitOrder(parts);
    for (const k of splits) {
      const forced = forcedLiteralDots(parts, k);
      if (forced.length === 0) continue;
      const found = tryModule(k, forced);
      if (found !== undefined) return found;
    }
    // Then every spelling, fewest literal dots first: all of the conventional split (classes start
    // upper-case) before the other split points.
    const usual = conventionalSplit(parts);
    const rest = splits.filter((k) => k !== usual);
    const rounds: Array<[number[], number]> = [];
    if (usual >= 2) for (let literal = 1; literal < usual; literal++) rounds.push([[usual], literal]);
    for (let literal = 1; literal < parts.length; literal++) rounds.push([rest, literal]);
    for (const [ks, literal] of rounds) {
      for (const k of ks) {
        for (const positions of combinations(k - 1, literal)) {
          if (budget <= 0) return null;
          const found = tryModule(k, positions);
          if (found !== undefined) return found;
        }
      }
    }
    return null;
  }

  /** Rule 4 (cached per classname). */
  private guess(classname: string): Split {
    let s = this.guesses.get(classname);
    if (s === undefined) {
      const parts = classname.split('.');
      const i = conventionalSplit(parts);
      s = { file: `${parts.slice(0, i).join('/')}.py`, classes: parts.slice(i) };
      this.guesses.set(classname, s);
    }
    return s;
  }
}

/** Parts before the first part (after the first) that starts with an upper-case letter: rule 4. */
function conventionalSplit(parts: string[]): number {
  let i = 1;
  while (i < parts.length && !/^[A-Z]/.test(parts[i] ?? '')) i++;
  return i;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Split points (number of module parts, >= 2 since one part has no dot) for pass 2: those that
 * leave only Python identifiers as classes come first, longest module first; then the rest
 * (items of non-Python plugins may have any names).
 */
function splitOrder(parts: string[]): number[] {
  let minK = 1;
  parts.forEach((p, i) => {
    if (!IDENTIFIER.test(p)) minK = i + 1;
  });
  const order: number[] = [];
  for (let k = parts.length; k >= Math.max(2, minK); k--) order.push(k);
  for (let k = Math.min(minK - 1, parts.length); k >= 2; k--) order.push(k);
  return order;
}

/**
 * Dots among the first k parts that must be literal for a sensible path: before a part that is
 * empty or starts with a digit (`v1.2`, `py3.11`), and after an empty part (`.hidden`, `..`).
 */
function forcedLiteralDots(parts: string[], k: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < k - 1; d++) {
    const before = parts[d] ?? '';
    const after = parts[d + 1] ?? '';
    if (before === '' || after === '' || /^[0-9]/.test(after)) out.push(d);
  }
  return out;
}

/** Rule 3. */
function splitByFileAttr(classname: string, fileAttr: string | undefined): Split | undefined {
  if (fileAttr === undefined || fileAttr === '') return undefined;
  const file = fileAttr.replaceAll('\\', '/');
  const mod = moduleOfFile(file);
  if (mod === '') return undefined;
  if (classname === mod) return { file, classes: [] };
  if (classname.startsWith(`${mod}.`)) return { file, classes: classname.slice(mod.length + 1).split('.') };
  return undefined;
}

/**
 * The first k parts joined by `/`, except at the given dot positions (0-based, between part i and
 * i+1) where the dot is kept. undefined when a path segment would be empty.
 */
function joinWithLiteralDots(parts: string[], k: number, literalAt: number[]): string | undefined {
  let out = parts[0] ?? '';
  let segment = out;
  let j = 0;
  for (let i = 1; i < k; i++) {
    const literal = literalAt[j] === i - 1;
    if (literal) j++;
    const p = parts[i] ?? '';
    if (literal) {
      out += `.${p}`;
      segment += `.${p}`;
    } else {
      if (segment === '') return undefined;
      out += `/${p}`;
      segment = p;
    }
  }
  return segment === '' ? undefined : out;
}

/** All r-subsets of 0..n-1 in lexicographic order, lazily. */
function* combinations(n: number, r: number): Generator<number[]> {
  if (r > n || r <= 0) return;
  const idx = Array.from({ length: r }, (_, i) => i);
  for (;;) {
    yield idx.slice();
    let i = r - 1;
    while (i >= 0 && idx[i] === n - r + i) i--;
    if (i < 0) return;
    idx[i] = (idx[i] ?? 0) + 1;
    for (let j = i + 1; j < r; j++) idx[j] = (idx[j - 1] ?? 0) + 1;
  }
}

/**
 * Deterministic generator of realistic pytest suites, for end-to-end tests and benchmarks.
 *
 * Layout (ids are relative to the suite root, which holds `pytest.ini`):
 *
 *   pytest.ini                      testpaths = tests, -p no:cacheprovider, markers
 *   tests/__init__.py               every directory under tests/ is a package, so module
 *   tests/conftest.py               basenames may repeat (tests/api/test_users.py and
 *   tests/support/app.py            tests/services/test_users.py) and `tests.support.*`
 *   tests/support/contracts.py      is importable; conftest imports the slow "app" and
 *   tests/<pkg>/.../test_*.py       has an autouse session fixture (paid once per shard).
 *   tests/services/db/conftest.py   autouse package fixture (only when that package has tests)
 *
 * What costs time, as in a real backend suite (all sleeps are multiplied by `scale`):
 *   - a shared slow import (tests/support/app.py) and a session fixture: once per process;
 *   - a per-module "slow import" (`time.sleep` at module level): once per process that
 *     imports the module, i.e. once per shard that runs any of its tests;
 *   - module-, class- and package-scoped fixtures with setup/teardown sleeps;
 *   - test bodies with small log-normally distributed sleeps;
 *   - a few heavy files (default 2) holding `heavyShare` of the nominal serial time, the
 *     first one alone more than a quarter of it, so a balanced 4-way split must cut it.
 *
 * Features a splitter must survive: nested directories, a nested test class, parametrized
 * ids with spaces, quotes, brackets, `/`, `::` and a non-ASCII character (printed by pytest as
 * `caf\xe9`), tests inherited from a non-test base class in another module (tests/support/
 * contracts.py), a skipped test, an xfail, and repeated module basenames.
 *
 * Determinism: the same spec gives byte-identical files. Node ids depend only on `seed`,
 * `files` and `heavyFiles`; `scale` and `heavyShare` change sleeps, never ids, so timings
 * measured at one scale can be replayed against a suite generated at another.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

export interface SuiteSpec {
  seed: number;
  /** Number of test modules (>= 1). */
  files: number;
  /** Multiplies every sleep (1 = nominal; 0.01 gives a suite that runs in about pytest's own overhead). */
  scale: number;
  /** Number of heavy modules; default 2, clamped to files - 1. */
  heavyFiles?: number;
  /** Fraction of the nominal serial time that the heavy modules hold together; default 0.45. */
  heavyShare?: number;
}

export interface GeneratedSuite {
  /** The suite root (holds pytest.ini; run pytest with this as cwd). */
  root: string;
  /** Test modules, relative posix paths from root, sorted. */
  files: string[];
  /** The heavy modules, heaviest first. */
  heavyFiles: string[];
  /** How many items `pytest --collect-only` reports (skipped and xfail items included). */
  expectedTests: number;
  /** Sum of every sleep a full serial run pays, already multiplied by scale (pytest's own overhead excluded). */
  nominalSeconds: number;
  /** The same per test module: its import, fixtures and test bodies (shared costs excluded). */
  nominalByFile: Record<string, number>;
  expectedIds?: never;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a salt string into a new 32-bit seed (FNV-1a over the salt, then a murmur finaliser). */
function subSeed(seed: number, salt: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < salt.length; i++) {
    h ^= salt.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number, salt: string) {
    this.next = mulberry32(subSeed(seed, salt));
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Log-normal with the given median; sigma is the log-space standard deviation. */
  lognormal(median: number, sigma: number): number {
    const u1 = 1 - this.next(); // (0, 1]
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return median * Math.exp(sigma * z);
  }
  /** Log-normal clamped to [lo, hi]. */
  cost(median: number, sigma: number, lo: number, hi: number): number {
    return Math.min(hi, Math.max(lo, this.lognormal(median, sigma)));
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const NORMAL_DIRS: readonly string[] = [
  'tests/api',
  'tests/api',
  'tests/api/v2',
  'tests/services',
  'tests/services',
  'tests/services/db',
  'tests/services/cache',
  'tests/models',
  'tests/workers',
  'tests/integration',
  'tests/utils',
];

const TOPICS: readonly string[] = [
  'users',
  'orders',
  'payments',
  'invoices',
  'auth',
  'sessions',
  'permissions',
  'inventory',
  'shipping',
  'notifications',
  'webhooks',
  'reports',
  'exports',
  'imports',
  'billing',
  'catalog',
  'pricing',
  'tenants',
  'audit',
  'metrics',
  'scheduler',
  'retries',
  'queries',
  'serializers',
  'validators',
  'rate_limit',
  'feature_flags',
  'uploads',
  'thumbnails',
  'emails',
  'ledger',
  'refunds',
  'coupons',
  'carts',
  'reviews',
  'recommendations',
  'geo',
  'i18n',
  'health',
  'tokens',
];

const VERBS: readonly string[] = [
  'create',
  'update',
  'delete',
  'list',
  'get',
  'retry',
  'validate',
  'serialize',
  'parse',
  'reject',
  'paginate',
  'filter',
  'sort',
  'cache',
  'expire',
  'lock',
  'publish',
  'merge',
];
const OBJECTS: readonly string[] = [
  'single_item',
  'batch',
  'missing_field',
  'unicode_name',
  'large_payload',
  'expired_token',
  'duplicate_key',
  'empty_page',
  'stale_version',
  'concurrent_write',
  'soft_deleted',
  'defaults',
];
const CLASS_SUFFIXES: readonly string[] = ['Queries', 'Validation', 'Permissions', 'Serialization', 'Retries', 'Pagination', 'Caching', 'Errors'];

interface ParamPool {
  name: string;
  values: readonly string[]; // Python literals
}
const PARAM_POOLS: readonly ParamPool[] = [
  { name: 'limit', values: ['1', '10', '100', '1000'] },
  { name: 'fmt', values: ['"json"', '"xml"', '"csv"', '"parquet"'] },
  { name: 'enabled', values: ['True', 'False'] },
  { name: 'locale', values: ['"en"', '"de"', '"ja"', '"pt-BR"'] },
  { name: 'retries', values: ['0', '1', '3'] },
];

/** Parametrized values for the tricky-id test, as Python literals; ids noted on the right. */
const TRICKY_QUERIES: readonly string[] = [
  '"a b"', //            [a b]
  '"q\'uote"', //        [q'uote]
  "'d\"q'", //           [d"q]
  '"br[ack]et"', //      [br[ack]et]
  '"x/y"', //            [x/y]
  '"a::b"', //           [a::b]
  '"caf\\u00e9"', //     [caf\xe9]
];
/** The ids pytest prints for the tricky parametrized tests of the first module (tests/api/test_search.py). */
export const TRICKY_IDS: readonly string[] = [
  'tests/api/test_search.py::test_query_parsing[a b]',
  "tests/api/test_search.py::test_query_parsing[q'uote]",
  'tests/api/test_search.py::test_query_parsing[d"q]',
  'tests/api/test_search.py::test_query_parsing[br[ack]et]',
  'tests/api/test_search.py::test_query_parsing[x/y]',
  'tests/api/test_search.py::test_query_parsing[a::b]',
  'tests/api/test_search.py::test_query_parsing[caf\\xe9]',
  'tests/api/test_search.py::test_phrase_search[two words [v1]]',
  'tests/api/test_search.py::test_phrase_search[it\'s "quoted"]',
];
/** Other landmark ids that every generated suite has. */
export const LANDMARK_IDS = {
  nested: 'tests/api/test_search.py::TestRanking::TestTieBreak::test_stable_order',
  skipped: 'tests/api/test_search.py::TestRanking::test_ml_rerank',
  xfail: 'tests/api/test_search.py::TestRanking::test_score_rounding',
  /** Defined in tests/support/contracts.py, collected through a subclass in tests/api/test_users.py
   *  (present when there are at least two non-heavy modules; with one, the subclass is TestSearchCrud in test_search.py). */
  inherited: 'tests/api/test_users.py::TestUsersCrud::test_update',
} as const;

interface HeavyTheme {
  path: string;
  fixture: string;
  dimA: { name: string; values: readonly string[] };
  dimB: { name: string; values: readonly string[] };
  dimC: { name: string; values: readonly string[] };
  dimD: { name: string; values: readonly string[] };
  classes: readonly [string, string, string];
}
const HEAVY_THEMES: readonly HeavyTheme[] = [
  {
    path: 'tests/integration/payments/test_settlement.py',
    fixture: 'ledger',
    dimA: { name: 'region', values: ['eu', 'us', 'apac', 'latam'] },
    dimB: { name: 'currency', values: ['EUR', 'USD', 'JPY', 'BRL'] },
    dimC: { name: 'batch', values: ['10', '100', '1000'] },
    dimD: { name: 'mode', values: ['sync', 'async', 'replay', 'dry-run'] },
    classes: ['TestSettlementRun', 'TestBatchPayouts', 'TestReconciliation'],
  },
  {
    path: 'tests/services/db/test_migrations.py',
    fixture: 'engine',
    dimA: { name: 'dialect', values: ['postgres', 'mysql', 'sqlite', 'mssql'] },
    dimB: { name: 'revision', values: ['r001', 'r002', 'r003', 'r004'] },
    dimC: { name: 'rows', values: ['1000', '50000', '250000'] },
    dimD: { name: 'isolation', values: ['read committed', 'repeatable read', 'serializable', 'snapshot'] },
    classes: ['TestUpgradePath', 'TestDataBackfill', 'TestDowngrade'],
  },
  {
    path: 'tests/workers/test_batch_jobs.py',
    fixture: 'broker',
    dimA: { name: 'queue', values: ['default', 'priority', 'bulk', 'dead-letter'] },
    dimB: { name: 'codec', values: ['json', 'msgpack', 'pickle', 'avro'] },
    dimC: { name: 'workers', values: ['1', '4', '16'] },
    dimD: { name: 'ack', values: ['early', 'late', 'manual', 'none'] },
    classes: ['TestJobFanout', 'TestRetryStorm', 'TestShutdown'],
  },
  {
    path: 'tests/integration/test_end_to_end.py',
    fixture: 'stack',
    dimA: { name: 'browser', values: ['chromium', 'firefox', 'webkit', 'edge'] },
    dimB: { name: 'viewport', values: ['mobile', 'tablet', 'desktop', 'wide'] },
    dimC: { name: 'users', values: ['1', '10', '100'] },
    dimD: { name: 'flow', values: ['signup', 'checkout', 'refund', 'support'] },
    classes: ['TestCheckoutFlow', 'TestAccountFlow', 'TestAdminFlow'],
  },
];

// ---------------------------------------------------------------------------------------------
// Python emission helpers

/** A sleep literal: seconds already scaled, fixed 6 decimals, trailing zeros trimmed. */
function lit(seconds: number): string {
  let s = seconds.toFixed(6);
  s = s.replace(/0+$/, '');
  if (s.endsWith('.')) s += '0';
  return s;
}
/** The value a literal stands for (so nominal sums match what the files really sleep). */
function litValue(seconds: number): number {
  return Number(lit(seconds));
}
function w2(x: number): string {
  return x.toFixed(2);
}
function pascal(snake: string): string {
  return snake
    .split('_')
    .map((p) => (p[0] ?? '').toUpperCase() + p.slice(1))
    .join('');
}
function pyStr(s: string): string {
  return JSON.stringify(s); // plain ASCII words only: JSON and Python agree
}

class Lines {
  readonly out: string[] = [];
  add(...lines: string[]): void {
    this.out.push(...lines);
  }
  blank(n = 1): void {
    for (let i = 0; i < n; i++) this.out.push('');
  }
  text(): string {
    // exactly one trailing newline, no trailing blank lines
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.join('\n') + '\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Module plans

interface TestPlan {
  name: string;
  /** Python decorator lines (without indentation). */
  decorators: string[];
  /** Extra parameters after self (fixtures / params). */
  args: string[];
  /** Body lines (without indentation). */
  body: string[];
  /** Collected items. */
  items: number;
  /** Seconds the bodies of all its items sleep in a full run (0 for skipped). */
  cost: number;
}

interface ClassPlan {
  name: string;
  decorators: string[];
  attrs: string[];
  tests: TestPlan[];
  nested: ClassPlan[];
  base?: string;
}

interface ModulePlan {
  path: string;
  doc: string;
  imports: string[];
  /** Module-level lines after the import sleep (constants, pytestmark). */
  preamble: string[];
  importCost: number;
  fixtures: string[][];
  fixtureCost: number;
  tests: TestPlan[];
  classes: ClassPlan[];
}

function itemsOf(m: ModulePlan): number {
  const cls = (c: ClassPlan): number => c.tests.reduce((a, t) => a + t.items, 0) + c.nested.reduce((a, n) => a + cls(n), 0);
  return m.tests.reduce((a, t) => a + t.items, 0) + m.classes.reduce((a, c) => a + cls(c), 0);
}
function costOf(m: ModulePlan): number {
  const cls = (c: ClassPlan): number => c.tests.reduce((a, t) => a + t.cost, 0) + c.nested.reduce((a, n) => a + cls(n), 0);
  return m.importCost + m.fixtureCost + m.tests.reduce((a, t) => a + t.cost, 0) + m.classes.reduce((a, c) => a + cls(c), 0);
}

function renderModule(m: ModulePlan): string {
  const L = new Lines();
  L.add(`"""${m.doc}"""`);
  L.add(...m.imports);
  L.blank();
  L.add(`time.sleep(${lit(m.importCost)})  # simulated heavy import`);
  if (m.preamble.length > 0) {
    L.blank();
    L.add(...m.preamble);
  }
  for (const f of m.fixtures) {
    L.blank(2);
    L.add(...f);
  }
  const renderTest = (t: TestPlan, indent: string, method: boolean): void => {
    const args = method ? ['self', ...t.args] : t.args;
    for (const d of t.decorators) L.add(indent + d);
    L.add(`${indent}def ${t.name}(${args.join(', ')}):`);
    for (const b of t.body) L.add(`${indent}    ${b}`);
  };
  const renderClass = (c: ClassPlan, indent: string): void => {
    for (const d of c.decorators) L.add(indent + d);
    L.add(`${indent}class ${c.name}${c.base ? `(${c.base})` : ''}:`);
    let first = true;
    const sep = (): void => {
      if (!first) L.blank();
      first = false;
    };
    for (const a of c.attrs) {
      L.add(`${indent}    ${a}`);
      first = false;
    }
    for (const t of c.tests) {
      sep();
      renderTest(t, indent + '    ', true);
    }
    for (const n of c.nested) {
      sep();
      renderClass(n, indent + '    ');
    }
    if (first) L.add(`${indent}    pass`);
  };
  for (const t of m.tests) {
    L.blank(2);
    renderTest(t, '', false);
  }
  for (const c of m.classes) {
    L.blank(2);
    renderClass(c, '');
  }
  return L.text();
}

/** Unique-name helper within one scope. */
function uniqueName(taken: Set<string>, base: string): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

interface Ctx {
  scale: number;
  s: Rng; // structure: names, counts, params (never depends on costs)
  c: Rng; // costs
}

function sleepLine(seconds: number): string {
  return `time.sleep(${lit(seconds)})`;
}

/** A plain or parametrized test; `fixtureArgs` are requested fixtures. */
function makeTest(ctx: Ctx, taken: Set<string>, fixtureArgs: string[], topic: string, parametrize: boolean): TestPlan {
  const { s, c, scale } = ctx;
  const name = uniqueName(taken, `test_${s.pick(VERBS)}_${s.pick(OBJECTS)}`);
  const args = [...fixtureArgs];
  const decorators: string[] = [];
  if (parametrize) {
    const pool = s.pick(PARAM_POOLS);
    const n = s.int(2, pool.values.length);
    const values = pool.values.slice(0, n);
    decorators.push(`@pytest.mark.parametrize(${pyStr(pool.name)}, [${values.join(', ')}])`);
    args.push(pool.name);
    const costs = values.map(() => litValue(c.cost(0.004, 1.0, 0.0005, 0.25) * scale));
    const table = values.map((v, i) => `${v}: ${lit(costs[i] ?? 0)}`).join(', ');
    return {
      name,
      decorators,
      args,
      body: [`time.sleep({${table}}[${pool.name}])`, `assert ${pool.name} is not None`],
      items: n,
      cost: costs.reduce((a, b) => a + b, 0),
    };
  }
  const cost = litValue(c.cost(0.004, 1.0, 0.0005, 0.25) * scale);
  const check = fixtureArgs[0] ? `assert ${fixtureArgs[0]}["name"] == ${pyStr(topic)}` : `assert ${pyStr(topic)}`;
  return { name, decorators, args, body: [sleepLine(cost), check], items: 1, cost };
}

function crudSubclass(ctx: Ctx, topic: string): ClassPlan {
  const cost = litValue(ctx.c.cost(0.004, 0.6, 0.001, 0.05) * ctx.scale);
  return {
    name: `Test${pascal(topic)}Crud`,
    base: 'CrudContract',
    decorators: [],
    attrs: [`resource = ${pyStr(topic)}`, `cost = ${lit(cost)}`],
    tests: [],
    nested: [],
  };
}
const CRUD_METHODS = 4; // test_create, test_read, test_update, test_delete in contracts.py

interface NormalOpts {
  tricky: boolean;
  inherited: boolean;
}

function normalModule(path: string, topic: string, ctx: Ctx, opts: NormalOpts): ModulePlan {
  const { s, c, scale } = ctx;
  const taken = new Set<string>();
  const importCost = litValue(c.cost(0.09, 0.6, 0.03, 0.4) * scale);
  const fixtures: string[][] = [];
  let fixtureCost = 0;

  // module-scoped fixture
  const hasModFix = s.chance(0.65);
  const modFix = `${topic}_backend`;
  const modAutouse = hasModFix && s.chance(0.3);
  if (hasModFix) {
    const setup = litValue(c.cost(0.08, 0.5, 0.02, 0.3) * scale);
    const teardown = litValue(setup * 0.2);
    fixtureCost += setup + teardown;
    fixtures.push([
      `@pytest.fixture(scope="module"${modAutouse ? ', autouse=True' : ''})`,
      `def ${modFix}():`,
      `    ${sleepLine(setup)}`,
      `    yield {"name": ${pyStr(topic)}, "rows": []}`,
      `    ${sleepLine(teardown)}`,
    ]);
  }
  const requested = hasModFix && !modAutouse ? [modFix] : [];

  // module-level tests
  const tests: TestPlan[] = [];
  const nModTests = s.int(1, 5);
  for (let i = 0; i < nModTests; i++) {
    // the first test always requests a non-autouse module fixture, so it is always paid
    const wants = requested.length > 0 && (i === 0 || s.chance(0.8));
    tests.push(makeTest(ctx, taken, wants ? requested : [], topic, s.chance(0.25)));
  }
  // an occasional skipped test
  if (s.chance(0.08)) {
    const t = makeTest(ctx, taken, [], topic, false);
    t.decorators.unshift('@pytest.mark.skip(reason="needs a live SMTP relay")');
    t.cost = 0;
    tests.push(t);
  }

  // classes
  const classes: ClassPlan[] = [];
  const classNames = new Set<string>();
  const nClasses = s.pick([0, 1, 1, 1, 2, 2, 3]);
  for (let k = 0; k < nClasses; k++) {
    const name = uniqueName(classNames, `Test${pascal(topic)}${s.pick(CLASS_SUFFIXES)}`);
    const decorators: string[] = [];
    if (s.chance(0.5)) {
      const fx = `${name.slice(4).replace(/[A-Z]/g, (ch, i: number) => (i ? '_' : '') + ch.toLowerCase())}_state`;
      const setup = litValue(c.cost(0.04, 0.5, 0.01, 0.15) * scale);
      fixtureCost += setup;
      fixtures.push([`@pytest.fixture(scope="class")`, `def ${fx}():`, `    ${sleepLine(setup)}`, `    yield {}`]);
      decorators.push(`@pytest.mark.usefixtures(${pyStr(fx)})`);
    }
    const methodNames = new Set<string>();
    const methods: TestPlan[] = [];
    const nMethods = s.int(2, 4);
    for (let j = 0; j < nMethods; j++) {
      const wants = requested.length > 0 && s.chance(0.5);
      methods.push(makeTest(ctx, methodNames, wants ? requested : [], topic, s.chance(0.2)));
    }
    // a method using a non-autouse module fixture would pay it; it was already paid by test 0
    classes.push({ name, decorators, attrs: [], tests: methods, nested: [] });
  }

  if (opts.inherited || s.chance(0.1)) classes.push(crudSubclass(ctx, topic));

  const imports = ['import time', '', 'import pytest'];
  if (classes.some((k) => k.base === 'CrudContract')) imports.push('', 'from tests.support.contracts import CrudContract');

  const m: ModulePlan = {
    path,
    doc: `Tests for the ${topic.replace(/_/g, ' ')} ${path.includes('/api') ? 'endpoints' : 'service'}.`,
    imports,
    preamble: [],
    importCost,
    fixtures,
    fixtureCost,
    tests,
    classes,
  };
  if (opts.tricky) addTrickyContent(m, ctx);
  return m;
}

/** The landmark content of tests/api/test_search.py: odd ids, nested class, skip, xfail. */
function addTrickyContent(m: ModulePlan, ctx: Ctx): void {
  const { c, scale } = ctx;
  const q = litValue(c.cost(0.003, 0.5, 0.0005, 0.05) * scale);
  m.tests.push(
    {
      name: 'test_query_parsing',
      decorators: [`@pytest.mark.parametrize(`, `    "query",`, `    [${TRICKY_QUERIES.join(', ')}],`, `)`],
      args: ['query'],
      body: [sleepLine(q), 'assert isinstance(query, str)'],
      items: TRICKY_QUERIES.length,
      cost: q * TRICKY_QUERIES.length,
    },
    {
      name: 'test_phrase_search',
      decorators: [
        `@pytest.mark.parametrize(`,
        `    "phrase",`,
        `    [`,
        `        pytest.param("tea pot", id="two words [v1]"),`,
        `        pytest.param("it's", id="it's \\"quoted\\""),`,
        `    ],`,
        `)`,
      ],
      args: ['phrase'],
      body: [sleepLine(q), 'assert phrase'],
      items: 2,
      cost: q * 2,
    },
  );
  const t = (name: string, body: string[], decorators: string[] = [], cost = q): TestPlan => ({
    name,
    decorators,
    args: [],
    body: cost > 0 ? [sleepLine(cost), ...body] : body,
    items: 1,
    cost,
  });
  m.classes.unshift({
    name: 'TestRanking',
    decorators: [],
    attrs: [],
    tests: [
      t('test_boosts_exact_match', ['assert True']),
      t('test_ml_rerank', ['assert False, "never runs"'], ['@pytest.mark.skip(reason="ranking model is not vendored in CI")'], 0),
      t('test_score_rounding', ['assert round(2.675, 2) == 2.68'], ['@pytest.mark.xfail(reason="binary floating point", strict=True)']),
    ],
    nested: [
      {
        name: 'TestTieBreak',
        decorators: [],
        attrs: [],
        tests: [t('test_stable_order', ['assert sorted([2, 1]) == [1, 2]']), t('test_by_recency', ['assert True'])],
        nested: [],
      },
    ],
  });
}

function heavyModule(theme: HeavyTheme, path: string, budget: number, ctx: Ctx): ModulePlan {
  const { c, scale } = ctx;
  const importCost = litValue(c.cost(0.3, 0.2, 0.2, 0.4) * scale);
  const setup = litValue(c.cost(0.4, 0.2, 0.25, 0.6) * scale);
  const teardown = litValue(c.cost(0.05, 0.3, 0.02, 0.1) * scale);
  const clsSetup = [0, 1, 2].map(() => litValue(c.cost(0.12, 0.3, 0.05, 0.25) * scale));
  const fixed = importCost + setup + teardown + clsSetup.reduce((a, b) => a + b, 0);
  // what is left for test bodies; never less than half the budget (tiny suites)
  const rest = Math.max(budget * scale - fixed, budget * scale * 0.5);
  const shares = [0.4, 0.3, 0.18, 0.12].map((x) => x * c.cost(1, 0.15, 0.7, 1.3));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const part = shares.map((x) => (rest * x) / shareSum);

  const weights = (values: readonly string[]): number[] => values.map(() => Number(w2(c.cost(1, 0.4, 0.4, 2.5))));
  const wa = weights(theme.dimA.values);
  const wb = weights(theme.dimB.values);
  const wc = weights(theme.dimC.values);
  const wd = weights(theme.dimD.values);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const table = (name: string, values: readonly string[], ws: number[]): string =>
    `_${name.toUpperCase()}_WEIGHT = {${values.map((v, i) => `${pyStr(v)}: ${w2(ws[i] ?? 1)}`).join(', ')}}`;
  const values = (name: string, vs: readonly string[]): string => `${name.toUpperCase()}_VALUES = [${vs.map(pyStr).join(', ')}]`;

  const baseA = litValue((part[0] ?? 0) / (sum(wa) * sum(wb)));
  const baseB = litValue((part[1] ?? 0) / (sum(wc) * sum(wd)));
  const gridCost = (base: number, x: number[], y: number[]): number => {
    let total = 0;
    for (const a of x) for (const b of y) total += base * a * b;
    return total;
  };
  const fx = theme.fixture;
  const classFx = (i: number): string => `${fx}_batch_${i}`;
  const grid = (name: string, d1: HeavyTheme['dimA'], d2: HeavyTheme['dimA'], base: number, x: number[], y: number[]): TestPlan => ({
    name,
    decorators: [
      `@pytest.mark.parametrize(${pyStr(d2.name)}, ${d2.name.toUpperCase()}_VALUES)`,
      `@pytest.mark.parametrize(${pyStr(d1.name)}, ${d1.name.toUpperCase()}_VALUES)`,
    ],
    args: [fx, d1.name, d2.name],
    body: [`time.sleep(${lit(base)} * _${d1.name.toUpperCase()}_WEIGHT[${d1.name}] * _${d2.name.toUpperCase()}_WEIGHT[${d2.name}])`, `assert ${fx}["open"]`],
    items: x.length * y.length,
    cost: gridCost(base, x, y),
  });

  // class C: six single tests with log-normal weights; module level: three long single tests
  const singles = (n: number, total: number, names: string[], args: string[]): TestPlan[] => {
    const ws = names.slice(0, n).map(() => c.cost(1, 0.6, 0.3, 3));
    const tot = sum(ws);
    return ws.map((wt, i) => {
      const cost = litValue((total * wt) / tot);
      return { name: names[i] ?? `test_case_${i}`, decorators: [], args, body: [sleepLine(cost), `assert ${fx}["open"]`], items: 1, cost };
    });
  };
  const classCNames = ['test_resume_after_crash', 'test_idempotent_replay', 'test_partial_failure', 'test_timeout_budget', 'test_audit_trail', 'test_cleanup'];
  const moduleNames = ['test_full_cycle', 'test_cold_start', 'test_large_backlog'];

  const preamble = [
    `pytestmark = pytest.mark.slow`,
    '',
    values(theme.dimA.name, theme.dimA.values),
    values(theme.dimB.name, theme.dimB.values),
    values(theme.dimC.name, theme.dimC.values),
    values(theme.dimD.name, theme.dimD.values),
    '',
    table(theme.dimA.name, theme.dimA.values, wa),
    table(theme.dimB.name, theme.dimB.values, wb),
    table(theme.dimC.name, theme.dimC.values, wc),
    table(theme.dimD.name, theme.dimD.values, wd),
  ];
  const fixtures: string[][] = [
    [`@pytest.fixture(scope="module")`, `def ${fx}():`, `    ${sleepLine(setup)}`, `    yield {"open": True}`, `    ${sleepLine(teardown)}`],
    ...[0, 1, 2].map((i) => [`@pytest.fixture(scope="class")`, `def ${classFx(i)}():`, `    ${sleepLine(clsSetup[i] ?? 0)}`, `    yield []`]),
  ];
  const classes: ClassPlan[] = [
    {
      name: theme.classes[0],
      decorators: [`@pytest.mark.usefixtures(${pyStr(classFx(0))})`],
      attrs: [],
      tests: [grid('test_matrix', theme.dimA, theme.dimB, baseA, wa, wb)],
      nested: [],
    },
    {
      name: theme.classes[1],
      decorators: [`@pytest.mark.usefixtures(${pyStr(classFx(1))})`],
      attrs: [],
      tests: [grid('test_throughput', theme.dimC, theme.dimD, baseB, wc, wd)],
      nested: [],
    },
    {
      name: theme.classes[2],
      decorators: [`@pytest.mark.usefixtures(${pyStr(classFx(2))})`],
      attrs: [],
      tests: singles(6, part[2] ?? 0, classCNames, [fx]),
      nested: [],
    },
  ];
  const m: ModulePlan = {
    path,
    doc: `Slow end-to-end flows (${theme.fixture}); this module dominates the suite's wall time.`,
    imports: ['import time', '', 'import pytest'],
    preamble,
    importCost,
    fixtures,
    fixtureCost: setup + teardown + clsSetup.reduce((a, b) => a + b, 0),
    tests: singles(3, part[3] ?? 0, moduleNames, [fx]),
    classes,
  };
  return m;
}

// ---------------------------------------------------------------------------------------------
// Shared files

const PYTEST_INI = `[pytest]
testpaths = tests
addopts = -p no:cacheprovider
python_files = test_*.py
markers =
    slow: long-running end-to-end test
`;

function conftestRoot(scale: number): { text: string; cost: number; appImport: number } {
  const setup = litValue(0.15 * scale);
  const teardown = litValue(0.03 * scale);
  const text = `"""Suite-wide fixtures. Importing the application is slow, like in any real backend."""
import time

import pytest

from tests.support import app  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def _app_context():
    ${sleepLine(setup)}
    yield
    ${sleepLine(teardown)}
`;
  return { text, cost: setup + teardown, appImport: litValue(0.3 * scale) };
}

const CONTRACTS_PY = `"""Behaviour every CRUD resource must satisfy.

Not collected by itself (the name does not start with Test); test modules subclass it, so
its tests are collected under the subclass while their code lives here.
"""
import time


class CrudContract:
    resource = ""
    cost = 0.0

    def test_create(self):
        time.sleep(self.cost)
        assert self.resource

    def test_read(self):
        time.sleep(self.cost)
        assert self.resource

    def test_update(self):
        time.sleep(self.cost)
        assert self.resource

    def test_delete(self):
        time.sleep(self.cost)
        assert self.resource
`;

function dbConftest(scale: number): { text: string; cost: number } {
  const setup = litValue(0.12 * scale);
  return {
    text: `"""Database package: the schema is created once per process that runs any test here."""
import time

import pytest


@pytest.fixture(scope="package", autouse=True)
def db_schema():
    ${sleepLine(setup)}
    yield
`,
    cost: setup,
  };
}

// ---------------------------------------------------------------------------------------------
// Public entry points

function checkSpec(spec: SuiteSpec): Required<SuiteSpec> {
  if (!Number.isInteger(spec.seed)) throw new Error(`seed must be an integer, got ${spec.seed}`);
  if (!Number.isInteger(spec.files) || spec.files < 1) throw new Error(`files must be an integer >= 1, got ${spec.files}`);
  if (!(spec.scale > 0) || !Number.isFinite(spec.scale)) throw new Error(`scale must be a positive number, got ${spec.scale}`);
  const heavyFiles = Math.min(spec.heavyFiles ?? 2, spec.files - 1, HEAVY_THEMES.length * 8);
  if (!Number.isInteger(heavyFiles) || heavyFiles < 0) throw new Error(`heavyFiles must be an integer >= 0, got ${spec.heavyFiles}`);
  const heavyShare = spec.heavyShare ?? 0.45;
  if (!(heavyShare >= 0 && heavyShare < 0.95)) throw new Error(`heavyShare must be in [0, 0.95), got ${heavyShare}`);
  return { seed: spec.seed, files: spec.files, scale: spec.scale, heavyFiles, heavyShare };
}

function heavyPath(k: number): string {
  const theme = HEAVY_THEMES[k % HEAVY_THEMES.length] as HeavyTheme;
  const round = Math.floor(k / HEAVY_THEMES.length);
  return round === 0 ? theme.path : theme.path.replace(/\.py$/, `_${round + 1}.py`);
}

/** Picks the normal modules' (path, topic), in plan order; the first two are fixed landmarks. */
function normalPaths(seed: number, count: number, heavy: Set<string>): Array<{ path: string; topic: string }> {
  const rng = new Rng(seed, 'layout');
  const out: Array<{ path: string; topic: string }> = [];
  const used = new Set<string>(heavy);
  const push = (path: string, topic: string): void => {
    used.add(path);
    out.push({ path, topic });
  };
  push('tests/api/test_search.py', 'search');
  if (count > 1) push('tests/api/test_users.py', 'users');
  // a repeated basename in another package, like real suites have
  if (count > 2) push('tests/services/test_users.py', 'users');
  let attempts = 0;
  while (out.length < count) {
    const dir = rng.pick(NORMAL_DIRS);
    const topic = rng.pick(TOPICS);
    let path = `${dir}/test_${topic}.py`;
    if (used.has(path) && ++attempts > 50) {
      // pool exhausted (big suites): number the module
      for (let k = 2; used.has(path); k++) path = `${dir}/test_${topic}_${k}.py`;
    }
    if (used.has(path)) continue;
    attempts = 0;
    push(path, topic);
  }
  return out;
}

function listDirsOf(paths: string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    let d = posix.dirname(p);
    while (d !== '.' && d !== '') {
      dirs.add(d);
      d = posix.dirname(d);
    }
  }
  return [...dirs].sort();
}

function writeText(root: string, rel: string, text: string): void {
  const abs = join(root, ...rel.split('/'));
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/**
 * Writes a suite under `root` (created if missing; it must be empty if it exists).
 * Returns the module list and the nominal numbers; the node ids themselves come from collect().
 */
export function generateSuite(root: string, spec: SuiteSpec): GeneratedSuite {
  const sp = checkSpec(spec);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`generateSuite: ${root} is not empty`);
  mkdirSync(root, { recursive: true });

  const heavyList = Array.from({ length: sp.heavyFiles }, (_, k) => heavyPath(k));
  const normals = normalPaths(sp.seed, sp.files - sp.heavyFiles, new Set(heavyList));

  const modules: ModulePlan[] = normals.map(({ path, topic }, i) => {
    const ctx: Ctx = { scale: sp.scale, s: new Rng(sp.seed, `struct:${path}`), c: new Rng(sp.seed, `cost:${path}`) };
    return normalModule(path, topic, ctx, { tricky: i === 0, inherited: path === 'tests/api/test_users.py' || (normals.length === 1 && i === 0) });
  });

  const conf = conftestRoot(sp.scale);
  const allPaths = [...normals.map((n) => n.path), ...heavyList];
  const hasDb = allPaths.some((p) => p.startsWith('tests/services/db/'));
  const db = dbConftest(sp.scale);
  const shared = conf.cost + conf.appImport + (hasDb ? db.cost : 0);

  // heavy budget: heavy / (normal + shared + heavy) = heavyShare, split 72/28 (or geometric beyond 2)
  const normalTotal = modules.reduce((a, m) => a + costOf(m) + crudCost(m), 0) / sp.scale;
  const heavyTotal = sp.heavyFiles > 0 ? (sp.heavyShare * (normalTotal + shared / sp.scale)) / (1 - sp.heavyShare) : 0;
  const rawW = heavyList.map((_, k) => (k === 0 ? 0.72 : 0.28 * Math.pow(0.6, k - 1)));
  const wSum = rawW.reduce((a, b) => a + b, 0);
  heavyList.forEach((path, k) => {
    const theme = HEAVY_THEMES[k % HEAVY_THEMES.length] as HeavyTheme;
    const ctx: Ctx = { scale: sp.scale, s: new Rng(sp.seed, `struct:${path}`), c: new Rng(sp.seed, `cost:${path}`) };
    modules.push(heavyModule(theme, path, (heavyTotal * (rawW[k] ?? 0)) / wSum, ctx));
  });

  // write
  writeText(root, 'pytest.ini', PYTEST_INI);
  const dirs = listDirsOf([...allPaths, 'tests/support/app.py']);
  for (const d of dirs) writeText(root, `${d}/__init__.py`, '');
  writeText(root, 'tests/conftest.py', conf.text);
  writeText(
    root,
    'tests/support/app.py',
    `"""Stands in for the application package: importing it is slow (ORM models, settings, plugins)."""\nimport time\n\n${sleepLine(conf.appImport)}\n\nNAME = "split-plan-demo"\n`,
  );
  writeText(root, 'tests/support/contracts.py', CONTRACTS_PY);
  if (hasDb) writeText(root, 'tests/services/db/conftest.py', db.text);

  const nominalByFile: Record<string, number> = {};
  let expectedTests = 0;
  let nominal = shared;
  for (const m of modules) {
    writeText(root, m.path, renderModule(m));
    expectedTests += itemsOf(m) + m.classes.filter((k) => k.base === 'CrudContract').length * CRUD_METHODS;
    const cost = costOf(m) + crudCost(m);
    nominalByFile[m.path] = round6(cost);
    nominal += cost;
  }
  const files = allPaths.slice().sort();
  const sortedByFile: Record<string, number> = {};
  for (const f of files) sortedByFile[f] = nominalByFile[f] ?? 0;
  return {
    root,
    files,
    heavyFiles: heavyList,
    expectedTests,
    nominalSeconds: round6(nominal),
    nominalByFile: sortedByFile,
  };
}

function crudCost(m: ModulePlan): number {
  let total = 0;
  for (const k of m.classes) {
    if (k.base !== 'CrudContract') continue;
    const attr = k.attrs.find((a) => a.startsWith('cost = '));
    total += Number(attr?.slice('cost = '.length) ?? 0) * CRUD_METHODS;
  }
  return total;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Mutations (for refresh end-to-end tests)

export interface NewFile {
  /** Relative posix path under tests/, basename test_*.py; missing packages get an __init__.py. */
  path: string;
  /** Plain tests test_new_1..test_new_N; default 3. */
  tests?: number;
  /** Seconds each test sleeps (already scaled); default 0.001. */
  sleep?: number;
}
export interface AddTests {
  /** An existing test module (relative path). */
  file: string;
  /** Appends module-level tests test_added_<k>, numbering on from the highest existing k. */
  count: number;
  /** Seconds each test sleeps; default 0.001. */
  sleep?: number;
}
export interface SuiteMutation {
  /** Selectors `file::test_fn`, `file::Class::test_method`, `file::Outer::Inner` (no `[params]`):
   *  the definition is deleted from the file, with all its parametrized cases. Tests a class
   *  inherits cannot be removed this way (they are not defined in the file). */
  removeTests?: string[];
  removeFiles?: string[];
  addTestsTo?: AddTests[];
  addFiles?: Array<string | NewFile>;
}
export interface MutationResult {
  /** Node ids of the new tests (all plain, non-parametrized). */
  added: string[];
  /** The selectors and files removed, as given. */
  removed: string[];
  /** Test modules after the mutation, sorted (as GeneratedSuite.files). */
  files: string[];
}

/** Applies removals first (tests, then files), then additions (tests, then files). */
export function mutateSuite(root: string, mutation: SuiteMutation): MutationResult {
  const added: string[] = [];
  const removed: string[] = [];
  for (const sel of mutation.removeTests ?? []) {
    removeDefinition(root, sel);
    removed.push(sel);
  }
  for (const file of mutation.removeFiles ?? []) {
    const abs = modulePath(root, file);
    if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${file}`);
    unlinkSync(abs);
    removed.push(file);
  }
  for (const a of mutation.addTestsTo ?? []) added.push(...appendTests(root, a));
  for (const f of mutation.addFiles ?? []) added.push(...createModule(root, typeof f === 'string' ? { path: f } : f));
  return { added, removed, files: listTestModules(root) };
}

/** Convenience wrappers over mutateSuite. */
export function addTestFile(root: string, file: string | NewFile): string[] {
  return mutateSuite(root, { addFiles: [file] }).added;
}
export function addTests(root: string, file: string, count: number, sleep?: number): string[] {
  return mutateSuite(root, { addTestsTo: [{ file, count, ...(sleep === undefined ? {} : { sleep }) }] }).added;
}
export function removeTestFile(root: string, file: string): void {
  mutateSuite(root, { removeFiles: [file] });
}
export function removeTests(root: string, selectors: string[]): void {
  mutateSuite(root, { removeTests: selectors });
}

/** Test modules (test_*.py) under root/tests, as sorted relative posix paths. */
export function listTestModules(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, ...rel.split('/'))).sort()) {
      const childRel = `${rel}/${name}`;
      const st = statSync(join(root, ...childRel.split('/')));
      if (st.isDirectory()) {
        if (name !== '__pycache__') walk(childRel);
      } else if (/^test_.*\.py$/.test(name)) out.push(childRel);
    }
  };
  if (existsSync(join(root, 'tests'))) walk('tests');
  return out.sort();
}

function modulePath(root: string, rel: string): string {
  if (!/^tests\/(?:[A-Za-z0-9_]+\/)*test_[A-Za-z0-9_]*\.py$/.test(rel)) {
    throw new Error(`mutateSuite: ${JSON.stringify(rel)} is not a tests/.../test_*.py path`);
  }
  return join(root, ...rel.split('/'));
}

function appendTests(root: string, a: AddTests): string[] {
  const abs = modulePath(root, a.file);
  if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${a.file}`);
  if (!Number.isInteger(a.count) || a.count < 1) throw new Error(`mutateSuite: count must be >= 1`);
  let text = readFileSync(abs, 'utf8');
  let next = 0;
  for (const m of text.matchAll(/^def test_added_(\d+)\(/gm)) next = Math.max(next, Number(m[1]));
  const needsTime = !/^import time$/m.test(text);
  const ids: string[] = [];
  const chunks: string[] = [];
  for (let i = 1; i <= a.count; i++) {
    const name = `test_added_${next + i}`;
    chunks.push(`\n\ndef ${name}():\n    ${needsTime ? '__import__("time")' : 'time'}.sleep(${lit(a.sleep ?? 0.001)})\n`);
    ids.push(`${a.file}::${name}`);
  }
  text = text.replace(/\n*$/, '\n') + chunks.join('');
  writeFileSync(abs, text);
  return ids;
}

function createModule(root: string, f: NewFile): string[] {
  const abs = modulePath(root, f.path);
  if (existsSync(abs)) throw new Error(`mutateSuite: ${f.path} already exists`);
  const n = f.tests ?? 3;
  if (!Number.isInteger(n) || n < 1) throw new Error(`mutateSuite: tests must be >= 1`);
  for (const d of listDirsOf([f.path])) {
    const init = join(root, ...d.split('/'), '__init__.py');
    if (!existsSync(init)) writeText(root, `${d}/__init__.py`, '');
  }
  const L = new Lines();
  L.add(`"""Added by mutateSuite."""`, 'import time');
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    L.blank(2);
    L.add(`def test_new_${i}():`, `    time.sleep(${lit(f.sleep ?? 0.001)})`);
    ids.push(`${f.path}::test_new_${i}`);
  }
  writeText(root, f.path, L.text());
  return ids;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Deletes the `def` or `class` a selector names, with its decorators. */
function removeDefinition(root: string, selector: string): void {
  const parts = selector.split('::');
  const file = parts[0] ?? '';
  const names = parts.slice(1);
  if (names.some((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) && !selector.includes('[')) throw new Error(`mutateSuite: bad selector ${selector}`);
  if (names.length === 0) throw new Error(`mutateSuite: ${selector} names no test`);
  if (selector.includes('[')) throw new Error(`mutateSuite: cannot remove a single parametrized case (${selector}); name the function`);
  const abs = modulePath(root, file);
  if (!existsSync(abs)) throw new Error(`mutateSuite: no such test module ${file}`);
  const lines = readFileSync(abs, 'utf8').split('\n');

  let start = 0;
  let end = lines.length;
  let indent = 0;
  let found: { from: number; header: number; to: number } | undefined;
  for (let depth = 0; depth < names.length; depth++) {
    const name = names[depth] as string;
    const header = findHeader(lines, start, end, indent, name);
    if (header === -1) throw new Error(`mutateSuite: ${selector}: ${name} is not defined in ${file}`);
    let to = header + 1;
    while (to < end && ((lines[to] ?? '').trim() === '' || indentOf(lines[to] ?? '') > indent)) to++;
    while (to > header + 1 && (lines[to - 1] ?? '').trim() === '') to--; // keep trailing blanks outside
    let from = header;
    while (from > start && (lines[from - 1] ?? '').trim() !== '' && indentOf(lines[from - 1] ?? '') >= indent) from--;
    if ((lines[from] ?? '').trimStart()[0] !== '@' && from !== header) {
      throw new Error(`mutateSuite: ${selector}: unexpected code right above the definition`);
    }
    found = { from, header, to };
    start = header + 1;
    end = to;
    indent += 4;
  }
  if (!found) throw new Error('unreachable');
  const parentIndent = indent - 8;
  lines.splice(found.from, found.to - found.from);
  // a class left without a body gets `pass`
  if (parentIndent >= 0) {
    const parentHeader = lastClassHeaderBefore(lines, found.from, parentIndent);
    let k = parentHeader + 1;
    let hasBody = false;
    while (k < lines.length && ((lines[k] ?? '').trim() === '' || indentOf(lines[k] ?? '') > parentIndent)) {
      if ((lines[k] ?? '').trim() !== '') hasBody = true;
      k++;
    }
    if (!hasBody) lines.splice(parentHeader + 1, 0, `${' '.repeat(parentIndent + 4)}pass`);
  }
  const text = lines
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/\n*$/, '\n');
  writeFileSync(abs, text);
}

function findHeader(lines: string[], start: number, end: number, indent: number, name: string): number {
  const re = new RegExp(`^(?:async\\s+)?(?:def ${name}\\(|class ${name}[(:])`);
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    if (indentOf(line) === indent && re.test(line.slice(indent))) return i;
  }
  return -1;
}

function lastClassHeaderBefore(lines: string[], at: number, indent: number): number {
  for (let i = Math.min(at, lines.length) - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (indentOf(line) === indent && line.slice(indent).startsWith('class ')) return i;
  }
  throw new Error('mutateSuite: enclosing class not found');
}

/** Removes a generated suite (only a directory that holds pytest.ini and tests/). */
export function removeSuite(root: string): void {
  if (!existsSync(join(root, 'pytest.ini')) || !existsSync(join(root, 'tests'))) {
    throw new Error(`removeSuite: ${root} does not look like a generated suite`);
  }
  rmSync(root, { recursive: true, force: true });
}

/**
 * The suite model: which test modules a seed gives, what each holds (tests, classes, fixtures,
 * parameters) and how long every part sleeps. Pure: no files are written here (render.ts turns a
 * plan into Python, generate.ts writes it).
 *
 * Two random streams per module keep ids independent of costs: `struct:<path>` draws names,
 * counts and parameters, `cost:<path>` draws sleeps; `scale` multiplies sleeps only.
 */
import { Rng } from './rng.js';
import { lit, litValue, pascal, pyStr, sleepLine, w2 } from './python.js';
import { CLASS_SUFFIXES, HEAVY_THEMES, NORMAL_DIRS, OBJECTS, PARAM_POOLS, TOPICS, TRICKY_QUERIES, VERBS, type HeavyTheme } from './vocabulary.js';

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

export interface TestPlan {
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

export interface ClassPlan {
  name: string;
  decorators: string[];
  attrs: string[];
  tests: TestPlan[];
  nested: ClassPlan[];
  base?: string;
}

export interface ModulePlan {
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
function crudCost(m: ModulePlan): number {
  let total = 0;
  for (const k of m.classes) {
    if (k.base !== 'CrudContract') continue;
    const attr = k.attrs.find((a) => a.startsWith('cost = '));
    total += Number(attr?.slice('cost = '.length) ?? 0) * CRUD_METHODS;
  }
  return total;
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
const CRUD_METHODS = 4; // test_create, test_read, test_update, test_delete of CrudContract (render.ts CONTRACTS_PY)

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

/** What every process pays whatever it runs, in seconds already scaled. */
export interface SharedCosts {
  /** The autouse session fixture in tests/conftest.py. */
  sessionSetup: number;
  sessionTeardown: number;
  /** The module-level sleep of tests/support/app.py (imported by tests/conftest.py). */
  appImport: number;
  /** The autouse package fixture of tests/services/db/conftest.py (written only when that package has tests). */
  dbSetup: number;
}

function sharedCosts(scale: number): SharedCosts {
  return {
    sessionSetup: litValue(0.15 * scale),
    sessionTeardown: litValue(0.03 * scale),
    appImport: litValue(0.3 * scale),
    dbSetup: litValue(0.12 * scale),
  };
}

export interface SuitePlan {
  /** Every test module: the normal ones in plan order, then the heavy ones, heaviest first. */
  modules: ModulePlan[];
  /** The heavy modules' paths, heaviest first. */
  heavyFiles: string[];
  shared: SharedCosts;
  /** Whether any module lives under tests/services/db/ (then its conftest is written and paid). */
  hasDb: boolean;
  /** The shared seconds a full serial run pays once. */
  sharedSeconds: number;
}

/** Plans a whole suite from a spec (throws naming the bad field). */
export function planSuite(spec: SuiteSpec): SuitePlan {
  const sp = checkSpec(spec);
  const heavyList = Array.from({ length: sp.heavyFiles }, (_, k) => heavyPath(k));
  const normals = normalPaths(sp.seed, sp.files - sp.heavyFiles, new Set(heavyList));

  const modules: ModulePlan[] = normals.map(({ path, topic }, i) => {
    const ctx: Ctx = { scale: sp.scale, s: new Rng(sp.seed, `struct:${path}`), c: new Rng(sp.seed, `cost:${path}`) };
    return normalModule(path, topic, ctx, { tricky: i === 0, inherited: path === 'tests/api/test_users.py' || (normals.length === 1 && i === 0) });
  });

  const shared = sharedCosts(sp.scale);
  const allPaths = [...normals.map((n) => n.path), ...heavyList];
  const hasDb = allPaths.some((p) => p.startsWith('tests/services/db/'));
  const sharedSeconds = shared.sessionSetup + shared.sessionTeardown + shared.appImport + (hasDb ? shared.dbSetup : 0);

  // heavy budget: heavy / (normal + shared + heavy) = heavyShare, split 72/28 (or geometric beyond 2)
  const normalTotal = modules.reduce((a, m) => a + moduleSecondsOf(m), 0) / sp.scale;
  const heavyTotal = sp.heavyFiles > 0 ? (sp.heavyShare * (normalTotal + sharedSeconds / sp.scale)) / (1 - sp.heavyShare) : 0;
  const rawW = heavyList.map((_, k) => (k === 0 ? 0.72 : 0.28 * Math.pow(0.6, k - 1)));
  const wSum = rawW.reduce((a, b) => a + b, 0);
  heavyList.forEach((path, k) => {
    const theme = HEAVY_THEMES[k % HEAVY_THEMES.length] as HeavyTheme;
    const ctx: Ctx = { scale: sp.scale, s: new Rng(sp.seed, `struct:${path}`), c: new Rng(sp.seed, `cost:${path}`) };
    modules.push(heavyModule(theme, path, (heavyTotal * (rawW[k] ?? 0)) / wSum, ctx));
  });
  return { modules, heavyFiles: heavyList, shared, hasDb, sharedSeconds };
}

/** Items `pytest --collect-only` reports for a module (tests inherited from CrudContract included). */
export function itemCountOf(m: ModulePlan): number {
  return itemsOf(m) + m.classes.filter((k) => k.base === 'CrudContract').length * CRUD_METHODS;
}

/** Seconds a module costs in a full run: its import, fixtures and test bodies (inherited CRUD tests included). */
export function moduleSecondsOf(m: ModulePlan): number {
  return costOf(m) + crudCost(m);
}

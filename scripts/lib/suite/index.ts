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
 * Modules: rng.ts (seeded randomness), vocabulary.ts (names, themes, landmark ids), model.ts (which
 * tests exist and what each part sleeps; pure), python.ts (Python literals), render.ts (the plan as
 * Python files; pure), generate.ts (writes a suite), mutate.ts (changes it between rounds).
 *
 * Determinism: the same spec gives byte-identical files. Node ids depend only on `seed`,
 * `files` and `heavyFiles`; `scale` and `heavyShare` change sleeps, never ids, so timings
 * measured at one scale can be replayed against a suite generated at another.
 */
export { generateSuite, type GeneratedSuite } from './generate.js';
export { type SuiteSpec } from './model.js';
export { mutateSuite, type AddTests, type MutationResult, type NewFile, type SuiteMutation } from './mutate.js';
export { mulberry32 } from './rng.js';
export { LANDMARK_IDS, TRICKY_IDS } from './vocabulary.js';

/**
 * Python rendering: turns a suite plan into the files of a pytest suite (pytest.ini, packages'
 * __init__.py, conftest files, the support modules and every test module), as text. Pure.
 */
import { posix } from 'node:path';
import { type ClassPlan, type ModulePlan, type SharedCosts, type SuitePlan, type TestPlan } from './model.js';
import { Lines, lit, sleepLine } from './python.js';

/** One test module as Python source. */
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

const PYTEST_INI = `[pytest]
testpaths = tests
addopts = -p no:cacheprovider
python_files = test_*.py
markers =
    slow: long-running end-to-end test
`;

function conftestText(shared: SharedCosts): string {
  return `"""Suite-wide fixtures. Importing the application is slow, like in any real backend."""
import time

import pytest

from tests.support import app  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def _app_context():
    ${sleepLine(shared.sessionSetup)}
    yield
    ${sleepLine(shared.sessionTeardown)}
`;
}

function appText(shared: SharedCosts): string {
  return `"""Stands in for the application package: importing it is slow (ORM models, settings, plugins)."""\nimport time\n\n${sleepLine(shared.appImport)}\n\nNAME = "split-plan-demo"\n`;
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

function dbConftestText(shared: SharedCosts): string {
  return `"""Database package: the schema is created once per process that runs any test here."""
import time

import pytest


@pytest.fixture(scope="package", autouse=True)
def db_schema():
    ${sleepLine(shared.dbSetup)}
    yield
`;
}

/** Every directory above the given relative posix paths (each becomes a package), sorted. */
export function listDirsOf(paths: string[]): string[] {
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

/** Every file of a planned suite, as [relative posix path, text]. */
export function renderSuite(plan: SuitePlan): Array<[string, string]> {
  const out: Array<[string, string]> = [['pytest.ini', PYTEST_INI]];
  const dirs = listDirsOf([...plan.modules.map((m) => m.path), 'tests/support/app.py']);
  for (const d of dirs) out.push([`${d}/__init__.py`, '']);
  out.push(['tests/conftest.py', conftestText(plan.shared)]);
  out.push(['tests/support/app.py', appText(plan.shared)]);
  out.push(['tests/support/contracts.py', CONTRACTS_PY]);
  if (plan.hasDb) out.push(['tests/services/db/conftest.py', dbConftestText(plan.shared)]);
  for (const m of plan.modules) out.push([m.path, renderModule(m)]);
  return out;
}

/**
 * The one way a test file declares that it needs pytest (or Python) from the machine. Without it
 * (helpers/machine.ts says what is missing; the global setup printed what to install):
 * - by default the block is skipped;
 * - under SPLIT_PLAN_REQUIRE_PYTEST=1 (.ci/run sets it) every test in the block fails, by name,
 *   with that line, so a CI machine without pytest can never pass by skipping them.
 * Setup that runs pytest belongs inside the block (its beforeAll), or returns early when
 * `pytestProblem()` says pytest is missing, so the only failure a test shows is that line.
 */
import { beforeAll, describe, it } from '@jest/globals';
import { machine, PYTEST_REQUIRED, PYTHON } from './machine.js';

export { PYTHON, PYTEST_REQUIRED };

/** The reason a test that needs pytest cannot run here, or undefined when it can. */
export function pytestProblem(): string | undefined {
  return machine().python.problem;
}

/** The reason a test that needs only the Python interpreter cannot run here, or undefined. */
export function pythonProblem(): string | undefined {
  const p = machine().python;
  return p.python ? undefined : p.problem;
}

const cannotRun = (problem: string): Error => new Error(`SPLIT_PLAN_REQUIRE_PYTEST=1 and this test cannot run: ${problem}`);

function describeNeeding(problem: string | undefined, name: string, fn: () => void): void {
  if (problem === undefined) {
    describe(name, fn);
  } else if (!PYTEST_REQUIRED) {
    describe.skip(name, fn);
  } else {
    describe(name, () => {
      beforeAll(() => {
        throw cannotRun(problem);
      });
      fn();
    });
  }
}

/** describe() for tests that run the real pytest (8.2+). */
export function describeWithPytest(name: string, fn: () => void): void {
  describeNeeding(pytestProblem(), name, fn);
}

/** describe() for tests that run the Python interpreter but not pytest. */
export function describeWithPython(name: string, fn: () => void): void {
  describeNeeding(pythonProblem(), name, fn);
}

/** it() for one test that runs the real pytest, in a block whose other tests do not. */
export function itWithPytest(name: string, fn: () => void | Promise<unknown>, timeout?: number): void {
  const problem = pytestProblem();
  if (problem === undefined) {
    it(name, fn, timeout);
  } else if (!PYTEST_REQUIRED) {
    it.skip(name, fn, timeout);
  } else {
    it(name, () => {
      throw cannotRun(problem);
    });
  }
}

/**
 * Jest's global setup: checks once, before any test file runs, what the tests need from the
 * machine (helpers/machine.ts) and prints one line for each missing thing, naming what to install.
 * It never stops the run: the tests that need the missing thing say so themselves, by name (a test
 * that needs pytest is skipped, or fails under SPLIT_PLAN_REQUIRE_PYTEST=1; the report test fails
 * without a browser). Plain JavaScript because jest loads it outside its module mapping; tsx
 * loads the TypeScript helper.
 */
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { checkMachine, machineProblems, PYTEST_REQUIRED } = await tsImport('./machine.ts', import.meta.url);
  const found = checkMachine();
  for (const problem of machineProblems(found)) {
    const then =
      problem === found.python.problem
        ? PYTEST_REQUIRED
          ? ' (SPLIT_PLAN_REQUIRE_PYTEST=1: the tests that need it fail)'
          : ' (the tests that need it are skipped; SPLIT_PLAN_REQUIRE_PYTEST=1 makes them fail)'
        : '';
    process.stderr.write(`\nsplit-plan tests: ${problem}${then}\n`);
  }
}

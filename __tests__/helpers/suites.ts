/** Random pytest-like suites for property tests: ids with directories, classes and params. */
import fc from 'fast-check';

export interface RandomSuite {
  timings: Map<string, number>;
  ids: string[];
}

const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const param = fc.oneof(fc.constant(''), fc.stringMatching(/^\[[a-z0-9 '"\][.:-]{1,8}\]$/));

const testId = fc
  .record({
    dir: fc.constantFrom('tests', 'tests/api', 'tests/db', 'tests/v1.2'),
    module: segment,
    cls: fc.option(fc.constantFrom('TestA', 'TestB', 'TestA::TestInner'), { nil: undefined }),
    fn: segment,
    param,
  })
  .map(({ dir, module, cls, fn, param }) => `${dir}/test_${module}.py::${cls ? cls + '::' : ''}test_${fn}${param}`);

/** Durations: zeros, tiny and a few huge values mixed, as real files have them. */
const seconds = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.double({ min: 0, max: 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 2, max: 200, noNaN: true }) },
);

export const randomSuite = (maxTests = 120): fc.Arbitrary<RandomSuite> =>
  fc.uniqueArray(fc.tuple(testId, seconds), { minLength: 1, maxLength: maxTests, selector: ([id]) => id }).map((pairs) => ({
    timings: new Map(pairs),
    ids: pairs.map(([id]) => id),
  }));

/** Deterministic Fisher-Yates shuffle driven by a seed. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

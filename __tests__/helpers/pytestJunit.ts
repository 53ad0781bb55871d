/**
 * JUnit XML written the way pytest's `--junitxml` writes it (xunit2: one `<testsuites>` holding one
 * `<testsuite name="pytest">`; each test a `<testcase>` whose classname is the dotted module path
 * plus its classes, and whose name is the function with its parameters), for tests that need exact,
 * chosen times. Real pytest output is covered by the fixtures under __tests__/fixtures and e2e.
 */

export interface JUnitCase {
  /** A pytest node id, e.g. "tests/api/test_orders.py::TestOrders::test_place". */
  id: string;
  seconds: number;
  outcome?: 'passed' | 'failed' | 'skipped';
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** pytest's classname and name for a node id. */
export function junitNames(id: string): { classname: string; name: string } {
  const bracket = id.indexOf('[');
  const head = bracket < 0 ? id : id.slice(0, bracket);
  const params = bracket < 0 ? '' : id.slice(bracket);
  const [file, ...rest] = head.split('::');
  const last = rest.pop();
  if (file === undefined || last === undefined) throw new Error(`not a test node id: ${id}`);
  const name = last + params;
  const module = file.replace(/\.py$/, '').split('/').join('.');
  return { classname: [module, ...rest].join('.'), name };
}

/** A report of `cases`; the suite time is their sum plus `overheadSeconds` (start-up, collection). */
export function pytestJUnit(cases: readonly JUnitCase[], overheadSeconds = 0.5): string {
  const sum = cases.reduce((t, c) => t + c.seconds, 0);
  const failures = cases.filter((c) => c.outcome === 'failed').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const body = cases
    .map((c) => {
      const { classname, name } = junitNames(c.id);
      const open = `<testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="${c.seconds.toFixed(3)}"`;
      if (c.outcome === 'failed') return `${open}><failure message="assert False">assert False</failure></testcase>`;
      if (c.outcome === 'skipped') return `${open}><skipped type="pytest.skip" message="skipped">skipped</skipped></testcase>`;
      return `${open} />`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">' +
    `<testsuite name="pytest" errors="0" failures="${failures}" skipped="${skipped}" tests="${cases.length}" time="${(sum + overheadSeconds).toFixed(3)}" timestamp="2026-11-27T08:00:00.000000+00:00" hostname="ci">` +
    body +
    '</testsuite></testsuites>\n'
  );
}

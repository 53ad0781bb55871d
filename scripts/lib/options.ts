/** Option parsing the measuring scripts share (e2eReal.ts, replayRefresh.ts). */

/** Thrown for a bad command line: the scripts print its one line and exit 2. */
export class UsageError extends Error {}

/** `2,3,4` -> [2, 3, 4]; every value an integer from 1 to 16. */
export function intList(flag: string, raw: string): number[] {
  const xs = raw.split(',').map((s) => Number(s.trim()));
  if (raw.trim() === '' || xs.some((x) => !Number.isInteger(x) || x < 1 || x > 16))
    throw new UsageError(`${flag} must be a comma list of integers from 1 to 16, got ${JSON.stringify(raw)}`);
  return xs;
}

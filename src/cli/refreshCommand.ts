/** `split-plan refresh`: merge shard JUnit reports into the durations file (see core/refresh.ts for the rules). */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, DEFAULT_SMOOTHING, formatRefreshReport, SMOOTHINGS } from '../core/refresh.js';
import { DEFAULT_DURATIONS_FILE } from '../app/inputs.js';
import { refreshFromRequest, type RefreshRequest } from '../app/refresh.js';
import { list, parseChoice, parseSeconds } from '../app/options.js';
import { emit, isStdout } from './output.js';

export const command = 'refresh';
export const describe = 'merge shard JUnit reports into the durations file (pytest-split format)';

export function builder<T>(y: Argv<T>) {
  return y
    .option('junit', { type: 'string', array: true, demandOption: true, describe: 'JUnit XML report(s) or glob pattern(s); each must match' })
    .option('durations', { type: 'string', default: DEFAULT_DURATIONS_FILE, describe: 'durations file to refresh (created if missing)' })
    .option('output', { type: 'string', describe: 'write the refreshed file here instead (- for stdout; default: --durations)' })
    .option('collected', { type: 'string', describe: "output of 'pytest --collect-only -q' (a file, or - for stdin): tests it lacks are removed" })
    .option('complete-run', { type: 'boolean', default: false, describe: 'the reports cover the whole suite: stored tests none of them names are removed' })
    .option('smoothing', {
      type: 'string',
      default: DEFAULT_SMOOTHING,
      describe: 'pace (normalise each report by its shard-wide speed, then take what moved) | ema (blend with the stored value) | replace',
    })
    .option('alpha', { type: 'string', default: String(DEFAULT_ALPHA), describe: 'ema weight of the new measurement, above 0 and at most 1' })
    .option('min-change', { type: 'string', default: String(DEFAULT_MIN_CHANGE_SECONDS), describe: 'seconds a measurement must differ by to update a value' })
    .option('min-change-ratio', {
      type: 'string',
      default: String(DEFAULT_MIN_CHANGE_RATIO),
      describe: 'fraction of the stored value a measurement must differ by',
    })
    .option('rootdir', { type: 'string', default: '.', describe: 'pytest rootdir the node ids are relative to' });
}

export function parseAlpha(raw: unknown): number {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new UsageError(`--alpha must be a number above 0 and at most 1, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function parseRatio(raw: unknown): number {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`--min-change-ratio must be a non-negative number (0.2 means 20%), got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function refreshRequestFrom(argv: Record<string, unknown>, cwd: string): RefreshRequest {
  const completeRun = argv['complete-run'] === true;
  if (completeRun && argv.collected !== undefined) {
    throw new UsageError('use --collected or --complete-run, not both: the collected list already says which tests exist');
  }
  const req: RefreshRequest = {
    cwd,
    rootdir: String(argv.rootdir ?? '.'),
    durations: String(argv.durations ?? DEFAULT_DURATIONS_FILE),
    junit: list(argv.junit),
    completeRun,
    smoothing: parseChoice('--smoothing', argv.smoothing ?? DEFAULT_SMOOTHING, SMOOTHINGS),
    alpha: parseAlpha(argv.alpha ?? DEFAULT_ALPHA),
    minChangeSeconds: parseSeconds('--min-change', argv['min-change'] ?? DEFAULT_MIN_CHANGE_SECONDS),
    minChangeRatio: parseRatio(argv['min-change-ratio'] ?? DEFAULT_MIN_CHANGE_RATIO),
  };
  if (req.junit.length === 0) throw new UsageError('--junit needs at least one report or pattern');
  if (argv.collected !== undefined) req.collected = String(argv.collected);
  if (argv.output !== undefined) req.output = String(argv.output);
  return req;
}

/**
 * Writes the file atomically only when something changed (or it is new, or --output names another
 * path or stdout), then prints the change report on stderr.
 */
export async function handler(argv: Record<string, unknown>): Promise<void> {
  const cwd = process.cwd();
  const req = refreshRequestFrom(argv, cwd);
  const toStdout = req.output !== undefined && isStdout(req.output);
  const outcome = await refreshFromRequest(toStdout ? { ...req, output: '-' } : req);
  const write = outcome.write || toStdout;
  const label = req.output === undefined ? '--durations' : '--output';
  if (write) emit([{ to: toStdout ? '-' : outcome.outputPath, label, content: outcome.content }], cwd);
  const path = toStdout ? 'standard output' : outcome.outputPath;
  process.stderr.write(formatRefreshReport(outcome.result, { path, wrote: write, unmapped: outcome.unmapped }));
}

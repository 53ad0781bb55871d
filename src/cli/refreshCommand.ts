/** `split-plan refresh`: merge shard JUnit reports into the durations file (see core/refresh.ts for the rules). */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS, DEFAULT_SMOOTHING, SMOOTHINGS } from '../core/refresh.js';
import { formatRefreshReport } from '../render/refresh.js';
import { DEFAULT_DURATIONS_FILE } from '../app/inputs.js';
import { refreshFromRequest, type RefreshRequest } from '../app/refresh.js';
import { list, parseAlpha, parseChoice, parseIntFlag, parseRatio, parseSeconds } from '../app/options.js';
import { MAX_WORKERS } from '../app/planOptions.js';
import { emit, isStdout } from './output.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';

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
    .option('workers', {
      type: 'string',
      default: '1',
      describe: 'pytest-xdist workers (-n) each shard ran with: with 2 or more, learn and store the worker start-up from their reports',
    })
    .option('rootdir', { type: 'string', default: '.', describe: 'pytest rootdir the node ids are relative to' });
}

export type RefreshArgs = ArgsOf<typeof builder>;

export function refreshRequestFrom(argv: RefreshArgs, cwd: string): RefreshRequest {
  const completeRun = argv.completeRun;
  if (completeRun && argv.collected !== undefined) {
    throw new UsageError('use --collected or --complete-run, not both: the collected list already says which tests exist');
  }
  const req: RefreshRequest = {
    cwd,
    words: CLI_WORDS,
    rootdir: argv.rootdir,
    durations: argv.durations,
    junit: list(argv.junit),
    completeRun,
    smoothing: parseChoice('--smoothing', argv.smoothing, SMOOTHINGS),
    alpha: parseAlpha(argv.alpha),
    minChangeSeconds: parseSeconds('--min-change', argv.minChange),
    minChangeRatio: parseRatio(argv.minChangeRatio),
    workers: parseIntFlag('--workers', argv.workers, 1, MAX_WORKERS),
  };
  if (req.junit.length === 0) throw new UsageError('--junit needs at least one report or pattern');
  if (argv.collected !== undefined) req.collected = argv.collected;
  if (argv.output !== undefined) req.output = argv.output;
  return req;
}

/**
 * Writes the file atomically only when something changed (or it is new, or --output names another
 * path or stdout), then prints the change report on stderr.
 */
export async function handler(argv: RefreshArgs): Promise<void> {
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

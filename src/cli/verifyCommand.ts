/** `split-plan verify`: did the shards run the plan exactly once? (rules in core/verify.ts) */
import type { Argv } from 'yargs';
import { SplitPlanError, UsageError } from '../core/errors.js';
import { verifyFromRequest, type VerifyRequest } from '../app/verify.js';
import { list } from '../app/options.js';
import { formatVerify, verifyHtml, verifyMarkdown } from '../render/verify.js';
import { emit, type Output } from './output.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';

export const command = 'verify';
export const describe = 'check that the shards ran every planned test exactly once; exit 1 if not';

export function builder<T>(y: Argv<T>) {
  return y
    .option('plan', { type: 'string', demandOption: true, describe: "the plan written by 'split-plan --json PATH'" })
    .option('junit', { type: 'string', array: true, demandOption: true, describe: "every shard's JUnit XML report(s) or glob pattern(s)" })
    .option('rootdir', { type: 'string', default: '.', describe: 'pytest rootdir the node ids are relative to' })
    .option('durations', {
      type: 'string',
      array: true,
      describe: 'durations file(s) with the stored timings, to list the tests whose time moved most (default: ./.test_durations if present)',
    })
    .option('html', { type: 'string', describe: 'write a self-contained HTML page: predicted against measured seconds per shard, moved tests, offenders' })
    .option('markdown', { type: 'boolean', default: false, describe: "print the Markdown report (as in the Action's job summary) instead of the text" });
}

export type VerifyArgs = ArgsOf<typeof builder>;

export function verifyRequestFrom(argv: VerifyArgs, cwd: string): VerifyRequest {
  const junit = list(argv.junit);
  if (junit.length === 0) throw new UsageError('--junit needs at least one report or pattern');
  return { cwd, rootdir: argv.rootdir, plan: argv.plan, junit, durations: list(argv.durations), words: CLI_WORDS };
}

/** Prints the findings on stdout; a failed check ends as an error (exit 1) naming the counts. */
export async function handler(argv: VerifyArgs): Promise<void> {
  const cwd = process.cwd();
  const { result, unmapped, timing } = await verifyFromRequest(verifyRequestFrom(argv, cwd));
  // Collection skips are listed as such; keep only the other records that are not tests.
  const others = unmapped.filter((u) => !result.skippedModules.some((m) => u.endsWith(`: ${m}`)));
  const text = argv.markdown ? verifyMarkdown(result, { unmapped: others, timing }) : formatVerify(result, { unmapped: others });
  const outputs: Output[] = [];
  if (argv.html !== undefined) outputs.push({ to: argv.html, label: '--html', content: verifyHtml(result, timing, { unmapped: others }) });
  outputs.push({ to: '-', label: 'the findings', content: text });
  emit(outputs, cwd);
  if (!result.ok) {
    throw new SplitPlanError(
      `verify failed: ${result.lost.length} lost, ${result.doubled.length} doubled, ${result.unexpected.length} unexpected (listed above)`,
    );
  }
}

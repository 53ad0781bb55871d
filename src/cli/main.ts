/** The split-plan command line: yargs wiring and the one place errors become exit codes. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isSplitPlanError } from '../core/errors.js';
import { oneLine } from '../core/text.js';
import { VERSION } from '../app/version.js';
import * as plan from './planCommand.js';
import * as refresh from './refreshCommand.js';
import * as verify from './verifyCommand.js';
import * as recommend from './recommendCommand.js';
import * as explain from './explainCommand.js';

/** Lets `--json -` mean stdout: yargs would otherwise read a lone `-` as a stray positional. */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--') && !a.includes('=') && argv[i + 1] === '-') {
      out.push(`${a}=-`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Wraps a command handler so errors raised by it are told apart from yargs' own usage errors. */
export function run<A>(fn: (argv: A) => Promise<void> | void): (argv: A) => Promise<void> {
  return async (argv: A) => {
    try {
      await fn(argv);
    } catch (e) {
      throw new HandlerFailure(e);
    }
  };
}

class HandlerFailure extends Error {
  constructor(readonly inner: unknown) {
    super('handler failed');
  }
}

export async function main(rawArgv: string[] = hideBin(process.argv)): Promise<number> {
  const argv = joinDashValues(rawArgv);
  const verbose = argv.includes('--verbose');
  try {
    await yargs(argv)
      .scriptName('split-plan')
      .usage('$0 [command] [options]')
      .command('$0', 'plan N balanced pytest shards (default command)', plan.builder, run(plan.handler))
      .command(refresh.command, refresh.describe, refresh.builder, run(refresh.handler))
      .command(verify.command, verify.describe, verify.builder, run(verify.handler))
      .command(recommend.command, recommend.describe, recommend.builder, run(recommend.handler))
      .command(explain.command, explain.describe, explain.builder, run(explain.handler))
      .option('verbose', { type: 'boolean', default: false, describe: 'show stack traces for errors' })
      .strict()
      .help()
      .version(VERSION)
      .wrap(Math.min(110, process.stdout.columns || 110))
      .fail(false)
      .parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof HandlerFailure) return report(e.inner, verbose);
    // yargs' own parse and validation errors (unknown flag, missing --splits): a usage error.
    const first = e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stderr.write(`split-plan: error: ${oneLine(first ?? '')} (see split-plan --help)\n`);
    return 2;
  }
}

function report(e: unknown, verbose: boolean): number {
  if (isSplitPlanError(e)) {
    process.stderr.write(`split-plan: error: ${oneLine(e.message)}\n`);
    if (verbose && e.stack) process.stderr.write(e.stack + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`split-plan: internal error: ${oneLine(err?.message ?? String(e))}\n`);
  if (verbose && err?.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

/**
 * A shard's pytest command as one shell line (`--shell`), for plain shells and pytest older than
 * 8.2 (no `@FILE`): `eval "$(split-plan ... --group 2 --shell)"`. Node ids are data: every word
 * is quoted by shell-quote, never pasted into a string by hand. The args file stays the better
 * way; this output refuses what a command line cannot carry and points there.
 */
import { quote } from 'shell-quote';
import { InputError } from '../core/errors.js';
import { checkSelector } from './argsFile.js';

/** The command the line starts with; `--` ends pytest's options, so every id is a plain path. */
export const SHELL_COMMAND: readonly string[] = ['pytest', '--'];
/** Linux's limit on one argument (MAX_ARG_STRLEN), counting its terminating NUL byte. */
export const MAX_ARG_BYTES = 128 * 1024;
/**
 * The longest line this output writes: well inside every system's limit on a command line with
 * its environment (2 MiB on Linux, 1 MiB on macOS), which CI environments fill in part.
 */
export const MAX_COMMAND_BYTES = 256 * 1024;

/** Control characters: pytest never puts them in ids, and a terminal would act on them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const utf8 = new TextEncoder();
const kib = (n: number): string => `${Math.ceil(n / 1024)} KiB`;
const USE_ARGS_FILE = "use --pytest-args FILE and run 'pytest @FILE' instead";

/** `pytest -- 'id 1' 'id 2'` plus a newline; `what` names the output (e.g. "group 2"). */
export function formatShellCommand(selectors: readonly string[], what: string): string {
  if (selectors.length === 0) throw new InputError(`${what} has no tests to run`);
  for (const s of selectors) {
    checkSelector(s, what);
    if (CONTROL.test(s))
      throw new InputError(
        `${what}: node id ${JSON.stringify(s.slice(0, 80))} contains a control character, which a shell line should not carry; ${USE_ARGS_FILE}`,
      );
    const bytes = utf8.encode(s).length + 1;
    if (bytes > MAX_ARG_BYTES) {
      throw new InputError(
        `${what}: node id ${JSON.stringify(s.slice(0, 80) + '…')} is ${kib(bytes)}, over the ${kib(MAX_ARG_BYTES)} one command-line argument may take; ${USE_ARGS_FILE}`,
      );
    }
  }
  const line = quote([...SHELL_COMMAND, ...selectors]);
  const bytes = utf8.encode(line).length + 1;
  if (bytes > MAX_COMMAND_BYTES) {
    throw new InputError(`${what}: the pytest command line is ${kib(bytes)}, over the ${kib(MAX_COMMAND_BYTES)} limit for --shell; ${USE_ARGS_FILE}`);
  }
  return line + '\n';
}

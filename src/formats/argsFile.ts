/**
 * pytest args files (`pytest @FILE`, pytest 8.2+): one argument per line, taken verbatim, so node
 * ids with spaces, quotes, brackets or unicode reach pytest intact without any shell involved.
 */
import { InputError } from '../core/errors.js';

/**
 * Where pytest's reader of `@FILE` starts a new argument: argparse reads the file with Python's
 * `str.splitlines()`, which breaks at these as well as at `\n` and `\r`.
 */
const LINE_BOUNDARY = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** Lone UTF-16 surrogates: not Unicode, so no UTF-8 file or argument can carry them. */
const LONE_SURROGATE = /\p{Cs}/u;

function shown(s: string): string {
  return JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);
}

/**
 * Throws {@link InputError} for a selector pytest could not take as one argument intact. `what`
 * names the output (e.g. "group 2"). Shared by every output that hands selectors to pytest.
 */
export function checkSelector(s: string, what: string): void {
  const brk = LINE_BOUNDARY.exec(s);
  if (brk !== null) {
    const code = `U+${(brk[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(`${what}: node id ${shown(s)} contains a line break (${code}), which pytest cannot take as an argument`);
  }
  if (s.includes('\0')) throw new InputError(`${what}: node id ${shown(s)} contains a NUL character, which no argument can hold`);
  if (LONE_SURROGATE.test(s)) throw new InputError(`${what}: node id ${shown(s)} contains a lone surrogate, which is not valid Unicode text`);
  if (s.startsWith('-') || s.startsWith('@')) {
    throw new InputError(`${what}: node id ${shown(s)} starts with '${s[0]}', which pytest would read as an option or args file`);
  }
}

export function formatArgsFile(selectors: readonly string[], what: string): string {
  if (selectors.length === 0) throw new InputError(`${what} has no tests to run`);
  for (const s of selectors) checkSelector(s, what);
  return selectors.join('\n') + '\n';
}

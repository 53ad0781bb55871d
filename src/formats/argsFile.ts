/**
 * pytest args files (`pytest @FILE`, pytest 8.2+): one argument per line, taken verbatim, so node
 * ids with spaces, quotes, brackets or unicode reach pytest intact without any shell involved.
 */
import { InputError } from '../core/errors.js';

export function formatArgsFile(selectors: readonly string[], what: string): string {
  if (selectors.length === 0) throw new InputError(`${what} has no tests to run`);
  for (const s of selectors) {
    if (/[\r\n]/.test(s)) {
      throw new InputError(`${what}: node id ${JSON.stringify(s.slice(0, 80))} contains a line break, which pytest cannot take as an argument`);
    }
    if (s.startsWith('-') || s.startsWith('@')) {
      throw new InputError(`${what}: node id ${JSON.stringify(s.slice(0, 80))} starts with '${s[0]}', which pytest would read as an option or args file`);
    }
  }
  return selectors.join('\n') + '\n';
}

/** Writing command outputs: at most one to stdout, the rest atomically to files. */
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeAtomicAll } from '../io/files.js';

export interface Output {
  /** A path, or '' / '-' for stdout. */
  to: string;
  label: string;
  content: string;
}

export function isStdout(to: string): boolean {
  return to === '' || to === '-';
}

export function emit(outputs: readonly Output[], cwd: string): void {
  const toStdout = outputs.filter((o) => isStdout(o.to));
  if (toStdout.length > 1) {
    throw new UsageError(`only one output can go to stdout, but ${toStdout.map((o) => o.label).join(' and ')} both do; give a path`);
  }
  const files = outputs.filter((o) => !isStdout(o.to)).map((o) => ({ path: resolve(cwd, o.to), content: o.content, label: o.label }));
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.path);
    if (other !== undefined) throw new UsageError(`${other} and ${f.label} both write ${f.path}; give each its own path`);
    seen.set(f.path, f.label);
  }
  // All files or none: a failure to write one leaves every target as it was.
  writeAtomicAll(files);
  for (const o of toStdout) process.stdout.write(o.content);
}

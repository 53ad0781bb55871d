/** Writing command outputs: at most one to stdout, the rest atomically to files. */
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeAtomic } from '../io/files.js';

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
  for (const o of outputs) if (!isStdout(o.to)) writeAtomic(resolve(cwd, o.to), o.content, o.label);
  for (const o of toStdout) process.stdout.write(o.content);
}

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = resolve(repoRoot, 'dist', 'cli.js');

/** Real timing files from public projects, laid beside the clone (see ../shared/data/README.md). */
export function sharedData(...parts: string[]): string {
  const dir = resolve(repoRoot, '..', 'shared', 'data');
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir}: these tests need ../shared/data beside the repository`);
  return resolve(dir, ...parts);
}

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

/** The example suite's durations, produced by `split-plan refresh` (durations/README.md). */
export const EXAMPLE_DURATIONS = resolve(repoRoot, 'durations', 'examples.test_durations');

/** The test timings of a durations file's text, without split-plan's reserved overhead keys. */
export function testTimings(text: string): Record<string, number> {
  const all = JSON.parse(text) as Record<string, number>;
  return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('__split_plan__::')));
}

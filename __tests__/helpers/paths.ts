import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = resolve(repoRoot, 'dist', 'cli.js');

/**
 * A committed fixture under __tests__/fixtures (real timing files from public projects are in
 * `durations/` and `junit/`, each folder with its PROVENANCE.md). Tests read only files inside the
 * repository, so a clone anywhere passes them.
 */
export function fixturePath(...parts: string[]): string {
  const path = resolve(repoRoot, '__tests__', 'fixtures', ...parts);
  if (!existsSync(path)) throw new Error(`fixture ${path} is missing from the repository`);
  return path;
}

/** The example suite's durations, produced by `split-plan refresh` (durations/README.md). */
export const EXAMPLE_DURATIONS = resolve(repoRoot, 'durations', 'examples.test_durations');

/** The test timings of a durations file's text, without split-plan's reserved overhead keys. */
export function testTimings(text: string): Record<string, number> {
  const all = JSON.parse(text) as Record<string, number>;
  return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('__split_plan__::')));
}

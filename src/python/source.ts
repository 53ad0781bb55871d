/**
 * The text of the shard plugin (conftest.py beside this module), as split-plan writes it into a
 * shard's plugin directory. Run from source (tests, tsx) it is read from the file; the bundles in
 * dist/ replace this module with the same text inlined (scripts/build.mjs), so dist/ needs no file
 * beside it.
 */
import { readFileSync } from 'node:fs';

let text: string | undefined;

export function pluginSource(): string {
  text ??= readFileSync(new URL('./conftest.py', import.meta.url), 'utf8');
  return text;
}

/**
 * The package's own version, printed by `split-plan --version`. Run from source (tsx, jest) it is
 * read from the repository's package.json; in the bundles scripts/build.mjs replaces this module
 * with the version as a constant, so an installed split-plan reports its own version wherever it
 * runs (yargs' default would read the package.json nearest the current folder).
 */
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

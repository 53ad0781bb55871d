// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// `node scripts/build.mjs` writes dist/; `node scripts/build.mjs --check` builds into a temporary
// directory and fails when the committed dist/ differs from what the source produces.
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'split-plan-dist-')) : 'dist';

const requireShim =
  "import { createRequire as __splitPlanCreateRequire } from 'node:module';\nconst require = __splitPlanCreateRequire(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled dependencies still call require(); give the ESM output a real one.
  banner: { js: requireShim },
};

const bundles = [
  { entryPoints: ['src/action/index.ts'], file: 'index.js', banner: { js: requireShim } },
  { entryPoints: ['src/cli/index.ts'], file: 'cli.js', banner: { js: '#!/usr/bin/env node\n' + requireShim } },
];

for (const b of bundles) {
  await build({ ...common, entryPoints: b.entryPoints, banner: b.banner, outfile: join(outdir, b.file) });
}
chmodSync(join(outdir, 'cli.js'), 0o755);

if (check) {
  const stale = bundles
    .map((b) => b.file)
    .filter((f) => {
      let committed = '';
      try {
        committed = readFileSync(join('dist', f), 'utf8');
      } catch {
        return true;
      }
      return committed !== readFileSync(join(outdir, f), 'utf8');
    });
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`dist/ is stale: ${stale.map((f) => 'dist/' + f).join(', ')} differ from what the source builds; run 'npm run build' and commit dist/`);
    process.exit(1);
  }
  console.log('dist/ is fresh');
}

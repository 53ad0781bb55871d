// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// The output is committed; CI rebuilds and fails when dist/ differs from the source.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled dependencies still call require(); give ESM output a real one.
  banner: {
    js: "import { createRequire as __splitPlanCreateRequire } from 'node:module';\nconst require = __splitPlanCreateRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/action/index.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
chmodSync('dist/cli.js', 0o755);

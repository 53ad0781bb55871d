// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with esbuild, with the code they
// share and the code only some runs load in dist/chunks/. `node scripts/build.mjs` rewrites dist/
// (removing files it no longer builds); `node scripts/build.mjs --check` builds in memory and fails
// when any file under dist/ differs from what the source produces, or is missing, or is extra.
import { Ajv } from 'ajv';
import ajvStandalone from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const check = process.argv.includes('--check');

const requireShim = "import { createRequire as __splitPlanCreateRequire } from 'node:module';\nconst require = __splitPlanCreateRequire(import.meta.url);";
/**
 * src/formats/planValidator.ts compiles the plan schema with Ajv at run time; in the bundles it is
 * replaced by the same schema compiled here by Ajv's standalone generator (same checks, same
 * messages), which keeps Ajv's compiler (a quarter of the bundle) out of every start-up.
 */
async function precompiledPlanValidator() {
  const schemaModule = await build({ entryPoints: ['src/formats/planSchema.ts'], bundle: true, format: 'esm', write: false, logLevel: 'warning' });
  const { planSchema } = await import('data:text/javascript;base64,' + Buffer.from(schemaModule.outputFiles[0].text).toString('base64'));
  const ajv = new Ajv({ allErrors: false, code: { source: true, esm: true } });
  const code = ajvStandalone.default(ajv, ajv.compile(planSchema));
  return `${code}\nexport function planShapeErrors(data) { return validate10(data) ? null : (validate10.errors ?? []); }\n`;
}
const validatorSource = await precompiledPlanValidator();
if (!/export default validate10;/.test(validatorSource)) throw new Error('build: Ajv standalone output changed shape; update precompiledPlanValidator');
const precompile = {
  name: 'precompiled-plan-validator',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]formats[\\/]planValidator\.ts$/ }, () => ({ contents: validatorSource, loader: 'js', resolveDir: process.cwd() }));
  },
};

/**
 * src/app/version.ts reads package.json at run time when run from source; the bundles get the
 * version as a constant instead, so the installed CLI prints its own version wherever it runs.
 */
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const packageVersion = {
  name: 'package-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]app[\\/]version\.ts$/ }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};\n`, loader: 'js' }));
  },
};

/**
 * src/python/source.ts reads the shard plugin (src/python/conftest.py) from beside itself; in the
 * bundles it is replaced by the same text inlined, so dist/ carries it and reads no file.
 */
const pluginText = readFileSync('src/python/conftest.py', 'utf8');
const inlinePlugin = {
  name: 'inline-shard-plugin',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]python[\\/]source\.ts$/ }, () => ({
      contents: `export function pluginSource() { return ${JSON.stringify(pluginText)}; }\n`,
      loader: 'js',
    }));
  },
};

const results = await build({
  entryPoints: { index: 'src/action/index.ts', cli: 'src/cli/index.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // Code that only some runs need (the JUnit reader, say) goes into chunks loaded on first use.
  splitting: true,
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  write: false,
  metafile: true,
  // Some bundled dependencies still call require(); give the ESM output a real one.
  banner: { js: requireShim },
  plugins: [precompile, packageVersion, inlinePlugin],
});

// The npm package declares no dependencies: everything but Node's own modules must be in dist/.
const unbundled = [
  ...new Set(Object.values(results.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path))),
];
if (unbundled.length > 0) throw new Error(`build: imports left outside the bundles: ${unbundled.join(', ')}`);

/** dist-relative path -> content, the CLI entry with its shebang. */
const built = new Map(
  results.outputFiles.map((f) => {
    const rel = relative(resolve('dist'), f.path).split(sep).join('/');
    return [rel, rel === 'cli.js' ? '#!/usr/bin/env node\n' + f.text : f.text];
  }),
);

/** Every file under dist/, dist-relative. */
function committedFiles(dir = 'dist', prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? committedFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

if (check) {
  const onDisk = committedFiles();
  const stale = [...built].filter(([rel, text]) => !onDisk.includes(rel) || readFileSync(join('dist', rel), 'utf8') !== text).map(([rel]) => rel);
  const extra = onDisk.filter((rel) => !built.has(rel));
  if (stale.length > 0 || extra.length > 0) {
    const what = [...stale.map((f) => `dist/${f} differs`), ...extra.map((f) => `dist/${f} is not built any more`)];
    console.error(`dist/ is stale: ${what.join(', ')}; run 'npm run build' and commit dist/`);
    process.exit(1);
  }
  console.log('dist/ is fresh');
} else {
  for (const rel of committedFiles()) if (!built.has(rel)) rmSync(join('dist', rel));
  for (const [rel, text] of built) {
    mkdirSync(dirname(join('dist', rel)), { recursive: true });
    writeFileSync(join('dist', rel), text);
  }
  chmodSync(join('dist', 'cli.js'), 0o755);
}

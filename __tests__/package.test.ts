/**
 * The npm package as a user gets it: `npm pack` the repository, install the tarball into an empty
 * project with no registry access (`--offline`: an install that needed any other package fails), and
 * run the installed `split-plan`.
 *
 * - the tarball holds the CLI bundle, the chunks it loads, README with the docs/ pages it links to,
 *   LICENSE and package.json, and
 *   nothing else (no tests, fixtures, sources, the Action's bundle: the Action is used from the git
 *   repository, `uses: <owner>/split-plan@v1`, not from npm), and is under 300 KB;
 * - every chunk the CLI bundle imports, statically or on first use, is in the tarball;
 * - the install adds no package but split-plan (the bundles hold every runtime dependency);
 * - `split-plan --version` prints the package's version, also inside a project whose package.json
 *   says 1.0.0 (yargs' default would print that project's version);
 * - the installed CLI's plans are byte-identical to the repository's `node dist/cli.js`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from './helpers/paths.js';

const MAX_TARBALL_BYTES = 300 * 1024;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
const demo = join(repoRoot, 'durations', 'image-search-service.test_durations');
/** A glob (tinyglobby, bundled) matching the three real pytest reports. */
const junitGlob = join(repoRoot, '__tests__', 'fixtures', 'junit', '*__pytest.xml').split('\\').join('/');

/** npm without prompts, audit, funding or update checks; `--offline` where it installs. */
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: npmEnv, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return r;
}
function ok(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

let work: string;
let packed: Packed;
/** A project made by `npm init -y` with the tarball installed. */
let project: string;
let installed: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'split-plan-package-'));
  const [info] = JSON.parse(ok('npm', ['pack', '--json', '--pack-destination', work], repoRoot)) as Packed[];
  packed = info as Packed;
  project = join(work, 'project');
  mkdirSync(project);
  ok('npm', ['init', '-y'], project);
  ok('npm', ['install', '--offline', '--no-save', join(work, packed.filename)], project);
  installed = join(project, 'node_modules', '.bin', 'split-plan');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The repository's built CLI and its chunks, dist-relative. */
const builtChunks = readdirSync(join(repoRoot, 'dist', 'chunks'))
  .map((f) => `dist/chunks/${f}`)
  .sort();

describe('npm pack', () => {
  it('holds the CLI bundle with its chunks, README and the docs it links to, LICENSE and package.json, nothing else', () => {
    const docs = readdirSync(join(repoRoot, 'docs')).map((f) => `docs/${f}`);
    expect(docs.length).toBeGreaterThan(0);
    expect(packed.files.map((f) => f.path).sort()).toEqual(['LICENSE', 'README.md', ...docs, ...builtChunks, 'dist/cli.js', 'package.json'].sort());
  });

  it(`is under ${MAX_TARBALL_BYTES / 1024} KB`, () => {
    expect(packed.size).toBeGreaterThan(0);
    expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
  });

  it('has every module the CLI bundle imports, statically or on first use', () => {
    const files = new Set(packed.files.map((f) => f.path));
    const seen = new Set<string>();
    const visit = (rel: string): void => {
      if (seen.has(rel)) return;
      seen.add(rel);
      expect({ imported: rel, packed: files.has(rel) }).toEqual({ imported: rel, packed: true });
      const text = readFileSync(join(repoRoot, rel), 'utf8');
      const dir = rel.slice(0, rel.lastIndexOf('/'));
      // esbuild names chunks `[name]-[hash].js` (scripts/build.mjs); JSDoc in bundled code mentions
      // other relative paths, which are not imports.
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/(?:chunks\/)?[\w-]+-[A-Z0-9]{8}\.js)["']/g)) {
        visit(
          join(dir, m[1] as string)
            .split('\\')
            .join('/'),
        );
      }
    };
    visit(pkg.bin['split-plan'] as string);
    expect(seen.size).toBeGreaterThan(2);
  });

  it('declares no runtime dependencies (the bundles hold them)', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect({ key, value: manifest[key] }).toEqual({ key, value: undefined });
    }
  });
});

describe('the installed package', () => {
  it('adds no package but split-plan', () => {
    const tree = JSON.parse(ok('npm', ['ls', '--all', '--json'], project)) as { dependencies?: Record<string, { version: string; dependencies?: unknown }> };
    expect(Object.keys(tree.dependencies ?? {})).toEqual([pkg.name]);
    expect(tree.dependencies?.[pkg.name]).toMatchObject({ version: pkg.version });
    expect(tree.dependencies?.[pkg.name]?.dependencies).toBeUndefined();
    expect(readdirSync(join(project, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual([pkg.name]);
  });

  it('split-plan --version prints the package version, inside a project whose package.json says 1.0.0', () => {
    expect((JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { version: string }).version).toBe('1.0.0');
    expect(pkg.version).not.toBe('1.0.0');
    expect(ok(installed, ['--version'], project)).toBe(`${pkg.version}\n`);
  });

  it('split-plan --version prints the package version in a folder with no package.json', () => {
    const bare = mkdtempSync(join(work, 'bare-'));
    expect(ok(installed, ['--version'], bare)).toBe(`${pkg.version}\n`);
  });

  it.each<[string, string[]]>([
    ['the demo plan', ['--durations', demo, '--splits', '4', '--json', '-']],
    ['a plan from JUnit reports found by a glob (the JUnit reader is a chunk loaded on first use)', ['--junit', junitGlob, '--splits', '3', '--json', '-']],
  ])('%s is byte-identical to the repository dist/cli.js', (_name, args) => {
    const fromRepo = run(process.execPath, [cliPath, ...args], project);
    const fromPackage = run(installed, args, project);
    expect(fromRepo.status).toBe(0);
    expect(fromRepo.stdout.length).toBeGreaterThan(1000);
    expect({ status: fromPackage.status, stderr: fromPackage.stderr }).toEqual({ status: 0, stderr: fromRepo.stderr });
    expect(fromPackage.stdout).toBe(fromRepo.stdout);
  });
});

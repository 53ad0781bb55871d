/**
 * The layering of src/ (BRIEF.md, "Shape of the code"), read from the import graph the TypeScript
 * compiler sees: src/cli and src/action never import each other, src/core imports only itself and
 * nothing impure (file system, process, @actions/*), and no import cycle anywhere. Each rule is
 * shown to fail on a synthetic graph and on a copy of src/ with a planted import. And src/core
 * names no CLI flag in its strings: it returns codes and data that each edge words in its own
 * vocabulary (flags for the CLI, input names for the Action), shown to fail on planted sources.
 */
import { describe, expect, it } from '@jest/globals';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagsInStrings, flagsInTree } from './helpers/flagText.js';
import { findCycle, graphOf, importGraph, layeringViolations, type ImportGraph } from './helpers/importGraph.js';
import { repoRoot } from './helpers/paths.js';

const SRC = join(repoRoot, 'src');

describe('src/ as it is', () => {
  const graph = importGraph(SRC);

  it('reads the whole tree', () => {
    expect(graph.files).toEqual(expect.arrayContaining(['core/plan.ts', 'app/resolvePlan.ts', 'cli/main.ts', 'action/main.ts', 'render/recommend.ts']));
    expect(graph.edges.get('cli/planCommand.ts')).toEqual(expect.arrayContaining(['app/options.ts', 'cli/planFlags.ts']));
  });

  it('keeps the layers apart', () => {
    expect(layeringViolations(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeUndefined();
  });
});

describe('the checks fail where they must', () => {
  it.each<[string, ImportGraph, string[]]>([
    [
      'a clean graph',
      graphOf({ 'cli/a.ts': ['app/b.ts'], 'action/c.ts': ['app/b.ts'], 'app/b.ts': ['core/d.ts'] }, { 'core/d.ts': ['node:crypto', 'picomatch'] }),
      [],
    ],
    [
      'the Action importing the CLI',
      graphOf({ 'action/inputs.ts': ['cli/refreshCommand.ts'] }),
      ['action/inputs.ts imports cli/refreshCommand.ts: the CLI and the Action never import each other'],
    ],
    [
      'the CLI importing the Action',
      graphOf({ 'cli/x.ts': ['action/constants.ts'] }),
      ['cli/x.ts imports action/constants.ts: the CLI and the Action never import each other'],
    ],
    ['core importing render', graphOf({ 'core/plan.ts': ['render/summary.ts'] }), ['core/plan.ts imports render/summary.ts: src/core imports only src/core']],
    ['core importing app', graphOf({ 'core/plan.ts': ['app/words.ts'] }), ['core/plan.ts imports app/words.ts: src/core imports only src/core']],
    ['core reading files', graphOf({}, { 'core/x.ts': ['node:fs'] }), ['core/x.ts imports node:fs: src/core is pure']],
    [
      'core using the process',
      graphOf({}, { 'core/x.ts': ['node:process', 'fs/promises'] }),
      ['core/x.ts imports node:process: src/core is pure', 'core/x.ts imports fs/promises: src/core is pure'],
    ],
    ['core calling the Action toolkit', graphOf({}, { 'core/x.ts': ['@actions/core'] }), ['core/x.ts imports @actions/core: src/core is pure']],
    ['an edge using the file system', graphOf({}, { 'cli/x.ts': ['node:fs'], 'app/y.ts': ['node:fs'] }), []],
  ])('%s', (_name, graph, expected) => {
    expect(layeringViolations(graph)).toEqual(expected);
  });

  it.each<[string, Record<string, string[]>, string[] | undefined]>([
    ['no cycle', { 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'] }, undefined],
    ['a file importing itself', { 'a.ts': ['a.ts'] }, ['a.ts', 'a.ts']],
    [
      'two files',
      { 'cli/planCommand.ts': ['cli/recommendCommand.ts'], 'cli/recommendCommand.ts': ['cli/planCommand.ts'] },
      ['cli/planCommand.ts', 'cli/recommendCommand.ts', 'cli/planCommand.ts'],
    ],
    ['a longer loop behind a tail', { 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['d.ts'], 'd.ts': ['b.ts'] }, ['b.ts', 'c.ts', 'd.ts', 'b.ts']],
  ])('cycles: %s', (_name, edges, expected) => {
    expect(findCycle(graphOf(edges))).toEqual(expected);
  });

  it('finds an import planted in a copy of src/, and names the cycle it closes', () => {
    const copy = mkdtempSync(join(tmpdir(), 'split-plan-layering-'));
    try {
      cpSync(SRC, copy, { recursive: true });
      // core/types.ts is imported by core/plan.ts; importing plan back closes a loop.
      appendFileSync(join(copy, 'core', 'types.ts'), "\nexport type { Plan as PlantedPlan } from './plan.js';\n");
      appendFileSync(join(copy, 'core', 'stats.ts'), "\nimport '../render/recommend.js';\n");
      appendFileSync(join(copy, 'action', 'paths.ts'), "\nimport '../cli/words.js';\n");
      const graph = importGraph(copy);
      const cycle = findCycle(graph);
      expect(cycle).toBeDefined();
      expect(cycle).toEqual(expect.arrayContaining(['core/types.ts', 'core/plan.ts']));
      expect(cycle?.[0]).toBe(cycle?.at(-1));
      expect(layeringViolations(graph)).toEqual(
        expect.arrayContaining([
          'core/stats.ts imports render/recommend.ts: src/core imports only src/core',
          'action/paths.ts imports cli/words.ts: the CLI and the Action never import each other',
        ]),
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('rejects an import that reaches no file (a wrong specifier would hide an edge)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'split-plan-layering-'));
    try {
      cpSync(join(SRC, 'core'), join(copy, 'core'), { recursive: true });
      appendFileSync(join(copy, 'core', 'stats.ts'), "\nimport './nowhere.js';\n");
      expect(() => importGraph(copy)).toThrow(/core\/stats\.ts: import ".\/nowhere\.js" reaches no source file/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('src/core names no CLI flag in its text', () => {
  it('holds for src/core as it is', () => {
    expect(flagsInTree(join(SRC, 'core'), SRC)).toEqual([]);
  });

  it('reads the whole of src/core (it would find the flags src/cli words)', () => {
    expect(flagsInTree(join(SRC, 'cli'), SRC).length).toBeGreaterThan(0);
  });

  it('finds a flag planted in a copy of src/core', () => {
    const copy = mkdtempSync(join(tmpdir(), 'split-plan-flags-'));
    try {
      cpSync(join(SRC, 'core'), join(copy, 'core'), { recursive: true });
      appendFileSync(join(copy, 'core', 'plan.ts'), "\nexport const PLANTED = 'left out: planned without --collected';\n");
      expect(flagsInTree(join(copy, 'core'), copy)).toEqual([expect.stringMatching(/^core\/plan\.ts:\d+: "left out: planned without --collected"$/)]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it.each<[string, string, string[]]>([
    ['a flag in a quoted string', "throw new UsageError('--splits must be a number');\n", ['core/x.ts:1: "--splits must be a number"']],
    ['a flag in a template', 'const m = `--granularity ${g} schedules every ${g} on its own`;\n', ['core/x.ts:1: "--granularity "']],
    ['a flag after a substitution', 'const m = `${n} ${"x"} with --workers ${k}`;\n', ['core/x.ts:1: " with --workers "']],
    ['a flag built from a name', 'const flag = (name: string) => `--${name}`;\n', ['core/x.ts:1: "--"']],
    ['a flag built inside a sentence', 'const m = `${n} needs --${name}`;\n', ['core/x.ts:1: " needs --"']],
    ['a flag on a later line', "const a = 1;\nconst b = { reason: 'without --collected' };\n", ['core/x.ts:2: "without --collected"']],
    ['a flag in a regular expression', 'const re = /--together/;\n', ['core/x.ts:1: "/--together/"']],
    ['flags in comments only', "/** `--group auto` reads the CI's variables. */\n// see --splits\nconst a = 'group';\n", []],
    ['a decrement', 'let steps = 3;\nif (--steps < 0) steps = 0;\n', []],
    ['dashes not followed by a letter', "const rule = '----';\nconst range = `${a}--${b}`;\nconst arrow = 'a -> b';\n", []],
    ['an option named through the words', "const m = `${words.option('splits')} must be a number`;\n", []],
  ])('%s', (_name, text, expected) => {
    expect(flagsInStrings('core/x.ts', text)).toEqual(expected);
  });
});

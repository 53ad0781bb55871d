/** `split-plan` (the default command): plan N shards and write the requested outputs. */
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { formatSummary } from '../core/summary.js';
import { formatArgsFile } from '../formats/argsFile.js';
import { formatMatrix } from '../formats/matrix.js';
import { formatShellCommand } from '../formats/shellArgs.js';
import { formatPlan } from '../formats/planJson.js';
import { pluginFiles } from '../formats/pluginFiles.js';
import type { PlanRequest } from '../app/plan.js';
import { shardBars } from '../core/explain.js';
import type { Suite } from '../core/suite.js';
import { renderHtml, renderSvg } from '../formats/report.js';
import { chooseOptions, describeChoice, resolvePlan } from './recommendCommand.js';
import { list, parseAlgorithm, parseGranularity, parseIntFlag, parseSeconds, parseSplits } from '../app/options.js';
import { emit, type Output } from './output.js';

export function timingOptions<T>(y: Argv<T>) {
  return y
    .option('durations', { type: 'string', array: true, describe: 'pytest-split durations file(s) (default: ./.test_durations if present)' })
    .option('junit', { type: 'string', array: true, describe: 'JUnit XML report(s) or glob pattern(s)' })
    .option('collected', { type: 'string', describe: "output of 'pytest --collect-only -q' (a file, or - for stdin): the exact set of tests" })
    .option('rootdir', { type: 'string', default: '.', describe: 'pytest rootdir the node ids are relative to' });
}

export function planOptions<T>(y: Argv<T>) {
  return timingOptions(y)
    .option('splits', { type: 'string', describe: 'number of shards, 1 to 256, or auto (see --target-seconds); optional with --group auto' })
    .option('granularity', { type: 'string', default: 'auto', describe: 'auto | file | class | test' })
    .option('algorithm', { type: 'string', default: 'balanced', describe: 'balanced | lpt | chunks' })
    .option('workers', { type: 'string', default: '1', describe: 'pytest-xdist workers inside each shard' })
    .option('fixed-overhead', { type: 'string', describe: 'seconds every shard pays before its first test (overrides what JUnit shows)' })
    .option('per-file-overhead', { type: 'string', describe: 'seconds a shard pays for each test file it collects' })
    .option('startup-seconds', {
      type: 'string',
      describe: "seconds pytest spends outside its JUnit session (start, conftest imports, exit): a run's wall time minus its <testsuite time>",
    })
    .option('worker-startup', {
      type: 'string',
      describe:
        "with --workers K > 1: seconds a shard spends bringing up its workers beyond a plain pytest start (a bare 'pytest -n K' run's wall minus a bare 'pytest' run's)",
    })
    .option('discover', {
      type: 'boolean',
      default: true,
      describe: 'look under --rootdir: plan test files nothing names (test_*.py, *_test.py) whole, leave out named files that are gone',
    })
    .option('together', {
      type: 'string',
      array: true,
      describe: 'glob over node ids or paths whose tests must share one shard, in path order (repeatable; also [tool.split-plan] together in pyproject.toml)',
    });
}

/** `splits`, when given, replaces --splits (as decided by --splits auto or --group auto). */
export function planRequestFrom(argv: Record<string, unknown>, cwd: string, splits?: number): PlanRequest {
  const req: PlanRequest = {
    cwd,
    rootdir: String(argv.rootdir ?? '.'),
    durations: list(argv.durations),
    junit: list(argv.junit),
    splits: splits ?? parseSplits(argv.splits),
    granularity: parseGranularity(argv.granularity ?? 'auto'),
    algorithm: parseAlgorithm(argv.algorithm ?? 'balanced'),
    workers: parseIntFlag('--workers', argv.workers ?? '1', 1, 1024),
    discover: argv.discover !== false,
  };
  const together = list(argv.together);
  if (together.length > 0) req.together = together;
  if (argv.collected !== undefined) req.collected = String(argv.collected);
  if (argv['fixed-overhead'] !== undefined) req.fixedOverhead = parseSeconds('--fixed-overhead', argv['fixed-overhead']);
  if (argv['per-file-overhead'] !== undefined) req.perFileOverhead = parseSeconds('--per-file-overhead', argv['per-file-overhead']);
  if (argv['startup-seconds'] !== undefined) req.startupSeconds = parseSeconds('--startup-seconds', argv['startup-seconds']);
  if (argv['worker-startup'] !== undefined) req.workerStartup = parseSeconds('--worker-startup', argv['worker-startup']);
  return req;
}

export function builder<T>(y: Argv<T>) {
  return chooseOptions(planOptions(y))
    .option('json', { type: 'string', describe: 'write the whole plan as JSON to PATH (- for stdout)' })
    .option('matrix', { type: 'string', describe: 'write the GitHub Actions matrix to PATH (- or no value for stdout)' })
    .option('group', {
      type: 'string',
      describe: "the shard (1-based) whose pytest arguments --pytest-args or --shell prints, or auto: from the CI's variables",
    })
    .option('pytest-args', { type: 'string', describe: "write --group's selectors, one per line, for 'pytest @FILE' (to PATH, or stdout)" })
    .option('args-dir', { type: 'string', describe: 'write one args file per group into DIR (group-K.args)' })
    .option('shell', { type: 'string', describe: "write --group's command as one shell-quoted line, pytest -- 'id' ... (to PATH, or stdout)" })
    .option('html', { type: 'string', describe: 'write a self-contained HTML page with one bar per shard to PATH' })
    .option('svg', { type: 'string', describe: 'write the same bar chart as an SVG image to PATH' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no summary on stderr' });
}

/**
 * Builds every requested output in memory; nothing is written if any of them fails. A shard whose
 * arguments are written (`--pytest-args`, `--shell`, `--args-dir`, to a file or stdout) also gets
 * its plugin directory under `--rootdir` when it needs one (core/selection.ts).
 */
export function planOutputs(plan: Plan, argv: Record<string, unknown>, suite?: Suite): Output[] {
  const outputs: Output[] = [];
  const argGroups = new Set<number>();
  if (argv.html !== undefined || argv.svg !== undefined) {
    if (!suite) throw new Error('planOutputs: --html and --svg need the suite the plan was built from');
    const bars = shardBars(plan, suite);
    if (argv.html !== undefined) outputs.push({ to: String(argv.html), label: '--html', content: renderHtml(plan, bars) });
    if (argv.svg !== undefined) outputs.push({ to: String(argv.svg), label: '--svg', content: renderSvg(plan, bars) });
  }
  if (argv.json !== undefined) outputs.push({ to: String(argv.json), label: '--json', content: formatPlan(plan) });
  if (argv.matrix !== undefined) outputs.push({ to: String(argv.matrix), label: '--matrix', content: formatMatrix(plan) + '\n' });
  const hasArgs = argv['pytest-args'] !== undefined;
  const hasShell = argv.shell !== undefined;
  if (argv.group !== undefined || hasArgs || hasShell) {
    if (argv.group === undefined) throw new UsageError(`${hasArgs ? '--pytest-args' : '--shell'} needs --group K (the shard to print)`);
    if (!hasArgs && !hasShell) throw new UsageError('--group needs --pytest-args or --shell (or use --args-dir for every group)');
    const group = parseIntFlag('--group', argv.group, 1, plan.splits);
    const shard = plan.shards[group - 1];
    if (!shard) throw new UsageError(`--group must be from 1 to ${plan.splits}, got ${group}`);
    argGroups.add(group);
    if (hasArgs) outputs.push({ to: String(argv['pytest-args']), label: '--pytest-args', content: formatArgsFile(shard.selectors, `group ${group}`) });
    if (hasShell) outputs.push({ to: String(argv.shell), label: '--shell', content: formatShellCommand(shard.selectors, `group ${group}`) });
  }
  if (argv['args-dir'] !== undefined) {
    const dir = String(argv['args-dir']);
    for (const s of plan.shards) {
      if (s.selectors.length === 0) continue;
      argGroups.add(s.group);
      outputs.push({ to: resolve(dir, `group-${s.group}.args`), label: '--args-dir', content: formatArgsFile(s.selectors, `group ${s.group}`) });
    }
  }
  const rootdir = String(argv.rootdir ?? '.');
  for (const f of pluginFiles(
    plan,
    [...argGroups].sort((a, b) => a - b),
  )) {
    outputs.push({ to: join(rootdir, f.path), label: 'the shard plugin', content: f.content });
  }
  return outputs;
}

export async function handler(argv: Record<string, unknown>): Promise<void> {
  const cwd = process.cwd();
  const { plan, suite, recommendation, ci } = await resolvePlan(argv, cwd, process.env);
  const outputs = planOutputs(plan, ci ? { ...argv, group: String(ci.group) } : argv, suite);
  // Outputs first: if one cannot be written, the error is the only line on stderr.
  emit(outputs, cwd);
  if (!argv.quiet && recommendation) process.stderr.write(describeChoice(recommendation));
  if (!argv.quiet) process.stderr.write(formatSummary(plan));
}

/** `split-plan` (the default command): plan N shards and write the requested outputs. */
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { formatSummary } from '../render/summary.js';
import { formatArgsFile } from '../formats/argsFile.js';
import { formatMatrix } from '../formats/matrix.js';
import { formatShellCommand } from '../formats/shellArgs.js';
import { formatPlan } from '../formats/planJson.js';
import { pluginFiles } from '../formats/pluginFiles.js';
import { shardBars } from '../core/explain.js';
import type { Suite } from '../core/suite.js';
import { renderHtml, renderSvg } from '../render/report.js';
import { parseIntFlag } from '../app/options.js';
import { describeChoice } from '../render/recommend.js';
import { emit, type Output } from './output.js';
import { planAndChooseOptions, resolveFromFlags } from './planFlags.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';
import { describeWith } from '../render/warnings.js';

export function builder<T>(y: Argv<T>) {
  return planAndChooseOptions(y)
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

export type PlanArgs = ArgsOf<typeof builder>;

/** The flags that say what to write (`--group` as given, or the shard `--group auto` found). */
export type OutputFlags = Pick<PlanArgs, 'html' | 'svg' | 'json' | 'matrix' | 'group' | 'pytestArgs' | 'shell' | 'argsDir' | 'rootdir'>;

/**
 * Builds every requested output in memory; nothing is written if any of them fails. A shard whose
 * arguments are written (`--pytest-args`, `--shell`, `--args-dir`, to a file or stdout) also gets
 * its plugin directory under `--rootdir` when it needs one (core/selection.ts).
 */
export function planOutputs(plan: Plan, argv: OutputFlags, suite?: Suite): Output[] {
  const outputs: Output[] = [];
  const argGroups = new Set<number>();
  if (argv.html !== undefined || argv.svg !== undefined) {
    if (!suite) throw new Error('planOutputs: --html and --svg need the suite the plan was built from');
    const bars = shardBars(plan, suite);
    if (argv.html !== undefined) outputs.push({ to: argv.html, label: '--html', content: renderHtml(plan, bars, CLI_WORDS) });
    if (argv.svg !== undefined) outputs.push({ to: argv.svg, label: '--svg', content: renderSvg(plan, bars) });
  }
  if (argv.json !== undefined) outputs.push({ to: argv.json, label: '--json', content: formatPlan(plan, describeWith(CLI_WORDS)) });
  if (argv.matrix !== undefined) outputs.push({ to: argv.matrix, label: '--matrix', content: formatMatrix(plan) + '\n' });
  const hasArgs = argv.pytestArgs !== undefined;
  const hasShell = argv.shell !== undefined;
  if (argv.group !== undefined || hasArgs || hasShell) {
    if (argv.group === undefined) throw new UsageError(`${hasArgs ? '--pytest-args' : '--shell'} needs --group K (the shard to print)`);
    if (!hasArgs && !hasShell) throw new UsageError('--group needs --pytest-args or --shell (or use --args-dir for every group)');
    const group = parseIntFlag('--group', argv.group, 1, plan.splits);
    const shard = plan.shards[group - 1];
    if (!shard) throw new UsageError(`--group must be from 1 to ${plan.splits}, got ${group}`);
    argGroups.add(group);
    if (argv.pytestArgs !== undefined)
      outputs.push({ to: argv.pytestArgs, label: '--pytest-args', content: formatArgsFile(shard.selectors, `group ${group}`) });
    if (argv.shell !== undefined) outputs.push({ to: argv.shell, label: '--shell', content: formatShellCommand(shard.selectors, `group ${group}`) });
  }
  if (argv.argsDir !== undefined) {
    const dir = argv.argsDir;
    for (const s of plan.shards) {
      if (s.selectors.length === 0) continue;
      argGroups.add(s.group);
      outputs.push({ to: resolve(dir, `group-${s.group}.args`), label: '--args-dir', content: formatArgsFile(s.selectors, `group ${s.group}`) });
    }
  }
  const rootdir = argv.rootdir;
  for (const f of pluginFiles(
    plan,
    [...argGroups].sort((a, b) => a - b),
  )) {
    outputs.push({ to: join(rootdir, f.path), label: 'the shard plugin', content: f.content });
  }
  return outputs;
}

export async function handler(argv: PlanArgs): Promise<void> {
  const cwd = process.cwd();
  const { plan, suite, recommendation, ci } = await resolveFromFlags(argv, cwd, process.env);
  const outputs = planOutputs(plan, ci ? { ...argv, group: String(ci.group) } : argv, suite);
  // Outputs first: if one cannot be written, the error is the only line on stderr.
  emit(outputs, cwd);
  if (!argv.quiet && recommendation) process.stderr.write(describeChoice(recommendation, CLI_WORDS));
  if (!argv.quiet) process.stderr.write(formatSummary(plan, CLI_WORDS));
}

/**
 * `mode: shard`: the pytest arguments of one group, from the plan file the plan job wrote (so a
 * re-run runs exactly the same tests) or, without one, from the same inputs recomputed (the
 * planner is deterministic). Writes `split-plan-group-K.args` for `pytest @FILE`, and the
 * group's plugin directory under the rootdir when it runs part of a cut file (core/selection.ts),
 * all or nothing.
 */
import { join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { Plan } from '../../core/plan.js';
import { formatArgsFile } from '../../formats/argsFile.js';
import { parsePlan } from '../../formats/planJson.js';
import { pluginFiles } from '../../formats/pluginFiles.js';
import { readText, writeAtomicAll } from '../../io/files.js';
import { argsFileName, INPUT, OUTPUT } from '../constants.js';
import { planFromInputs, type ActionInputs } from '../inputs.js';
import { resolveWritePath } from '../paths.js';
import type { ModeContext } from './types.js';

async function loadPlan(inputs: ActionInputs): Promise<Plan> {
  if (inputs.planFile === undefined) return (await planFromInputs(inputs)).plan;
  const path = resolve(inputs.workingDirectory, inputs.planFile);
  const plan = parsePlan(readText(path, INPUT.planFile), `${INPUT.planFile}: ${path}`);
  // splits: auto chose when the plan was made; the plan file holds the choice.
  if (typeof inputs.splits === 'number' && inputs.splits !== plan.splits) {
    throw new UsageError(
      `${INPUT.splits} is ${inputs.splits} but ${INPUT.planFile} ${path} has ${plan.splits} shards; leave ${INPUT.splits} empty or give the matching plan`,
    );
  }
  return plan;
}

export async function runShard({ inputs, core, env }: ModeContext): Promise<void> {
  const group = inputs.group;
  if (group === undefined) {
    throw new UsageError(`${INPUT.group} is required in mode shard: the 1-based shard to run, e.g. \${{ matrix.group }}`);
  }
  const argsPath = env.runnerTemp
    ? join(resolve(env.runnerTemp), argsFileName(group))
    : resolveWritePath(argsFileName(group), inputs.workingDirectory, env.workspace, OUTPUT.argsFile);
  const plan = await loadPlan(inputs);
  const shard = plan.shards[group - 1];
  if (shard === undefined) {
    throw new UsageError(`${INPUT.group} must be an integer from 1 to ${plan.splits} (the plan's splits), got ${group}`);
  }
  const content = formatArgsFile(shard.selectors, `${INPUT.group} ${group}`);
  const rootdir = resolve(inputs.workingDirectory, inputs.rootdir);
  const plugin = pluginFiles(plan, [group]).map((f) => ({
    path: resolveWritePath(f.path, rootdir, env.workspace, `${INPUT.rootdir} (the shard plugin)`),
    content: f.content,
    label: 'the shard plugin',
  }));

  writeAtomicAll([{ path: argsPath, content, label: OUTPUT.argsFile }, ...plugin]);
  core.setOutput(OUTPUT.argsFile, argsPath);
  core.setOutput(OUTPUT.tests, String(shard.tests.length));
  core.setOutput(OUTPUT.predictedSeconds, String(shard.predictedSeconds));
  core.info(
    `group ${group} of ${plan.splits}: ${shard.tests.length} tests in ${shard.selectors.length} selectors, predicted ${shard.predictedSeconds.toFixed(2)} s; run: pytest @${argsPath}` +
      (shard.pluginDir !== undefined ? ` (its first argument, ${shard.pluginDir}, is the plugin that keeps this shard's part of the files it shares)` : ''),
  );
}

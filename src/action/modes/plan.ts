/**
 * `mode: plan`: plan once (the same planFromRequest as the CLI), write the plan JSON for the shard
 * jobs, set the matrix and the figures as outputs, annotate guessed timings, write the job summary.
 * Every check and computation happens before the plan file is written, so a failure writes nothing.
 */
import { join, resolve } from 'node:path';
import { formatSummary } from '../../render/summary.js';
import { formatMatrix } from '../../formats/matrix.js';
import { formatPlan } from '../../formats/planJson.js';
import { writeAtomic } from '../../io/files.js';
import { describeChoice } from '../../render/recommend.js';
import { timingAnnotations } from '../annotations.js';
import { DEFAULT_PLAN_FILE, INPUT, OUTPUT } from '../constants.js';
import { planFromInputs } from '../inputs.js';
import { formatJobSummary } from '../jobSummary.js';
import { resolveWritePath, workspaceRelative } from '../paths.js';
import { ACTION_WORDS } from '../words.js';
import type { ModeContext } from './types.js';
import { describeWith } from '../../render/warnings.js';

export async function runPlan({ inputs, core, env }: ModeContext): Promise<void> {
  const planPath = resolveWritePath(inputs.planFile ?? DEFAULT_PLAN_FILE, inputs.workingDirectory, env.workspace, INPUT.planFile);
  const { plan, suite, recommendation } = await planFromInputs(inputs);
  const json = formatPlan(plan, describeWith(ACTION_WORDS));
  const matrix = formatMatrix(plan);
  const rootdir = resolve(inputs.workingDirectory, inputs.rootdir);
  const annotations = timingAnnotations(suite, (file) => workspaceRelative(join(rootdir, file), env.workspace));
  const summary = formatJobSummary(plan, recommendation);

  writeAtomic(planPath, json, INPUT.planFile);
  core.setOutput(OUTPUT.matrix, matrix);
  core.setOutput(OUTPUT.planFile, planPath);
  core.setOutput(OUTPUT.splits, String(plan.splits));
  core.setOutput(OUTPUT.makespanSeconds, String(plan.makespanSeconds));

  if (recommendation) core.info(describeChoice(recommendation, ACTION_WORDS).trimEnd());
  core.info(formatSummary(plan, ACTION_WORDS).trimEnd());
  core.info(`plan written to ${planPath}`);
  for (const a of annotations) core.warning(a.message, a.annotation);
  if (!env.hasSummary) return;
  try {
    await core.appendSummary(summary);
  } catch (e) {
    core.warning(`the job summary could not be written: ${(e as Error).message}`);
  }
}

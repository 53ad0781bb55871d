/**
 * `mode: verify`: did the shards together run the plan exactly once? The same check as
 * `split-plan verify` (app/verify.ts, rules in core/verify.ts). Writes the predicted vs actual
 * table, a chart of predicted against measured seconds and the tests that moved most against the
 * durations file (core/verifyTiming.ts) to the job summary and the counts as outputs, then fails the step, naming the counts and
 * the first offenders, when a test was lost, doubled or ran without being planned.
 */
import { InputError, UsageError } from '../../core/errors.js';
import type { VerifyResult } from '../../core/verify.js';
import { listSome } from '../../render/lists.js';
import { formatVerify } from '../../render/verify.js';
import { verifyFromRequest } from '../../app/verify.js';
import { INPUT, OUTPUT } from '../constants.js';
import { formatVerifySummary } from '../jobSummary.js';
import type { ModeContext } from './types.js';
import { ACTION_WORDS } from '../words.js';

/** How many offenders of each kind the one-line failure names. */
export const FAILURE_OFFENDERS = 3;

const firstOf = (items: readonly string[]): string => listSome(items, FAILURE_OFFENDERS);

/** One line: the counts, then the first offenders of each kind. */
export function verifyFailureMessage(r: VerifyResult): string {
  const parts = [`verify failed: ${r.lost.length} lost, ${r.doubled.length} doubled, ${r.unexpected.length} unexpected`];
  if (r.missingShards.length > 0) parts.push(`no report for group${r.missingShards.length === 1 ? '' : 's'} ${r.missingShards.join(', ')}`);
  if (r.lost.length > 0) parts.push(`lost: ${firstOf(r.lost.map((l) => `${l.entry} (group ${l.group})`))}`);
  if (r.doubled.length > 0) parts.push(`doubled: ${firstOf(r.doubled.map((d) => `${d.id} (${d.reports.length} reports)`))}`);
  if (r.unexpected.length > 0) parts.push(`unexpected: ${firstOf(r.unexpected.map((u) => u.id))}`);
  return parts.join('; ') + ' (the job summary lists them)';
}

export async function runVerify({ inputs, core, env }: ModeContext): Promise<void> {
  if (inputs.planFile === undefined) {
    throw new UsageError(`${INPUT.planFile} is required in mode verify: the plan JSON the plan job wrote, passed along as an artifact`);
  }
  if (inputs.junit.length === 0) {
    throw new UsageError(`${INPUT.junit} is required in mode verify: every shard's JUnit reports, one path or glob pattern per line`);
  }
  const { result, unmapped, timing } = await verifyFromRequest({
    cwd: inputs.workingDirectory,
    rootdir: inputs.rootdir,
    plan: inputs.planFile,
    junit: inputs.junit,
    durations: inputs.durations,
    words: ACTION_WORDS,
  });
  // Modules skipped at collection are listed as such; keep only the other records that are not tests.
  const others = unmapped.filter((u) => !result.skippedModules.some((m) => u.endsWith(`: ${m}`)));

  core.setOutput(OUTPUT.ok, String(result.ok));
  core.setOutput(OUTPUT.lost, String(result.lost.length));
  core.setOutput(OUTPUT.doubled, String(result.doubled.length));
  core.setOutput(OUTPUT.unexpected, String(result.unexpected.length));
  core.info(formatVerify(result, { unmapped: others }).trimEnd());
  if (env.hasSummary) {
    try {
      await core.appendSummary(formatVerifySummary(result, others, undefined, timing));
    } catch (e) {
      core.warning(`the job summary could not be written: ${(e as Error).message}`);
    }
  }
  if (!result.ok) throw new InputError(verifyFailureMessage(result));
}

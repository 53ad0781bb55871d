/**
 * The Action: read the inputs once, run the mode, and turn any failure into one failed step whose
 * message names the input. This is the only catch; modes throw.
 */
import { isSplitPlanError } from '../core/errors.js';
import type { Mode } from './constants.js';
import { envFromProcess, realCore, type ActionEnv, type CoreLike } from './core.js';
import { readInputs } from './inputs.js';
import { runPlan } from './modes/plan.js';
import { runRefresh } from './modes/refresh.js';
import { runShard } from './modes/shard.js';
import type { ModeHandler } from './modes/types.js';
import { runVerify } from './modes/verify.js';
import { oneLine } from '../core/text.js';

export const MODE_HANDLERS: Record<Mode, ModeHandler> = {
  plan: runPlan,
  shard: runShard,
  refresh: runRefresh,
  verify: runVerify,
};

/**
 * The step's failure, on one line: a split-plan error as it is worded (the shared code names
 * inputs in the Action's words, words.ts), anything else as an internal error.
 */
export function failureMessage(e: unknown): string {
  if (isSplitPlanError(e)) return oneLine(e.message);
  const err = e instanceof Error ? e : new Error(String(e));
  return oneLine(`split-plan internal error (please report it): ${err.message}`);
}

/** `handlers` lets tests run a mode with its dependencies replaced (e.g. refreshMode with a fake run). */
export async function run(core: CoreLike = realCore, env: ActionEnv = envFromProcess(), handlers: Record<Mode, ModeHandler> = MODE_HANDLERS): Promise<void> {
  try {
    const inputs = readInputs(core, env);
    await handlers[inputs.mode]({ inputs, core, env });
  } catch (e) {
    core.setFailed(failureMessage(e));
    if (!isSplitPlanError(e) && e instanceof Error && e.stack) core.info(e.stack);
  }
}

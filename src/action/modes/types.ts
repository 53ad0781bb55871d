/** What every mode receives: the validated inputs, the core to report through, and where it runs. */
import type { ActionEnv, CoreLike } from '../core.js';
import type { ActionInputs } from '../inputs.js';

export interface ModeContext {
  inputs: ActionInputs;
  core: CoreLike;
  env: ActionEnv;
}

export type ModeHandler = (ctx: ModeContext) => Promise<void>;

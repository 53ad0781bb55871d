/** Modes declared in action.yml whose implementation has not landed yet. */
import { UsageError } from '../../core/errors.js';
import type { Mode } from '../constants.js';
import type { ModeHandler } from './types.js';

export function notAvailable(mode: Mode): ModeHandler {
  return async () => {
    throw new UsageError(`mode: ${mode} is not available yet`);
  };
}

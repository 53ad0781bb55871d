/**
 * The Action's words for the options it shares with the CLI: its input names (`splits`,
 * `splits: auto`). They are the CLI's flag words without the dashes, except where an input has
 * another name (`split-plan verify --plan` is the input plan-file).
 */
import type { OptionWords } from '../app/words.js';
import { INPUT } from './constants.js';

const RENAMED: Readonly<Record<string, string>> = { plan: INPUT.planFile };

export const ACTION_WORDS: OptionWords = {
  option: (name) => RENAMED[name] ?? name,
  setting: (name, value) => `${RENAMED[name] ?? name}: ${value}`,
};

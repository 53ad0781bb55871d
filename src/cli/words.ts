/** The CLI's words for the options it shares with the Action: flags (`--splits`, `--splits auto`). */
import type { OptionWords } from '../app/words.js';

export const CLI_WORDS: OptionWords = {
  option: (name) => `--${name}`,
  setting: (name, value) => `--${name} ${value}`,
};

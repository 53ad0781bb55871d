/** Text for `--splits auto` and `split-plan recommend` (the choice itself is core/recommend.ts). */
import type { OptionWords } from '../app/words.js';
import type { Recommendation } from '../core/recommend.js';

/** One line saying what `auto` chose, naming the option in the edge's words. */
export function describeChoice(rec: Recommendation, words: OptionWords): string {
  return `split-plan: ${words.setting('splits', 'auto')} chose ${rec.splits}: ${rec.reason}\n`;
}

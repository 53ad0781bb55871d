/**
 * The plan's warnings (core/plan.ts PlanWarning) in words: the CLI's (`--together`) or the
 * Action's (`together`), through the edge's OptionWords. The plan file stores these words.
 */
import type { OptionWords } from '../app/words.js';
import type { Plan, PlanWarning } from '../core/plan.js';
import { listSome } from './lists.js';

/** How many names a warning lists before it says "and N more". */
export const WARNING_LIST_LIMIT = 5;

const some = (names: readonly string[]): string => listSome(names, WARNING_LIST_LIMIT);

export function describeWarning(w: PlanWarning, words: OptionWords): string {
  switch (w.code) {
    case 'empty-shards':
      return `only ${w.units} schedulable unit(s) for ${w.splits} shards: group(s) ${w.groups.join(', ')} have no tests; use fewer splits`;
    case 'estimated-tests':
      return `${w.tests} test(s) have no timing and were estimated from their neighbours`;
    case 'stale-entries':
      return `${w.ids.length} timing entr${w.ids.length === 1 ? 'y is' : 'ies are'} for tests that were not collected and were ignored: ${some(w.ids)}`;
    case 'missing-files':
      return `${w.files.length} ${w.collected ? 'collected' : 'timed'} file(s) no longer exist under the rootdir; their ${w.tests} test(s) were left out: ${some(w.files)}`;
    case 'unmatched-together':
      return `${words.option('together')} pattern(s) matched no test: ${some(w.patterns.map((p) => JSON.stringify(p)))}`;
    case 'untimed-files':
      return `${w.files.length} test file(s) on disk have no timing and are planned whole: ${some(w.files)}`;
    case 'worded':
      return w.text;
  }
}

/** Every warning of the plan, in the edge's words. */
export function describeWarnings(plan: Pick<Plan, 'warnings'>, words: OptionWords): string[] {
  return plan.warnings.map((w) => describeWarning(w, words));
}

/** describeWarning with the words fixed: what formatPlan takes to word the plan file's warnings. */
export function describeWith(words: OptionWords): (w: PlanWarning) => string {
  return (w) => describeWarning(w, words);
}

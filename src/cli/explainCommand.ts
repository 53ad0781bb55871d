/** `split-plan explain`: why the plan looks the way it does (rules in core/explain.ts). */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_EXPLAIN_LIMIT, explainPlan } from '../core/explain.js';
import { explainMarkdown, formatExplanation, wordExplanation } from '../render/explain.js';
import { parsePlan } from '../formats/planJson.js';
import { readText } from '../io/files.js';
import { parseIntFlag } from '../app/options.js';
import { emit, type Output } from './output.js';
import { describeChoice } from '../render/recommend.js';
import { planAndChooseOptions, resolveFromFlags } from './planFlags.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';

export const command = 'explain';
export const describe = 'explain the plan: known and estimated timings, stale entries, slowest tests and files, cut files, moves';

export function builder<T>(y: Argv<T>) {
  return planAndChooseOptions(y)
    .option('against', { type: 'string', describe: "an earlier plan ('split-plan --json PATH') to list which tests moved shard and why" })
    .option('limit', { type: 'string', default: String(DEFAULT_EXPLAIN_LIMIT), describe: 'how many entries each list shows' })
    .option('markdown', { type: 'boolean', default: false, describe: 'print a short Markdown form (for a job summary or a pull-request comment)' })
    .option('json', { type: 'string', describe: 'write the explanation as JSON to PATH (- for stdout instead of the text)' });
}

export type ExplainArgs = ArgsOf<typeof builder>;

export async function handler(argv: ExplainArgs): Promise<void> {
  const cwd = process.cwd();
  const limit = parseIntFlag('--limit', argv.limit, 1, 100000);
  // Read the old plan first: a bad --against fails before any planning.
  const against = argv.against === undefined ? undefined : readPlan(resolve(cwd, argv.against));
  const { plan, suite, recommendation, setups } = await resolveFromFlags(argv, cwd, process.env);
  if (recommendation) process.stderr.write(describeChoice(recommendation, CLI_WORDS));
  const ex = explainPlan(plan, suite, { limit, ...(against ? { against } : {}), ...(setups ? { setups } : {}) });
  const text = argv.markdown ? explainMarkdown(ex) : formatExplanation(ex, CLI_WORDS);
  const outputs: Output[] = [];
  const json = argv.json;
  if (json !== undefined) outputs.push({ to: json, label: '--json', content: JSON.stringify(wordExplanation(ex, CLI_WORDS), null, 2) + '\n' });
  if (json === '-' || json === '') process.stderr.write(text);
  else outputs.push({ to: '-', label: 'the explanation', content: text });
  emit(outputs, cwd);
}

function readPlan(path: string) {
  return parsePlan(readText(path, '--against'), path);
}

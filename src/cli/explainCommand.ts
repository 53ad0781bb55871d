/** `split-plan explain`: why the plan looks the way it does (rules in core/explain.ts). */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_EXPLAIN_LIMIT, explainMarkdown, explainPlan, formatExplanation } from '../core/explain.js';
import { parsePlan } from '../formats/planJson.js';
import { readText } from '../io/files.js';
import { parseIntFlag } from '../app/options.js';
import { emit, type Output } from './output.js';
import { planOptions } from './planCommand.js';
import { chooseOptions, describeChoice, resolvePlan } from './recommendCommand.js';

export const command = 'explain';
export const describe = 'explain the plan: known and estimated timings, stale entries, slowest tests and files, cut files, moves';

export function builder<T>(y: Argv<T>) {
  return chooseOptions(planOptions(y))
    .option('against', { type: 'string', describe: "an earlier plan ('split-plan --json PATH') to list which tests moved shard and why" })
    .option('limit', { type: 'string', default: String(DEFAULT_EXPLAIN_LIMIT), describe: 'how many entries each list shows' })
    .option('markdown', { type: 'boolean', default: false, describe: 'print a short Markdown form (for a job summary or a pull-request comment)' })
    .option('json', { type: 'string', describe: 'write the explanation as JSON to PATH (- for stdout instead of the text)' });
}

export async function handler(argv: Record<string, unknown>): Promise<void> {
  const cwd = process.cwd();
  const limit = parseIntFlag('--limit', argv.limit ?? DEFAULT_EXPLAIN_LIMIT, 1, 100000);
  // Read the old plan first: a bad --against fails before any planning.
  const against = argv.against === undefined ? undefined : readPlan(resolve(cwd, String(argv.against)));
  const { plan, suite, recommendation, setups } = await resolvePlan(argv, cwd, process.env);
  if (recommendation) process.stderr.write(describeChoice(recommendation));
  const ex = explainPlan(plan, suite, { limit, ...(against ? { against } : {}), ...(setups ? { setups } : {}) });
  const text = argv.markdown === true ? explainMarkdown(ex) : formatExplanation(ex);
  const outputs: Output[] = [];
  const json = argv.json === undefined ? undefined : String(argv.json);
  if (json !== undefined) outputs.push({ to: json, label: '--json', content: JSON.stringify(ex, null, 2) + '\n' });
  if (json === '-' || json === '') process.stderr.write(text);
  else outputs.push({ to: '-', label: 'the explanation', content: text });
  emit(outputs, cwd);
}

function readPlan(path: string) {
  return parsePlan(readText(path, '--against'), path);
}

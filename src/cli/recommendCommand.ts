/**
 * `split-plan recommend`: the table behind `--splits auto` (how every command decides N lives in
 * src/app/resolvePlan.ts).
 */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { compareWorkers, coreBudgets, recommend, WORKER_CHOICES } from '../core/recommend.js';
import { formatRecommendation } from '../render/recommend.js';
import { prepareSuite } from '../app/plan.js';
import { planRequestOf } from '../app/planOptions.js';
import { emit } from './output.js';
import { chooseFrom, chooseOptions, isAuto, planOptions, planSettingsFrom } from './planFlags.js';
import type { ArgsOf } from './args.js';
import { CLI_WORDS } from './words.js';

export const command = 'recommend';
export const describe = 'choose the number of shards: predicted slowest shard, billed minutes and efficiency for each N';

export function builder<T>(y: Argv<T>) {
  return chooseOptions(planOptions(y))
    .option('workers', {
      type: 'string',
      default: '1',
      describe: 'pytest-xdist workers inside each shard, or auto: also weigh the same cores as more shards or more workers (1, 2, 4)',
    })
    .option('all', { type: 'boolean', default: false, describe: 'plan every N from 1 to --max-splits (exact, slower) instead of searching' })
    .option('json', { type: 'string', describe: 'also write the table as JSON to PATH (- for stdout instead of the table)' });
}

export type RecommendArgs = ArgsOf<typeof builder>;

export async function handler(argv: RecommendArgs): Promise<void> {
  if (argv.splits !== undefined) throw new UsageError('recommend chooses the number of shards itself; drop --splits');
  const cwd = process.cwd();
  const { settings } = chooseFrom(argv);
  // --workers auto: the table for plain shards, then the same cores as shards or as workers. The
  // suite is prepared for workers, so their start-up is learned (or defaulted) once for all K.
  const autoWorkers = isAuto(argv.workers);
  const planSettings = planSettingsFrom(autoWorkers ? { ...argv, workers: String(Math.max(...WORKER_CHOICES)) } : argv);
  const { suite, options } = await prepareSuite(planRequestOf(planSettings, cwd, 1, CLI_WORDS));
  const plain = autoWorkers ? { ...options, workers: 1 } : options;
  const rec = recommend(suite, { plan: plain, ...settings, exhaustive: argv.all, context: true });
  if (autoWorkers) {
    rec.workers = compareWorkers(suite, {
      plan: options,
      jobOverheadSeconds: settings.jobOverheadSeconds,
      cores: coreBudgets(rec.splits, 4 * settings.maxSplits),
      maxSplits: settings.maxSplits,
    });
  }
  const json = argv.json;
  const table = formatRecommendation(rec);
  const outputs = [];
  if (json !== undefined) {
    const { plan: _plan, ...rest } = rec;
    outputs.push({ to: json, label: '--json', content: JSON.stringify(rest, null, 2) + '\n' });
  }
  if (json === undefined || (json !== '-' && json !== '')) outputs.push({ to: '-', label: 'the table', content: table });
  else process.stderr.write(table);
  emit(outputs, cwd);
}

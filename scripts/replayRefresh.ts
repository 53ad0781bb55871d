/**
 * `npm run e2e:real:replay -- --work DIR`: replays the refresh of a kept `npm run e2e:real --keep`
 * work directory with this checkout's rule, and prints how well the refreshed file predicts the
 * test seconds of the shard runs it did not learn from.
 *
 * For each N: `refresh` of the serial run's durations file (`serial.durations`) with round 1's
 * shard reports (`{mode}-n{N}-r1/ours-*.xml`), then for every other shard run of that N (the
 * greedy split's round 1, every shard of rounds 2 and later, first repeat only) the predicted test
 * seconds, test pace x the sum of the refreshed values of its measured tests, against the sum of
 * its JUnit testcases. The machine's noise is in both; only the rule differs between two commits
 * replayed on the same directory, so run it at each commit to compare rules
 * (docs/real-suite.md).
 *
 * Usage: npm run e2e:real:replay -- --work DIR [--mode plain|xdist] [--n 2,3,4]
 * Exit: 0, 1 on a failure (unreadable reports), 2 on a usage error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRefreshInputs, refreshText } from '../src/app/refresh.js';
import { mapReports } from '../src/core/junitMap.js';
import { isMeasurement } from '../src/core/measurement.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_CHANGE_RATIO, DEFAULT_MIN_CHANGE_SECONDS } from '../src/core/refresh.js';
import { parseDurations } from '../src/formats/durations.js';
import type { OptionWords } from '../src/app/words.js';
import { intList, UsageError } from './lib/options.js';

interface Options {
  work: string;
  mode: 'plain' | 'xdist';
  n: number[] | undefined;
}

function readOptions(argv: string[]): Options {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: { work: { type: 'string' }, mode: { type: 'string' }, n: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (v.work === undefined) throw new UsageError('--work is required: a directory kept by `npm run e2e:real -- --keep`');
  const mode = v.mode ?? 'plain';
  if (mode !== 'plain' && mode !== 'xdist') throw new UsageError(`--mode must be plain or xdist, got ${JSON.stringify(mode)}`);
  if (!existsSync(join(v.work, 'serial.durations')))
    throw new UsageError(`--work must hold serial.durations (kept by e2e:real --keep), got ${JSON.stringify(v.work)}`);
  const n = v.n === undefined ? undefined : intList('--n', v.n);
  return { work: v.work, mode, n };
}

const words: OptionWords = { option: (name) => `--${name}`, setting: (name, value) => `--${name} ${value}` };
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** Shard reports of one round and split, first repeat only, in group order. */
function reportsOf(work: string, mode: string, n: number, round: number, split: 'ours' | 'greedy'): string[] {
  return Array.from({ length: n }, (_, i) => join(work, `${mode}-n${n}-r${round}`, `${split}-${i + 1}.xml`)).filter((f) => existsSync(f));
}

/** N -> its rounds, ascending, from the `{mode}-n{N}-r{round}` directories of a kept run. */
function roundsByN(work: string, mode: string): Map<number, number[]> {
  const re = new RegExp(`^${mode}-n(\\d+)-r(\\d+)$`);
  const out = new Map<number, number[]>();
  for (const d of readdirSync(work).sort()) {
    const m = re.exec(d);
    if (m)
      out.set(
        Number(m[1]),
        [...(out.get(Number(m[1])) ?? []), Number(m[2])].sort((a, b) => a - b),
      );
  }
  return out;
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  const { work, mode } = opts;
  const rootdir = existsSync(join(work, 'root')) ? join(work, 'root') : work;
  const collected = existsSync(join(work, 'collected.txt')) ? 'collected.txt' : undefined;
  const serialText = readFileSync(join(work, 'serial.durations'), 'utf8');
  const rounds = roundsByN(work, mode);
  const ns = opts.n ?? [...rounds.keys()].sort((a, b) => a - b);
  const errors: number[] = [];
  for (const n of ns) {
    const learnFrom = reportsOf(work, mode, n, 1, 'ours');
    if (learnFrom.length === 0) throw new UsageError(`${work} has no ${mode}-n${n}-r1/ours-*.xml`);
    const inputs = await loadRefreshInputs({ cwd: work, rootdir, junit: learnFrom, ...(collected ? { collected } : {}), words });
    const refreshed = refreshText(serialText, 'serial.durations', inputs, {
      completeRun: false,
      smoothing: 'pace',
      alpha: DEFAULT_ALPHA,
      minChangeSeconds: DEFAULT_MIN_CHANGE_SECONDS,
      minChangeRatio: DEFAULT_MIN_CHANGE_RATIO,
      ...(mode === 'xdist' ? { workers: 2 } : {}),
    });
    const file = parseDurations(refreshed.content, 'refreshed');
    const pace = file.testPace ?? 1;
    const cells: string[] = [];
    for (const round of rounds.get(n) ?? []) {
      for (const split of ['ours', 'greedy'] as const) {
        if (round === 1 && split === 'ours') continue;
        const files = reportsOf(work, mode, n, round, split);
        if (files.length === 0) continue;
        const { reports } = await loadRefreshInputs({ cwd: work, rootdir, junit: files, words });
        const { cases } = mapReports(reports, { knownIds: new Set(file.timings.keys()), isFile: () => false });
        files.forEach((_, k) => {
          const mine = cases.filter((c) => c.report === k && isMeasurement(c.outcome) && file.timings.has(c.id));
          const measured = mine.reduce((a, c) => a + c.time, 0);
          const predicted = pace * mine.reduce((a, c) => a + (file.timings.get(c.id) as number), 0);
          if (measured <= 0) return;
          const e = predicted / measured - 1;
          errors.push(e);
          cells.push(`${split} r${round}.${k + 1} ${pct(e)}`);
        });
      }
    }
    console.log(
      `${mode} N=${n}: refreshed from round 1 (${refreshed.result.updated.length} updated, test pace ${file.testPace ?? 'none'}); predicted test seconds / measured - 1: ${cells.join(', ') || 'no other shard runs'}`,
    );
  }
  if (errors.length === 0) {
    console.log('no shard runs to predict');
    return;
  }
  const abs = errors.map(Math.abs);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `${errors.length} shard runs: mean |error| ${(mean(abs) * 100).toFixed(1)}%, bias ${pct(mean(errors))}, max |error| ${(Math.max(...abs) * 100).toFixed(1)}%, within 15%: ${abs.filter((a) => a <= 0.15).length}`,
  );
}

main().catch((e: unknown) => {
  console.error(`e2e:real:replay: ${(e as Error).message}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});

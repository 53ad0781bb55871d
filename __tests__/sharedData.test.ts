/**
 * Acceptance on real timing files from public projects (__tests__/fixtures/durations, see its
 * PROVENANCE.md): at N = 2..32 with --granularity test, every key lands in exactly one shard, no shard is
 * empty when there are at least N tests, and the slowest shard is within 0.5% of the lower bound,
 * or, where no split can reach that bound, equal to the best split (the N-th and (N+1)-th longest
 * tests must share a shard, so the slowest shard is at least their sum).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_OVERHEAD } from '../src/core/overhead.js';
import { buildPlan } from '../src/core/plan.js';
import { buildSuite } from '../src/core/suite.js';
import { parseDurations } from '../src/formats/durations.js';
import { fixturePath } from './helpers/paths.js';

const files = readdirSync(fixturePath('durations'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe.each(files.map((f) => [f]))('%s', (file) => {
  const { timings } = parseDurations(readFileSync(fixturePath('durations', file), 'utf8'), file);
  const suite = buildSuite({ timings });
  const sorted = [...timings.values()].sort((a, b) => b - a);

  it('parses every entry', () => {
    expect(timings.size).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: 31 }, (_, i) => [i + 2]))('N=%i: exactly once, not empty, at the bound', (splits) => {
    const plan = buildPlan(suite, { splits, granularity: 'test', algorithm: 'balanced', workers: 1, overhead: DEFAULT_OVERHEAD });
    const seen = plan.shards.flatMap((s) => s.tests);
    expect(seen.length).toBe(timings.size);
    expect(new Set(seen).size).toBe(timings.size);
    const empty = plan.shards.filter((s) => s.tests.length === 0).length;
    expect(empty).toBe(Math.max(0, splits - timings.size));
    const pairBound = (sorted[splits - 1] ?? 0) + (sorted[splits] ?? 0);
    const bound = Math.max(plan.lowerBoundSeconds, pairBound);
    expect(plan.makespanSeconds).toBeLessThanOrEqual(bound * 1.005 + 0.001);
  });
});

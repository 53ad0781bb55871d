/** Input parsing shared by the CLI flags and the Action inputs: each error names the input that was wrong. */
import { UsageError } from '../core/errors.js';
import { ALGORITHMS, GRANULARITIES, type Algorithm, type Granularity } from '../core/types.js';

/** GitHub's limit on jobs in one matrix. */
export const MAX_SPLITS = 256;

export function parseIntFlag(name: string, raw: unknown, min: number, max: number): number {
  const s = String(raw).trim();
  const n = /^[+]?\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw) ?? String(raw)}`);
  }
  return n;
}

export function parseSplits(raw: unknown, name = '--splits'): number {
  return parseIntFlag(name, raw, 1, MAX_SPLITS);
}

export function parseSeconds(name: string, raw: unknown): number {
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (String(raw).trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${name} must be a non-negative number of seconds, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function parseChoice<T extends string>(name: string, raw: unknown, choices: readonly T[]): T {
  const s = String(raw).trim();
  if (!(choices as readonly string[]).includes(s)) {
    throw new UsageError(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return s as T;
}

export const parseGranularity = (raw: unknown, name = '--granularity'): Granularity => parseChoice(name, raw, GRANULARITIES);
export const parseAlgorithm = (raw: unknown, name = '--algorithm'): Algorithm => parseChoice(name, raw, ALGORITHMS);

export function parseAlpha(raw: unknown, name = '--alpha'): number {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new UsageError(`${name} must be a number above 0 and at most 1, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function parseRatio(raw: unknown, name = '--min-change-ratio'): number {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${name} must be a non-negative number (0.2 means 20%), got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** yargs gives a string for one use of a flag and an array for several; normalise to an array. */
export function list(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

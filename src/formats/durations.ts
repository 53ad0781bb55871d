/**
 * pytest-split's durations file: a JSON object `{nodeid: seconds}`, or its legacy list of
 * `[nodeid, seconds]` pairs. split-plan may keep its measured per-shard overhead, test pace and
 * pytest-xdist worker start-up (with the worker count it holds for) in the same file under reserved keys (plain numbers, so pytest-split still reads the file; it ignores durations
 * of tests it did not collect).
 */
import { InputError } from '../core/errors.js';
import { compareCodePoints } from '../core/nodeid.js';
import { roundMs } from '../core/stats.js';
import { scanFlatObject } from './fastJson.js';
import { SortedDurations } from '../core/sortedDurations.js';
import type { Durations, NodeId, OverheadModel } from '../core/types.js';
import type { StoredWorkerStart } from '../core/xdist.js';

export const META_PREFIX = '__split_plan__::';
const META_FIXED = `${META_PREFIX}overhead_fixed_seconds`;
const META_PER_FILE = `${META_PREFIX}overhead_per_file_seconds`;
const META_SAMPLES = `${META_PREFIX}overhead_samples`;
const META_TEST_PACE = `${META_PREFIX}test_pace`;
const META_WORKER_START = `${META_PREFIX}worker_start_seconds`;
const META_WORKER_START_WORKERS = `${META_PREFIX}worker_start_workers`;

export interface DurationsFile {
  /** A SortedDurations when the file's keys are in order (as pytest-split writes them), else a Map. */
  timings: Durations;
  /** Overhead stored by `split-plan refresh`, if present. */
  overhead?: OverheadModel;
  /**
   * How fast the shards last ran their tests against these timings (core/testPace.ts), stored by
   * `split-plan refresh`; absent when they held. Planning multiplies the file's timings by it.
   */
  testPace?: number;
  /**
   * Seconds a shard with this many pytest-xdist workers spends bringing them up (core/xdist.ts),
   * stored by `split-plan refresh` from xdist reports; planning with the same `--workers` uses it.
   */
  workerStart?: StoredWorkerStart;
}

const MAX_SHOWN_ID = 80;

function shortId(id: string): string {
  return JSON.stringify(id.length > MAX_SHOWN_ID ? id.slice(0, MAX_SHOWN_ID) + '…' : id);
}

export function parseDurations(text: string, source: string): DurationsFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${source}: durations file is empty`);
  const flat = scanFlatObject(body);
  if (flat) return fromEntries(flat.keys, flat.values, source);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new InputError(`${source}: invalid JSON: ${(e as Error).message}`);
  }
  const entries: [unknown, unknown][] = [];
  if (Array.isArray(data)) {
    data.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InputError(`${source}: legacy durations entry ${i} must be a [nodeid, seconds] pair`);
      }
      entries.push([pair[0], pair[1]]);
    });
  } else if (data !== null && typeof data === 'object') {
    for (const k of Object.keys(data)) entries.push([k, (data as Record<string, unknown>)[k]]);
  } else {
    throw new InputError(`${source}: durations must be a JSON object of {nodeid: seconds}, got ${data === null ? 'null' : typeof data}`);
  }
  return fromEntries(
    entries.map((e) => e[0]),
    entries.map((e) => e[1]),
    source,
  );
}

function fromEntries(ids: readonly unknown[], values: readonly unknown[], source: string): DurationsFile {
  const meta = new Map<string, number>();
  const sorted = sortedEntries(ids, values, meta);
  if (sorted) return withMeta(sorted, meta);
  meta.clear();
  const timings = new Map<NodeId, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const seconds = values[i];
    if (typeof id !== 'string' || id === '') {
      throw new InputError(`${source}: node id must be a non-empty string, got ${JSON.stringify(id)}`);
    }
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new InputError(
        `${source}: duration of ${shortId(id)} must be a non-negative number of seconds, got ${typeof seconds === 'number' ? String(seconds) : (JSON.stringify(seconds) ?? String(seconds))}`,
      );
    }
    if (id.startsWith(META_PREFIX)) meta.set(id, seconds);
    else {
      // One hash lookup per id: a set that does not grow the map met the id before.
      const size = timings.size;
      if (timings.set(id, seconds).size === size) throw new InputError(`${source}: node id ${shortId(id)} appears twice`);
    }
  }
  return withMeta(timings, meta);
}

/**
 * Valid entries whose ids are in strictly increasing order (pytest-split's sorted keys): the pairs
 * as a SortedDurations, no hash table built, with the reserved overhead keys put in `meta`.
 * Anything else gives undefined, and the caller checks the entries one by one, naming the first
 * bad one (or the duplicate).
 */
function sortedEntries(ids: readonly unknown[], values: readonly unknown[], meta: Map<string, number>): SortedDurations | undefined {
  let metaKeys = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const s = values[i];
    if (typeof id !== 'string' || id === '' || typeof s !== 'number' || !Number.isFinite(s) || s < 0) return undefined;
    if (id.startsWith(META_PREFIX)) {
      meta.set(id, s);
      metaKeys++;
    }
  }
  if (metaKeys === 0) return SortedDurations.fromSorted(ids as readonly NodeId[], values as readonly number[]);
  const keep: NodeId[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as NodeId;
    if (id.startsWith(META_PREFIX)) continue;
    keep.push(id);
    seconds.push(values[i] as number);
  }
  return SortedDurations.fromSorted(keep, seconds);
}

function withMeta(timings: Durations, meta: ReadonlyMap<string, number>): DurationsFile {
  const fixed = meta.get(META_FIXED);
  const perFile = meta.get(META_PER_FILE);
  const overhead: OverheadModel | undefined =
    fixed !== undefined && perFile !== undefined
      ? { fixedSeconds: fixed, perFileSeconds: perFile, source: 'stored', samples: meta.get(META_SAMPLES) ?? 0 }
      : undefined;
  const pace = meta.get(META_TEST_PACE);
  const testPace = pace !== undefined && Number.isFinite(pace) && pace > 0 ? pace : undefined;
  const start = meta.get(META_WORKER_START);
  const workers = meta.get(META_WORKER_START_WORKERS);
  // Both keys, or none: a start-up without the worker count it holds for is not used.
  const workerStart =
    start !== undefined && workers !== undefined && Number.isInteger(workers) && workers >= 2 ? { workerStartSeconds: start, workers } : undefined;
  return {
    timings,
    ...(overhead ? { overhead } : {}),
    ...(testPace !== undefined ? { testPace } : {}),
    ...(workerStart ? { workerStart } : {}),
  };
}

/** Python's `json.dumps` default escaping: everything outside printable ASCII as \uXXXX. */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function pyNumber(x: number, precise = false): string {
  const r = precise ? Math.round(x * 1e6) / 1e6 : roundMs(x);
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
}

/**
 * Writes what pytest-split writes (`json.dump(..., sort_keys=True, indent=4)`), with values
 * rounded to milliseconds and a final newline. Same map, same bytes.
 */
export function formatDurations(timings: ReadonlyMap<NodeId, number>, overhead?: OverheadModel, testPace?: number, workerStart?: StoredWorkerStart): string {
  const all = new Map<string, number>(timings);
  if (workerStart !== undefined) {
    all.set(META_WORKER_START, workerStart.workerStartSeconds);
    all.set(META_WORKER_START_WORKERS, workerStart.workers);
  }
  if (testPace !== undefined && testPace !== 1) all.set(META_TEST_PACE, testPace);
  if (overhead && overhead.source !== 'default') {
    all.set(META_FIXED, overhead.fixedSeconds);
    all.set(META_PER_FILE, overhead.perFileSeconds);
    all.set(META_SAMPLES, overhead.samples);
  }
  const keys = [...all.keys()].sort(compareCodePoints);
  if (keys.length === 0) return '{}\n';
  const lines = keys.map((k) => `    ${pyString(k)}: ${pyNumber(all.get(k) as number, k.startsWith(META_PREFIX))}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

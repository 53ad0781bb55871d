/**
 * Pure helpers for pytest node ids: `path/to/test_file.py::Class::Nested::test_name[params]`.
 * The parameter part may itself contain `::`, `/`, `[` and anything else, so it is cut off
 * (at the first `[`, as pytest does) before the rest is split.
 */
import type { NodeId } from './types.js';

export interface ParsedNodeId {
  /** The file part: everything before the first `::` (outside the params). */
  file: string;
  /** Classes, outermost first (empty for module-level tests). */
  classes: string[];
  /** The function name without params ('' when the id names a file or class only). */
  func: string;
  /** The parameter suffix including the brackets, or ''. */
  params: string;
}

export function parseNodeId(id: NodeId): ParsedNodeId {
  const bracket = id.indexOf('[');
  const head = bracket === -1 ? id : id.slice(0, bracket);
  const params = bracket === -1 ? '' : id.slice(bracket);
  const parts = head.split('::');
  const file = parts[0] ?? '';
  if (parts.length === 1) return { file, classes: [], func: '', params };
  const func = parts[parts.length - 1] ?? '';
  return { file, classes: parts.slice(1, -1), func, params };
}

/** The file part of a node id (hot path: no full parse). */
export function fileOf(id: NodeId): string {
  const sep = id.indexOf('::');
  if (sep === -1) return id.indexOf('[') === -1 ? id : parseNodeId(id).file;
  const bracket = id.indexOf('[');
  return bracket === -1 || bracket > sep ? id.slice(0, sep) : id.slice(0, bracket);
}

/**
 * The class key of a test: its outermost class as `file::Class` (also the selector that runs the
 * whole class), or undefined for a module-level test. The one definition of what a cut class is,
 * what class setups are learned for and what a class unit selects. Takes an id or one parsed already.
 */
export function classKeyOf(id: NodeId | ParsedNodeId): string | undefined {
  const p = typeof id === 'string' ? parseNodeId(id) : id;
  const outer = p.classes[0];
  return outer === undefined ? undefined : `${p.file}::${outer}`;
}

/** The directory part of a file path ('' for a file at the root). */
export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** Plain code-unit comparison: deterministic, locale-free, never folds case. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts `ids` in place in plain code-unit order (what `sort()` does), after one pass that skips
 * the sort when they are already in order, as concatenated sorted runs of ids usually are.
 */
export function sortIds<T extends string>(ids: T[]): T[] {
  for (let i = 1; i < ids.length; i++) {
    if (!((ids[i - 1] as T) < (ids[i] as T))) return ids.sort();
  }
  return ids;
}

/**
 * Code point order, as Python's `sorted()` uses: differs from UTF-16 code unit order only when a
 * surrogate pair (a character above U+FFFF) meets a character from U+E000 to U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * "The first N, and M more": the one way every report bounds a list (warnings, annotations,
 * change reports, verify findings, explain lists).
 */

/** The words for what a bounded list left out. */
export function andMore(more: number): string {
  return `and ${more} more`;
}

/** At most `limit` items, and how many were left out. */
export function firstOf<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/** Inline: `a, b, c and 4 more`. */
export function listSome(items: readonly string[], limit: number): string {
  const { shown, more } = firstOf(items, limit);
  if (more === 0) return shown.join(', ');
  return shown.length > 0 ? `${shown.join(', ')} ${andMore(more)}` : andMore(more);
}

/** One line per item, then one `and N more` line; `line` renders each (and the last line's text). */
export function boundedLines<T>(items: readonly T[], limit: number, line: (text: string) => string, show: (item: T) => string): string[] {
  const { shown, more } = firstOf(items, limit);
  const out = shown.map((x) => line(show(x)));
  if (more > 0) out.push(line(andMore(more)));
  return out;
}

/** Markdown pieces every summary uses: escaping, code spans and blocks, bounded lists. */
import { boundedLines } from './lists.js';

/** Backslash-escapes markdown punctuation so node ids in warnings render as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

/**
 * `text` as one CommonMark code span that shows exactly `text`: the fence is one backtick longer
 * than any run of backticks inside; a space pads both ends where the content starts or ends with a
 * backtick (it would join the fence), or starts and ends with a space (a renderer strips one from
 * each end), and nowhere else. A line ending inside a code span renders
 * as a space, so it is written as one: the span stays on one line, inside a list item or a table
 * row. Empty text is one space (a code span cannot be empty).
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  if (flat === '') return '` `';
  const fence = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const spaced = flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '';
  const pad = flat.startsWith('`') || flat.endsWith('`') || spaced ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function codeBlock(text: string, lang = 'text'): string {
  const fence = '`'.repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Bounded markdown list: the first `limit` items, then "and N more". */
export function bulletList(items: readonly string[], limit: number): string[] {
  return boundedLines(
    items,
    limit,
    (t) => `- ${t}`,
    (x) => x,
  );
}

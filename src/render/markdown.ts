/** Markdown pieces every summary uses: escaping, code spans and blocks, bounded lists. */

/** Backslash-escapes markdown punctuation so node ids in warnings render as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

/** `text` as inline code or a fenced block, with a fence longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${fence.length > 1 || text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text}${fence}`;
}

export function codeBlock(text: string, lang = 'text'): string {
  const fence = '`'.repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Bounded markdown list: the first `limit` items, then "and N more". */
export function bulletList(items: readonly string[], limit: number): string[] {
  const out = items.slice(0, limit).map((x) => `- ${x}`);
  if (items.length > limit) out.push(`- and ${items.length - limit} more`);
  return out;
}

/**
 * The little Markdown reading the documentation tests need: code blocks, links and GitHub's heading
 * anchors. The README and docs/ pages use ATX headings (`## Title`), fenced code blocks and inline
 * links `[text](target)` only, so these few rules read them as GitHub renders them.
 */

/** A fenced code block: its info string (`yaml`, `sh`, ...), body, and the 1-based lines of its opening and closing fences. */
export interface CodeBlock {
  info: string;
  body: string;
  line: number;
  /** The closing fence's line, or the page's last line when the block is not closed. */
  endLine: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/** Every fenced code block of a page, in order. An unclosed fence runs to the end, as on GitHub. */
export function codeBlocks(md: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] as string;
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) break;
      body.push(line);
    }
    blocks.push({ info: open[2] ?? '', body: body.join('\n'), line: i + 1, endLine: Math.min(j, lines.length - 1) + 1 });
    i = j;
  }
  return blocks;
}

/** The page with every fenced block's lines and every inline code span blanked out (line numbers kept). */
export function proseOf(md: string): string {
  const lines = md.split('\n');
  for (const b of codeBlocks(md)) for (let l = b.line; l <= b.endLine; l++) lines[l - 1] = '';
  return lines.join('\n').replace(/(`+)[\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** Number of lines, as `wc -l` counts them on a file that ends in a newline. */
export function lineCount(md: string): number {
  return md.endsWith('\n') ? md.split('\n').length - 1 : md.split('\n').length;
}

/** The targets of the page's inline links and images, outside code, with the line each is on. */
export function linkTargets(md: string): { target: string; line: number }[] {
  const prose = proseOf(md);
  const out: { target: string; line: number }[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
    out.push({ target: m[1] as string, line: prose.slice(0, m.index).split('\n').length });
  }
  return out;
}

/**
 * The anchor GitHub gives a heading: its text as rendered (code-span backticks, emphasis markers and
 * link targets dropped), lower-cased, every character that is not a letter, digit, space, `-` or `_`
 * removed, spaces turned into `-`. A repeated anchor gets `-1`, `-2`, ... in order.
 */
export function headingAnchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const code = new Set(codeBlocks(md).flatMap((b) => Array.from({ length: b.endLine - b.line + 1 }, (_, k) => b.line + k)));
  md.split('\n').forEach((line, i) => {
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h || code.has(i + 1)) return;
    const text = (h[1] as string)
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .trim();
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  });
  return anchors;
}

/**
 * The one-helper-per-idea pieces of src/render: the Markdown code span (read back by the
 * CommonMark rules for code spans, spec section 6.1), the bounded list ("the first N, and M
 * more") and the XML escape.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { andMore, boundedLines, firstOf, listSome } from '../src/render/lists.js';
import { codeSpan } from '../src/render/markdown.js';
import { escapeXml } from '../src/render/xml.js';

/**
 * What a CommonMark renderer shows for `md` when `md` is one code span, or undefined when it is
 * not exactly one: a backtick string opens it, the next backtick string of the same length closes
 * it; line endings become spaces; one space is stripped from each end when both ends are spaces
 * and the content is not all spaces.
 */
function readCodeSpan(md: string): string | undefined {
  const open = /^`+/.exec(md)?.[0];
  if (open === undefined) return undefined;
  const runs = [...md.slice(open.length).matchAll(/`+/g)];
  const close = runs.find((r) => r[0].length === open.length);
  if (close?.index === undefined || open.length + close.index + close[0].length !== md.length) return undefined;
  let content = md.slice(open.length, open.length + close.index).replace(/\r\n|\r|\n/g, ' ');
  if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
  return content;
}

describe('codeSpan', () => {
  it.each<[string, string, string]>([
    ['plain', 'tests/a.py::test_x', '`tests/a.py::test_x`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a run of two inside', 'x``y', '```x``y```'],
    ['a backtick at the start', '`lead', '`` `lead ``'],
    ['a backtick at the end', 'trail`', '`` trail` ``'],
    // A renderer strips one space from each end of ' a ': the padding keeps both.
    ['spaces at both ends', ' a ', '`  a  `'],
    ['a space at one end only', ' a', '` a`'],
    ['only spaces', '  ', '`  `'],
    // A line break would end a list item or a table row: written as the space it renders as.
    ['a line break', 'a\nb', '`a b`'],
    ['a CRLF', 'a\r\nb', '`a b`'],
    ['empty', '', '` `'],
  ])('%s', (_name, text, expected) => {
    expect(codeSpan(text)).toBe(expected);
    expect(readCodeSpan(expected)).toBe(text === '' ? ' ' : text.replace(/\r\n|\r|\n/g, ' '));
  });

  it('renders exactly the text (line endings as spaces) for any text', () => {
    const chars = fc.constantFrom('`', ' ', 'a', '\n', '\r', '[', '|', '*', 'é');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 12 }), (cs) => {
        const text = cs.join('');
        expect(codeSpan(text)).not.toMatch(/[\r\n]/);
        expect(readCodeSpan(codeSpan(text))).toBe(text.replace(/\r\n|\r|\n/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });

  it('the reader tells a broken span from a good one', () => {
    expect(readCodeSpan('`a`b`')).toBeUndefined();
    expect(readCodeSpan('` a `')).toBe('a');
    expect(readCodeSpan('`a\nb`')).toBe('a b');
  });
});

describe('the first N, and M more', () => {
  it.each<[string[], number, string, string[]]>([
    [[], 3, '', []],
    [['a', 'b'], 3, 'a, b', ['  a', '  b']],
    [['a', 'b', 'c'], 3, 'a, b, c', ['  a', '  b', '  c']],
    [['a', 'b', 'c', 'd', 'e'], 3, 'a, b, c and 2 more', ['  a', '  b', '  c', '  and 2 more']],
    [['a', 'b'], 0, 'and 2 more', ['  and 2 more']],
  ])('%j limit %d', (items, limit, inline, lines) => {
    expect(listSome(items, limit)).toBe(inline);
    expect(
      boundedLines(
        items,
        limit,
        (t) => `  ${t}`,
        (x) => x,
      ),
    ).toEqual(lines);
    expect(firstOf(items, limit)).toEqual({ shown: items.slice(0, limit), more: Math.max(0, items.length - limit) });
  });

  it('renders each shown item, never the "more" line', () => {
    expect(
      boundedLines(
        [1, 2, 3],
        2,
        (t) => `<li>${t}</li>`,
        (n) => `<code>${n}</code>`,
      ),
    ).toEqual(['<li><code>1</code></li>', '<li><code>2</code></li>', `<li>${andMore(1)}</li>`]);
  });
});

describe('escapeXml', () => {
  it('escapes the five characters that could open or end markup, and only those', () => {
    expect(escapeXml(`<a href="x">'&'</a> é`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; é');
  });
});

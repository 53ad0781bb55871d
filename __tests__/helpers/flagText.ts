/**
 * CLI flag names inside string literals and templates of a TypeScript source, read with the
 * compiler's parser (so comments and operators such as `--i` are not text). src/core returns data;
 * only the edges name options, each in its own words (src/app/words.ts), so a core string that
 * holds `--` followed by a letter is a CLI flag leaking into core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** `--` followed by a letter: how a CLI flag starts (`--splits`, `--group auto`). */
export const FLAG = /--[A-Za-z]/;

/**
 * A template part that ends in `--` right before a substitution builds a flag (`--${name}`,
 * `use --${name}`): at the start of the template, or after a space or bracket. After a
 * substitution (`${a}--${b}`) it is not a flag.
 */
const FLAG_BEFORE_SUBSTITUTION = { head: /(^|[\s("'])--$/, middle: /[\s("']--$/ };

/** Each string literal or template part of `text` that names a flag, as `file:line: text`. */
export function flagsInStrings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const check = (node: ts.Node, literal: string, beforeSubstitution?: RegExp) => {
    if (!FLAG.test(literal) && !beforeSubstitution?.test(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    out.push(`${file}:${line}: ${JSON.stringify(literal)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      check(node.head, node.head.text, FLAG_BEFORE_SUBSTITUTION.head);
      for (const span of node.templateSpans) {
        check(span.literal, span.literal.text, ts.isTemplateMiddle(span.literal) ? FLAG_BEFORE_SUBSTITUTION.middle : undefined);
      }
    } else if (ts.isRegularExpressionLiteral(node)) check(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** flagsInStrings over every `.ts` file under `dir` (paths relative to `root`). */
export function flagsInTree(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...flagsInTree(p, root));
    else if (e.name.endsWith('.ts')) out.push(...flagsInStrings(relative(root, p).split(sep).join('/'), readFileSync(p, 'utf8')));
  }
  return out;
}

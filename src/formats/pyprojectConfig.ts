/**
 * split-plan's settings in `pyproject.toml`, table `[tool.split-plan]`:
 *
 * ```toml
 * [tool.split-plan]
 * together = ["tests/integration/**", "tests/test_flow.py::TestCheckout::*"]
 * ```
 *
 * Parsed with smol-toml. A file that never mentions split-plan is not parsed at all (a TOML error
 * elsewhere in it is pytest's business); one that does must be valid, and the table may only hold
 * known keys of the right type. Errors are one line naming the file.
 */
import { parse, TomlError } from 'smol-toml';
import { InputError } from '../core/errors.js';

export interface SplitPlanConfig {
  together: string[];
}

export const CONFIG_KEYS = ['together'] as const;

export function parsePyprojectConfig(text: string, source: string): SplitPlanConfig {
  const none: SplitPlanConfig = { together: [] };
  if (!text.includes('split-plan')) return none;
  let doc: Record<string, unknown>;
  try {
    doc = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof TomlError) {
      const what = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      throw new InputError(`${source}: invalid TOML at line ${e.line}, column ${e.column}: ${what}`);
    }
    throw new InputError(`${source}: invalid TOML: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  const tool = doc.tool;
  const table = tool !== null && typeof tool === 'object' ? (tool as Record<string, unknown>)['split-plan'] : undefined;
  if (table === undefined) return none;
  if (table === null || typeof table !== 'object' || Array.isArray(table)) throw new InputError(`${source}: [tool.split-plan] must be a table`);
  const entries = table as Record<string, unknown>;
  const unknown = Object.keys(entries).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new InputError(`${source}: [tool.split-plan] has unknown key ${JSON.stringify(unknown[0])} (known: ${CONFIG_KEYS.join(', ')})`);
  }
  const together = entries.together ?? [];
  if (!Array.isArray(together) || !together.every((p) => typeof p === 'string' && p.trim() !== '')) {
    throw new InputError(`${source}: [tool.split-plan] together must be a list of non-empty glob pattern strings`);
  }
  return { together: together as string[] };
}

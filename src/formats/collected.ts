/**
 * The output of `pytest --collect-only -q`: one node id per line, then a blank line and a summary
 * ("12 tests collected in 0.05s"), possibly followed by warnings. Only the id block is read.
 */
import { InputError } from '../core/errors.js';
import type { NodeId } from '../core/types.js';

const SUMMARY = /^(no tests (collected|ran)|\d+(\/\d+)? tests? (collected|deselected|selected)|\d+ (errors?|warnings?))\b/;
const QQ_LINE = /^[^:]+\.py: \d+$/;

export function parseCollected(text: string, source: string): NodeId[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ids: NodeId[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (ids.length > 0) break;
      continue;
    }
    if (SUMMARY.test(line) || line.startsWith('=') || line.startsWith('_')) break;
    if (QQ_LINE.test(line)) {
      throw new InputError(`${source}: looks like 'pytest --collect-only -qq' output (file: count); use a single -q so every node id is listed`);
    }
    ids.push(line);
  }
  if (ids.length === 0) throw new InputError(`${source}: no node ids found (expected the output of 'pytest --collect-only -q')`);
  return ids;
}

/**
 * The output of `pytest --collect-only -q`: one node id per line, then a blank line and a summary
 * ("12 tests collected in 0.05s"), possibly followed by warnings. Only the id block is read.
 */
import { InputError } from '../core/errors.js';
import type { NodeId } from '../core/types.js';

const SUMMARY = /^(no tests (collected|ran)|\d+(\/\d+)? tests? (collected|deselected|selected)|\d+ (errors?|warnings?))\b/;
const QQ_LINE = /^[^:]+\.py: \d+$/;
/** pytest's own complaints, present when its stderr was captured too. */
const PYTEST_ERROR = /^(ERROR: |INTERNALERROR>)/;
/** The start of a file that is not this list at all: JSON (a durations file), XML (a JUnit report). */
const JSON_START = /^(\{|\[)\s*("|\[|\{|\]|\}|$)/;
const XML_START = /^<(\?xml|testsuites?[\s>])/;

export function parseCollected(text: string, source: string): NodeId[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ids: NodeId[] = [];
  const lines = body.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (ids.length > 0) break;
      continue;
    }
    if (SUMMARY.test(line) || line.startsWith('=') || line.startsWith('_')) break;
    if (ids.length === 0 && (JSON_START.test(line) || XML_START.test(line))) {
      const kind = line.startsWith('<') ? 'XML (a JUnit report?)' : 'JSON (a durations file?)';
      throw new InputError(`${source}: looks like ${kind}, expected the output of 'pytest --collect-only -q'`);
    }
    if (line.includes('\0')) {
      throw new InputError(`${source}: line ${n + 1} holds a NUL byte (binary data?), expected the output of 'pytest --collect-only -q'`);
    }
    if (PYTEST_ERROR.test(line)) {
      throw new InputError(`${source}: pytest reported an error, not a node id: ${JSON.stringify(line.slice(0, 200))}`);
    }
    if (QQ_LINE.test(line)) {
      throw new InputError(`${source}: looks like 'pytest --collect-only -qq' output (file: count); use a single -q so every node id is listed`);
    }
    ids.push(line);
  }
  if (ids.length === 0) throw new InputError(`${source}: no node ids found (expected the output of 'pytest --collect-only -q')`);
  return ids;
}

/**
 * The committed fixtures are what their PROVENANCE.md says they are: every real file from a public
 * project is listed there, and its bytes still hash to the recorded sha256 (so an editor or a git
 * setting that rewrote line endings, added a final newline or re-indented one shows up here, not as
 * a puzzling parser test).
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from './helpers/paths.js';

/** `file -> sha256` from a PROVENANCE.md table (rows whose first cell is a `file` in backticks). */
function recordedHashes(provenance: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const line of provenance.split('\n')) {
    const row = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
    if (row === null) continue;
    const sha = /`([0-9a-f]{64})`/.exec(row[2] as string)?.[1];
    out.set(row[1] as string, sha);
  }
  return out;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.each([['durations'], ['junit']])('fixtures/%s: real files from public projects', (folder) => {
  const dir = fixturePath(folder);
  const recorded = recordedHashes(readFileSync(join(dir, 'PROVENANCE.md'), 'utf8'));
  const files = readdirSync(dir)
    .filter((f) => f !== 'PROVENANCE.md')
    .sort();

  it('PROVENANCE.md lists exactly the files in the folder, each with its sha256', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...recorded.keys()].sort()).toEqual(files);
    expect(files.filter((f) => recorded.get(f) === undefined)).toEqual([]);
  });

  it.each(files.map((f) => [f]))('%s is byte for byte the recorded copy', (file) => {
    expect(sha256(join(dir, file))).toBe(recorded.get(file));
  });
});

describe('fixtures/durations keeps the quirks the projects committed', () => {
  const bytes = (file: string): Buffer => readFileSync(fixturePath('durations', file));
  it.each([
    ['iterative__dvc.json', 'CRLF line endings and a final newline', (b: Buffer) => b.includes('\r\n') && b.at(-1) === 0x0a],
    ['Hellblazer__nexus.json', 'no final newline', (b: Buffer) => b.at(-1) === 0x7d],
    ['BrikerMan__Kashgari.json', "pytest-split's legacy list format", (b: Buffer) => b.at(0) === 0x5b],
  ] as const)('%s: %s', (file, _quirk, holds) => {
    expect(holds(bytes(file))).toBe(true);
  });
});

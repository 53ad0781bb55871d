/**
 * Several `split-plan` processes writing the same `--json` path at once (different inputs, so
 * different plans): at every moment a reader sees the old file or one complete new plan, never a
 * part; at the end the file is exactly one writer's plan, and no temporary file is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from './helpers/paths.js';

const WRITERS = 4;
const ROUNDS = 3;
/** Tests per input: the plan JSON is about 1.5 MB, so writes take long enough to overlap. */
const TESTS = 15_000;
const OLD = '{"old": "the file before the run"}\n';

let dir: string;
let inputs: string[];
let expected: string[];

function durationsFor(writer: number): string {
  const entries: Record<string, number> = {};
  for (let i = 0; i < TESTS; i++) {
    entries[`tests/w${writer}/test_mod_${i % 300}.py::TestCase::test_case_${i}[param-${writer}]`] = ((i * 7919 + writer * 104729) % 5000) / 1000;
  }
  return JSON.stringify(entries);
}

const planArgs = (input: string): string[] => [cliPath, '--durations', input, '--splits', '4', '--no-discover', '--quiet'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'split-plan-concurrent-'));
  mkdirSync(join(dir, 'in'));
  mkdirSync(join(dir, 'out'));
  inputs = Array.from({ length: WRITERS }, (_, w) => {
    const p = join(dir, 'in', `w${w}.test_durations`);
    writeFileSync(p, durationsFor(w));
    return p;
  });
  // What each writer alone writes (to stdout: nothing touches the shared path).
  expected = inputs.map((p) => {
    const r = spawnSync(process.execPath, [...planArgs(p), '--json', '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    return r.stdout;
  });
  expect(new Set(expected).size).toBe(WRITERS);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runWriter(input: string, target: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...planArgs(input), '--json', target], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe(`${WRITERS} processes writing the same --json path`, () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i: one complete plan, never a partial file, no temp files', async () => {
    const target = join(dir, 'out', 'plan.json');
    writeFileSync(target, OLD);
    const allowed = new Set([OLD, ...expected]);
    let running = true;
    const all = Promise.all(inputs.map((p) => runWriter(p, target))).finally(() => {
      running = false;
    });
    // Read the target over and over while the writers run.
    let reads = 0;
    const torn: string[] = [];
    while (running) {
      const text = readFileSync(target, 'utf8');
      reads++;
      if (!allowed.has(text)) torn.push(`${text.length} chars: ${text.slice(0, 60)}...${text.slice(-60)}`);
      await new Promise((r) => setImmediate(r));
    }
    const results = await all;
    expect(results).toEqual(inputs.map(() => ({ code: 0, stderr: '' })));
    expect(torn).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    const final = readFileSync(target, 'utf8');
    expect(expected).toContain(final);
    expect(JSON.parse(final).shards).toHaveLength(4);
    expect(readdirSync(join(dir, 'out'))).toEqual(['plan.json']);
  });
});

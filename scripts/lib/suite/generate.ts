/** Writes a planned suite to disk and reports what a full run holds (test count, nominal seconds). */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { itemCountOf, moduleSecondsOf, planSuite, type SuiteSpec } from './model.js';
import { renderSuite } from './render.js';

export interface GeneratedSuite {
  /** The suite root (holds pytest.ini; run pytest with this as cwd). */
  root: string;
  /** Test modules, relative posix paths from root, sorted. */
  files: string[];
  /** The heavy modules, heaviest first. */
  heavyFiles: string[];
  /** How many items `pytest --collect-only` reports (skipped and xfail items included). */
  expectedTests: number;
  /** Sum of every sleep a full serial run pays, already multiplied by scale (pytest's own overhead excluded). */
  nominalSeconds: number;
  /** The same per test module: its import, fixtures and test bodies (shared costs excluded). */
  nominalByFile: Record<string, number>;
  expectedIds?: never;
}

/** Writes `text` at the relative posix path `rel` under root, creating folders. */
export function writeText(root: string, rel: string, text: string): void {
  const abs = join(root, ...rel.split('/'));
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/**
 * Writes a suite under `root` (created if missing; it must be empty if it exists).
 * Returns the module list and the nominal numbers; the node ids themselves come from collect().
 */
export function generateSuite(root: string, spec: SuiteSpec): GeneratedSuite {
  const plan = planSuite(spec);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`generateSuite: ${root} is not empty`);
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of renderSuite(plan)) writeText(root, rel, text);

  const nominalByFile: Record<string, number> = {};
  let expectedTests = 0;
  let nominal = plan.sharedSeconds;
  for (const m of plan.modules) {
    expectedTests += itemCountOf(m);
    const cost = moduleSecondsOf(m);
    nominalByFile[m.path] = round6(cost);
    nominal += cost;
  }
  const files = plan.modules.map((m) => m.path).sort();
  const sortedByFile: Record<string, number> = {};
  for (const f of files) sortedByFile[f] = nominalByFile[f] ?? 0;
  return {
    root,
    files,
    heavyFiles: plan.heavyFiles,
    expectedTests,
    nominalSeconds: round6(nominal),
    nominalByFile: sortedByFile,
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

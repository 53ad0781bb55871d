/**
 * Reading JUnit files. The XML parser is loaded only when there is a report to read: most plan
 * runs read none, and the parser is a sizeable part of the bundle's start-up (dist/ keeps it in a
 * chunk of its own).
 */
import type { JUnitReport } from '../core/types.js';
import { readText } from '../io/files.js';

export async function readReports(paths: readonly string[], label: string): Promise<JUnitReport[]> {
  if (paths.length === 0) return [];
  const { parseJUnit } = await import('../formats/junit.js');
  return paths.map((p) => parseJUnit(readText(p, label), p));
}

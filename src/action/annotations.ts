/**
 * Warning annotations for the tests a plan had to guess about: tests without timing (estimated),
 * test files nothing has timed (planned whole) and stale timing entries (not collected). Bounded:
 * at most `limit` of them, shared fairly between the two kinds, then one "and N more".
 */
import type { Suite } from '../core/suite.js';
import { andMore } from '../render/lists.js';
import { MAX_ANNOTATIONS } from './constants.js';
import type { Annotation } from './core.js';

export interface PendingAnnotation {
  message: string;
  annotation: Annotation;
}

const s = (x: number): string => x.toFixed(2);

/**
 * `fileInWorkspace` maps a rootdir-relative test file to the workspace-relative path annotations
 * point at (undefined when it is outside the workspace: the annotation then names no file).
 */
export function timingAnnotations(suite: Suite, fileInWorkspace: (file: string) => string | undefined, limit = MAX_ANNOTATIONS): PendingAnnotation[] {
  const withFile = (file: string, title: string): Annotation => {
    const path = fileInWorkspace(file);
    return path === undefined ? { title } : { title, file: path };
  };
  const estimated: PendingAnnotation[] = [
    ...suite.tests
      .filter((t) => t.estimated)
      .map((t) => ({
        message: `${t.id} has no timing; planned as ${s(t.seconds)} s, estimated from its neighbours`,
        annotation: withFile(t.file, 'split-plan: estimated test'),
      })),
    ...suite.unknownFiles.map((u) => ({
      message: `${u.file} has no timing; planned whole as ${s(u.seconds)} s until its tests are timed`,
      annotation: withFile(u.file, 'split-plan: untimed test file'),
    })),
  ];
  const stale: PendingAnnotation[] = suite.stale.map((id) => ({
    message: `timing entry ${id} is stale: the test was not collected, so the entry was ignored`,
    annotation: { title: 'split-plan: stale timing entry' },
  }));
  const takeEstimated = Math.min(estimated.length, Math.max(Math.ceil(limit / 2), limit - stale.length));
  const takeStale = Math.min(stale.length, limit - takeEstimated);
  const out = [...estimated.slice(0, takeEstimated), ...stale.slice(0, takeStale)];
  const moreEstimated = estimated.length - takeEstimated;
  const moreStale = stale.length - takeStale;
  if (moreEstimated + moreStale > 0) {
    out.push({
      message: `${andMore(moreEstimated + moreStale)} (${moreEstimated} estimated, ${moreStale} stale); the job summary has the counts, a durations refresh fixes both`,
      annotation: { title: 'split-plan: more timing warnings' },
    });
  }
  return out;
}

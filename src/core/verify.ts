/**
 * Checking that the shards together ran the plan exactly once. Pure: a plan, the JUnit reports and
 * their mapped cases in, the findings out.
 *
 * Rules (stated in the README):
 * - Plan entries: each shard's `tests`. An entry without `::` is a whole file (the planner lists a
 *   test file that no timing named that way) and covers every test of that file.
 * - A report written with split-plan's shard plugin names its shard (suite property
 *   `split-plan-group`). Other reports are matched to shards by content: a report belongs to the
 *   shard whose planned tests it ran most of (ties: the lower group); a module it skipped at
 *   collection counts as one test. A report that ran no planned test belongs to no shard.
 *   Several reports may belong to one shard (their tests and seconds add up).
 * - gone: a planned test that no longer exists (deleted or renamed since the timings were taken),
 *   so it could not run and is not lost: one the plugin of its shard reports it did not find
 *   (suite property `split-plan-gone`, JSON lists of ids, for files cut across shards), or one of a
 *   file its shard selects whole when other tests of that file ran in that shard.
 * - lost: a planned entry that no report ran and that is not gone (a whole-file entry: no test of
 *   that file ran).
 *   Skipped tests count as run: pytest selected them. So do the tests of a module that a report
 *   shows as skipped at collection (a collector record: classname "", the dotted module as name,
 *   outcome skipped; e.g. `pytest.importorskip`). A module that failed to collect stays lost.
 * - doubled: an id that appears in more than one report. Several testcases of one id inside one
 *   report (reruns, or pytest's extra record for a teardown error) are one run.
 * - new (`selectedNew`): an id that ran, is covered by no plan entry, and ran where a test the plan
 *   does not know belongs: in the owner of its file when the plan cuts the file across shards,
 *   else in the shard whose selector selects it (a file or class it runs whole). A test added since
 *   the plan was made: it ran once and does not fail the check.
 * - unexpected: an id that ran, is covered by no plan entry, and is not new.
 * - ok: nothing lost, doubled or unexpected.
 * - Actual seconds of a report: the sum of its `<testsuite time>`s when every suite has one, else
 *   the sum of its testcase times. A shard's actual seconds: the sum over its reports.
 */
import { InputError } from './errors.js';
import { collectorModules, moduleOfFile } from './junitMap.js';
import { compareIds, fileOf } from './nodeid.js';
import type { Plan } from './plan.js';
import { sum } from './stats.js';
import type { JUnitReport, MappedCase, NodeId } from './types.js';

export type VerifyPlan = Pick<Plan, 'shards'> & Partial<Pick<Plan, 'cutFiles'>>;

/** Suite properties the shard plugin (src/python/conftest.py) writes. */
export const GROUP_PROPERTY = 'split-plan-group';
export const GONE_PROPERTY = 'split-plan-gone';

export interface ShardCheck {
  group: number;
  /** Planned entries (ids and whole files). */
  planned: number;
  predictedSeconds: number;
  /** undefined when no report belongs to the shard. */
  actualSeconds?: number;
  /** Sources of the reports that belong to the shard. */
  reports: string[];
  /** Distinct ids its reports ran. */
  ran: number;
  /** Of its planned entries, how many no report ran. */
  lost: number;
  /** Of its planned entries, how many no longer exist. */
  gone: number;
}

export interface Doubled {
  id: NodeId;
  /** Sources of the reports that ran it, sorted. */
  reports: string[];
}

export interface Unexpected {
  id: NodeId;
  report: string;
}

export interface LostEntry {
  /** A planned id, or a whole file. */
  entry: string;
  group: number;
}

export interface VerifyResult {
  ok: boolean;
  lost: LostEntry[];
  doubled: Doubled[];
  unexpected: Unexpected[];
  /** Ran, not planned, in the shard that runs new tests of its file (tests added since planning). */
  selectedNew: Unexpected[];
  /** Planned, but no longer exist (deleted or renamed since the timings were taken); not lost. */
  gone: LostEntry[];
  /** Groups with planned tests that no report belongs to. */
  missingShards: number[];
  /** Reports that ran no planned test. */
  unmatchedReports: string[];
  /** Dotted module names a report shows as skipped at collection, sorted. */
  skippedModules: string[];
  shards: ShardCheck[];
}

/** Does selector (or whole-file entry) `sel` select `id`? A file, class or function covers what is inside it. */
export function selects(sel: string, id: NodeId): boolean {
  if (id === sel) return true;
  if (!id.startsWith(sel)) return false;
  const next = id.slice(sel.length, sel.length + 2);
  return next === '::' || (next.startsWith('[') && sel.includes('::'));
}

/** Which group plans an id: an exact entry first, then a whole-file entry of its file. */
class PlanIndex {
  private readonly exact = new Map<string, number>();
  private readonly wholeFiles = new Map<string, number>();
  /** Dotted module (as in a collector record) -> the first group with an entry in it. */
  private readonly modules = new Map<string, number>();
  /** Cut file -> the group that owns it (runs its tests the plan does not know). */
  readonly owners: ReadonlyMap<string, number>;

  constructor(plan: VerifyPlan) {
    this.owners = new Map((plan.cutFiles ?? []).map((c) => [c.file, c.owner]));
    for (const shard of plan.shards) {
      for (const entry of shard.tests) {
        if (!this.exact.has(entry)) this.exact.set(entry, shard.group);
        if (!entry.includes('::') && !this.wholeFiles.has(entry)) this.wholeFiles.set(entry, shard.group);
        const mod = moduleOfFile(fileOf(entry));
        if (!this.modules.has(mod)) this.modules.set(mod, shard.group);
      }
    }
  }

  /** [group, entry] that plans the id, or undefined. */
  find(id: NodeId): [number, string] | undefined {
    const g = this.exact.get(id);
    if (g !== undefined) return [g, id];
    const file = fileOf(id);
    const f = this.wholeFiles.get(file);
    return f === undefined ? undefined : [f, file];
  }

  groupOfModule(mod: string): number | undefined {
    return this.modules.get(mod);
  }
}

export function verifyRun(plan: VerifyPlan, reports: readonly JUnitReport[], cases: readonly MappedCase[]): VerifyResult {
  const index = new PlanIndex(plan);
  const idsByReport = reports.map(() => new Set<NodeId>());
  for (const c of cases) idsByReport[c.report]?.add(c.id);

  const groups = new Set(plan.shards.map((s) => s.group));
  // A report the plugin wrote names its shard; match the others by the planned tests they ran (or
  // skipped at collection).
  const groupOfReport = idsByReport.map((ids, r) => {
    const named = namedGroup(reports[r]);
    if (named !== undefined && groups.has(named)) return named;
    const hits = new Map<number, number>();
    const hit = (g: number | undefined): void => {
      if (g !== undefined) hits.set(g, (hits.get(g) ?? 0) + 1);
    };
    for (const id of ids) hit(index.find(id)?.[0]);
    for (const mod of collectorModules(reports.slice(r, r + 1), 'skipped')) hit(index.groupOfModule(mod));
    let best: number | undefined;
    let bestHits = 0;
    for (const [g, n] of hits) if (n > bestHits || (n === bestHits && best !== undefined && g < best)) [best, bestHits] = [g, n];
    return best;
  });

  const ranEntries = new Set<string>();
  const reportsOfId = new Map<NodeId, number[]>();
  const unexpected: Unexpected[] = [];
  const selectedNew: Unexpected[] = [];
  const shardsByGroup = new Map(plan.shards.map((s) => [s.group, s]));
  /** group -> files some test of which ran in that group's reports. */
  const filesRan = new Map<number, Set<string>>();
  /** group -> planned ids its plugin reported gone. */
  const goneReported = new Map<number, Set<NodeId>>();
  idsByReport.forEach((ids, r) => {
    const source = reports[r]?.source ?? String(r);
    const group = groupOfReport[r];
    const selectors = shardsByGroup.get(group ?? 0)?.selectors ?? [];
    let files = filesRan.get(group ?? 0);
    if (!files) filesRan.set(group ?? 0, (files = new Set()));
    for (const id of ids) {
      const list = reportsOfId.get(id);
      if (list) list.push(r);
      else reportsOfId.set(id, [r]);
      const file = fileOf(id);
      files.add(file);
      const found = index.find(id);
      if (found) ranEntries.add(found[1]);
      else {
        const owner = index.owners.get(file);
        const isNew = owner !== undefined ? owner === group : selectors.some((s) => selects(s, id));
        (isNew ? selectedNew : unexpected).push({ id, report: source });
      }
    }
    const gone = goneIds(reports[r]);
    if (group !== undefined) {
      if (gone.length > 0) {
        let set = goneReported.get(group);
        if (!set) goneReported.set(group, (set = new Set()));
        for (const id of gone) set.add(id);
      }
    }
  });

  const doubled: Doubled[] = [];
  for (const [id, rs] of reportsOfId) {
    if (rs.length > 1) doubled.push({ id, reports: rs.map((r) => reports[r]?.source ?? String(r)).sort(compareIds) });
  }

  const skippedModules = new Set(collectorModules(reports, 'skipped'));
  const skippedAtCollection = (entry: string): boolean => skippedModules.has(moduleOfFile(fileOf(entry)));
  const lost: LostEntry[] = [];
  const gone: LostEntry[] = [];
  const shards: ShardCheck[] = [];
  const missingShards: number[] = [];
  for (const shard of plan.shards) {
    const mine = reports.flatMap((_, r) => (groupOfReport[r] === shard.group ? [r] : []));
    const notRun = [...new Set(shard.tests)].filter((e) => !ranEntries.has(e) && !skippedAtCollection(e)).sort(compareIds);
    const reported = goneReported.get(shard.group);
    const ranFiles = filesRan.get(shard.group);
    const wholeFiles = new Set(shard.selectors);
    const isGone = (entry: string): boolean => {
      if (!entry.includes('::')) return false;
      const file = fileOf(entry);
      if (index.owners.has(file)) return reported?.has(entry) === true;
      return wholeFiles.has(file) && ranFiles?.has(file) === true;
    };
    const goneHere = notRun.filter(isGone);
    const lostHere = notRun.filter((e) => !isGone(e));
    for (const entry of lostHere) lost.push({ entry, group: shard.group });
    for (const entry of goneHere) gone.push({ entry, group: shard.group });
    const ran = new Set(mine.flatMap((r) => [...(idsByReport[r] ?? [])])).size;
    const check: ShardCheck = {
      group: shard.group,
      planned: shard.tests.length,
      predictedSeconds: shard.predictedSeconds,
      reports: mine.map((r) => reports[r]?.source ?? String(r)),
      ran,
      lost: lostHere.length,
      gone: goneHere.length,
    };
    if (mine.length > 0) check.actualSeconds = sum(mine.map((r) => reportSeconds(reports[r])));
    else if (shard.tests.length > 0) missingShards.push(shard.group);
    shards.push(check);
  }

  const byId = (a: { id: string }, b: { id: string }): number => compareIds(a.id, b.id);
  const unmatchedReports = reports.filter((_, r) => groupOfReport[r] === undefined).map((rep) => rep.source);
  return {
    ok: lost.length === 0 && doubled.length === 0 && unexpected.length === 0,
    lost,
    doubled: doubled.sort(byId),
    unexpected: unexpected.sort(byId),
    selectedNew: selectedNew.sort(byId),
    gone,
    missingShards,
    unmatchedReports,
    skippedModules: [...skippedModules].sort(compareIds),
    shards,
  };
}

/** The group a report's suite property names, if any (the first suite that has one). */
function namedGroup(report: JUnitReport | undefined): number | undefined {
  for (const suite of report?.suites ?? []) {
    const p = suite.properties?.find((x) => x.name === GROUP_PROPERTY);
    if (p !== undefined) return /^[1-9]\d{0,2}$/.test(p.value) ? Number(p.value) : undefined;
  }
  return undefined;
}

/** The ids a report's plugin did not find (every `split-plan-gone` property: a JSON list each). */
function goneIds(report: JUnitReport | undefined): NodeId[] {
  const out: NodeId[] = [];
  for (const suite of report?.suites ?? []) {
    for (const p of suite.properties ?? []) {
      if (p.name !== GONE_PROPERTY) continue;
      let list: unknown;
      try {
        list = JSON.parse(p.value);
      } catch {
        list = undefined;
      }
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
        throw new InputError(`${report?.source ?? 'a report'}: property ${GONE_PROPERTY} is not a JSON list of node ids`);
      }
      out.push(...list);
    }
  }
  return out;
}

/** A report's seconds: its suites' own times when all have one, else its testcases' sum. */
export function reportSeconds(report: JUnitReport | undefined): number {
  if (report === undefined) return 0;
  const suites = report.suites;
  if (suites.length > 0 && suites.every((s) => s.time !== undefined)) return sum(suites.map((s) => s.time as number));
  return sum(suites.flatMap((s) => s.cases.map((c) => c.time)));
}

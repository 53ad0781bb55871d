/**
 * `mode: refresh`: merge every shard's JUnit reports into the durations file and commit it to the
 * branch through the GitHub API (or propose it in a pull request, or, with `commit: false`, only
 * write it in the workspace). A thin wrapper: the reading and the merge are app/refresh.ts (the
 * same as `split-plan refresh`), the commit is github/commitFile.ts, the event check is
 * github/eventGuard.ts.
 *
 * Order: refuse the event first (a fork or a pull request must not change the timings), then read
 * the reports, then merge onto the file as it is on the branch NOW (read through the API, not the
 * possibly older checkout) and commit. When someone else updates the file between our read and our
 * write, commitFile reads it again and the merge runs again on their version.
 */
import { existsSync } from 'node:fs';
import { context, getOctokit } from '@actions/github';
import { UsageError } from '../../core/errors.js';
import { formatRefreshReport } from '../../render/refresh.js';
import { writeAtomic, readText } from '../../io/files.js';
import { loadRefreshInputs, refreshText, type RefreshComputed, type RefreshInputs as LoadedReports, type RefreshSettings } from '../../app/refresh.js';
import { commitFile, type CommitFileResult, type OctokitLike } from '../github/commitFile.js';
import { refreshAllowed } from '../github/eventGuard.js';
import { INPUT, OUTPUT, refreshBranchName } from '../constants.js';
import type { ActionInputs, RefreshInputs } from '../inputs.js';
import { formatRefreshSummary } from '../jobSummary.js';
import { resolveWritePath, workspaceRelative } from '../paths.js';
import type { ModeContext, ModeHandler } from './types.js';
import { ACTION_WORDS } from '../words.js';

/** What the run knows about itself (from the runner's GITHUB_* variables and the event payload). */
export interface RunInfo {
  /** GITHUB_EVENT_NAME. */
  eventName: string;
  /** The event payload (GITHUB_EVENT_PATH). */
  payload: unknown;
  /** "owner/repo" (GITHUB_REPOSITORY); '' when unknown. */
  repository: string;
  /** GITHUB_REF, e.g. "refs/heads/main". */
  ref: string;
  /** GITHUB_API_URL. */
  apiUrl: string;
  /** Link to this workflow run, for the pull request body; undefined when unknown. */
  runUrl?: string;
}

export interface RefreshDeps {
  runInfo(): RunInfo;
  octokit(token: string, baseUrl: string): OctokitLike;
  /** First stale-sha retry delay (commitFile's default when undefined). */
  retryDelayMs?: number;
}

function runInfoFromContext(): RunInfo {
  let repository = '';
  try {
    const { owner, repo } = context.repo;
    repository = `${owner}/${repo}`;
  } catch {
    // Neither GITHUB_REPOSITORY nor a payload repository: reported when it is needed.
  }
  const info: RunInfo = {
    eventName: context.eventName ?? '',
    payload: context.payload,
    repository,
    ref: context.ref ?? '',
    apiUrl: context.apiUrl,
  };
  if (repository && Number.isFinite(context.runId)) info.runUrl = `${context.serverUrl}/${repository}/actions/runs/${context.runId}`;
  return info;
}

export const realRefreshDeps: RefreshDeps = {
  runInfo: runInfoFromContext,
  octokit: (token, baseUrl) => getOctokit(token, { baseUrl }),
};

/** The branch a run on `ref` commits to, or undefined when the run is not on a branch (a tag). */
export function branchOfRef(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length ? ref.slice('refs/heads/'.length) : undefined;
}

function settingsOf(spec: RefreshInputs, workers: number): RefreshSettings {
  return {
    workers,
    completeRun: spec.completeRun,
    smoothing: spec.smoothing,
    alpha: spec.alpha,
    minChangeSeconds: spec.minChangeSeconds,
    minChangeRatio: spec.minChangeRatio,
  };
}

/** What a refresh did, for the outputs, the log and the summary. */
interface Done {
  computed: RefreshComputed;
  /** Where the file lives, for people: "owner/repo@main:.test_durations" or the workspace path. */
  target: string;
  wrote: boolean;
  commit?: CommitFileResult;
}

export function refreshMode(deps: RefreshDeps): ModeHandler {
  return async ({ inputs, core, env }: ModeContext) => {
    const spec = inputs.refresh;
    if (spec === undefined) throw new Error('mode refresh: refresh inputs were not read');
    const run = deps.runInfo();
    const decision = refreshAllowed({ eventName: run.eventName, payload: run.payload, repository: run.repository });
    if (!decision.allowed) throw new UsageError(decision.reason);

    const localPath = resolveWritePath(spec.durations, inputs.workingDirectory, env.workspace, INPUT.durations);
    const loaded = await loadRefreshInputs({
      cwd: inputs.workingDirectory,
      rootdir: inputs.rootdir,
      junit: inputs.junit,
      ...collectedOf(inputs),
      words: ACTION_WORDS,
    });
    const settings = settingsOf(spec, inputs.workers);

    const done = spec.commit
      ? await commitRefresh(deps, run, spec, inputs, localPath, env.workspace, loaded, settings)
      : writeRefresh(localPath, loaded, settings);

    const { result, content, unmapped } = done.computed;
    if (done.wrote && done.commit === undefined) writeAtomic(localPath, content, INPUT.durations);
    else if (done.wrote) {
      // Committed: the workspace copy follows, for later steps; failing that must not fail the step.
      try {
        writeAtomic(localPath, content, INPUT.durations);
      } catch (e) {
        core.warning(`committed, but the workspace copy could not be updated: ${(e as Error).message}`);
      }
    }
    core.setOutput(OUTPUT.changed, String(done.wrote));
    core.setOutput(OUTPUT.added, String(result.added.length));
    core.setOutput(OUTPUT.updated, String(result.updated.length));
    core.setOutput(OUTPUT.removed, String(result.removed.length));
    core.setOutput(OUTPUT.commitSha, done.commit?.commitSha ?? '');
    core.setOutput(OUTPUT.pullRequestNumber, done.commit?.pullRequestNumber === undefined ? '' : String(done.commit.pullRequestNumber));
    core.setOutput(OUTPUT.pullRequestUrl, done.commit?.pullRequestUrl ?? '');
    core.info(formatRefreshReport(result, { path: done.target, wrote: done.wrote, unmapped }).trimEnd());
    if (done.commit?.commitSha) core.info(`committed ${done.commit.commitSha}`);
    if (done.commit?.pullRequestUrl) core.info(`pull request: ${done.commit.pullRequestUrl}`);
    if (!env.hasSummary) return;
    const summary = formatRefreshSummary(result, {
      target: done.target,
      wrote: done.wrote,
      unmapped,
      ...(done.commit?.commitSha ? { commitSha: done.commit.commitSha } : {}),
      ...(done.commit?.pullRequestUrl ? { pullRequestUrl: done.commit.pullRequestUrl } : {}),
    });
    try {
      await core.appendSummary(summary);
    } catch (e) {
      core.warning(`the job summary could not be written: ${(e as Error).message}`);
    }
  };
}

export const runRefresh: ModeHandler = refreshMode(realRefreshDeps);

function collectedOf(inputs: ActionInputs): { collected?: string } {
  return inputs.collected === undefined ? {} : { collected: inputs.collected };
}

/** `commit: false`: merge into the workspace file, as `split-plan refresh` does. */
function writeRefresh(localPath: string, loaded: LoadedReports, settings: RefreshSettings): Done {
  const existed = existsSync(localPath);
  const stored = existed ? readText(localPath, INPUT.durations) : undefined;
  const computed = refreshText(stored, `${INPUT.durations}: ${localPath}`, loaded, settings);
  return { computed, target: localPath, wrote: computed.result.changed || !existed };
}

async function commitRefresh(
  deps: RefreshDeps,
  run: RunInfo,
  spec: RefreshInputs,
  inputs: ActionInputs,
  localPath: string,
  workspace: string,
  loaded: LoadedReports,
  settings: RefreshSettings,
): Promise<Done> {
  const [owner, repo, ...extra] = run.repository.split('/');
  if (!owner || !repo || extra.length > 0) {
    throw new UsageError(
      `mode refresh needs the repository as owner/repo in GITHUB_REPOSITORY, got ${JSON.stringify(run.repository)}; run it in a GitHub Actions job`,
    );
  }
  const branch = spec.branch ?? branchOfRef(run.ref);
  if (branch === undefined) {
    throw new UsageError(
      `${INPUT.branch} is required: the run is on ${JSON.stringify(run.ref)}, not a branch, so there is no branch to commit the durations to`,
    );
  }
  // Inside the workspace (resolveWritePath checked it), so this is the path in the repository.
  const path = workspaceRelative(localPath, workspace) as string;
  const target = `${run.repository}@${branch}:${path}`;

  let last: RefreshComputed | undefined;
  const content = (current: string | undefined): string => {
    last = refreshText(current, `${INPUT.durations}: ${target}`, loaded, settings);
    // Nothing moved: keep the file byte for byte (even if it is not formatted the way we write).
    return last.result.changed || current === undefined ? last.content : current;
  };
  const pullRequest = spec.pullRequest
    ? {
        branch: refreshBranchName(branch),
        title: spec.commitMessage.replace(/\s*\[skip ci\]\s*/gi, ' ').trim() || 'Refresh test durations',
        body: `Test durations in \`${path}\` refreshed by split-plan from the JUnit reports of ${run.runUrl ?? 'a workflow run'}.`,
      }
    : undefined;
  const commit = await commitFile(deps.octokit(spec.token, run.apiUrl), {
    owner,
    repo,
    branch,
    path,
    content,
    message: spec.commitMessage,
    ...(pullRequest ? { pullRequest } : {}),
    ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
  });
  if (last === undefined) throw new Error(`mode refresh: ${target} was never read`);
  return { computed: last, target, wrote: commit.action !== 'unchanged', commit };
}

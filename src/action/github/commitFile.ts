/**
 * Commit one file (the refreshed durations) through the GitHub REST contents API.
 *
 * Push form: write the file straight onto `branch`.
 * PR form: write it onto `pullRequest.branch` (created from `branch` when missing) and open or
 * update a pull request into `branch`.
 *
 * The contents API refuses a write whose `sha` is not the file's current blob sha (409, or 422 when
 * the file appeared meanwhile). That means someone else changed the file between our read and our
 * write, so we read again and retry, with a growing delay, up to `maxAttempts` times. Given as a
 * function of the current text, the content is computed again from every fresh read, so a retry
 * merges onto the other writer's version instead of overwriting it.
 */
import { createHash } from 'node:crypto';
import type { getOctokit } from '@actions/github';
import { InputError, UsageError } from '../../core/errors.js';

export type OctokitLike = ReturnType<typeof getOctokit>;

/** The content to write, given the file's current text (undefined: no such file on the branch). */
export type ContentFn = (current: string | undefined) => string;

export interface CommitFileOptions {
  owner: string;
  repo: string;
  /** Branch to commit to (push form), or the base branch (PR form). */
  branch: string;
  /** Repo-relative path of the file, e.g. ".test_durations". */
  path: string;
  /**
   * New full file content (utf-8), or a function computing it from the file's current text on the
   * branch being written (undefined when the file does not exist there). The function runs again
   * after every fresh read (each retry, and the base branch check of the PR form); returning the
   * current text unchanged means there is nothing to commit.
   */
  content: string | ContentFn;
  /** Commit message. */
  message: string;
  /** PR form: commit to this head branch and open or update a PR into `branch`. */
  pullRequest?: { branch: string; title: string; body: string };
  /** Attempts at the write when the file keeps changing underneath; default 5. */
  maxAttempts?: number;
  /** First retry delay in ms, doubled per retry (capped at 30 s); default 1000. */
  retryDelayMs?: number;
  /** Delay implementation; tests inject one that records and returns immediately. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CommitFileResult {
  action: 'unchanged' | 'created' | 'updated';
  commitSha?: string;
  pullRequestNumber?: number;
  pullRequestUrl?: string;
}

/** A GitHub API call failed; the message names the call, the HTTP status and, when known, the fix. */
export class GitHubApiError extends InputError {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown };
}

function asHttpError(e: unknown): HttpErrorLike | undefined {
  if (e && typeof e === 'object' && typeof (e as { status?: unknown }).status === 'number') {
    return e as HttpErrorLike;
  }
  return undefined;
}

/** The API's own message (without the docs link), on one line. */
function apiMessage(e: unknown): string {
  const h = asHttpError(e);
  const data = h?.response?.data;
  let msg: string | undefined;
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    msg = (data as { message: string }).message;
    const errors = (data as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const details = errors.map((x) => (x && typeof x === 'object' && 'message' in x ? String((x as { message: unknown }).message) : JSON.stringify(x)));
      msg += `: ${details.join('; ')}`;
    }
  } else {
    msg = e instanceof Error ? e.message : String(e);
  }
  return msg.replace(/\s+/g, ' ').trim();
}

function isNotFound(e: unknown): boolean {
  return asHttpError(e)?.status === 404;
}

/**
 * 409 or 422 about the sha: our blob sha is no longer the file's current one. Other conflicts (a
 * protected branch, an empty repository) are not retried: another read would not change them.
 */
function isStaleSha(e: unknown): boolean {
  const status = asHttpError(e)?.status;
  if (status === 409) return /does not match|but expected|\bsha\b/i.test(apiMessage(e));
  if (status === 422) return /\bsha\b/i.test(apiMessage(e));
  return false;
}

type Permission = 'contents' | 'pull-requests';

function hint(status: number | undefined, msg: string, permission: Permission): string {
  if (status === 401) return ' (the token is invalid or expired)';
  if (status === 403 || status === 429) {
    if (/rate limit/i.test(msg)) return ' (API rate limit; try again later)';
    if (/not permitted to create or approve pull requests/i.test(msg)) {
      return ' (enable "Allow GitHub Actions to create and approve pull requests" in the repository or organization settings)';
    }
    return ` (the workflow needs permissions: ${permission}: write)`;
  }
  return '';
}

function apiError(what: string, e: unknown, permission: Permission): GitHubApiError {
  const h = asHttpError(e);
  const msg = apiMessage(e);
  // @octokit/request reports a request that never got a response as status 500 without a response.
  if (!h || (h.status === 500 && !h.response)) {
    return new GitHubApiError(`GitHub API: ${what} failed: network error: ${msg}`, undefined);
  }
  return new GitHubApiError(`GitHub API: ${what} failed: ${h.status} ${msg}${hint(h.status, msg, permission)}`, h.status);
}

/** Git's blob id for these bytes; equal ids mean equal content. */
function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RemoteFile {
  sha: string;
  /** The bytes, when the contents API returned them inline (files up to 1 MB). */
  bytes?: Buffer;
}

class Committer {
  private readonly octokit: OctokitLike;
  private readonly opts: CommitFileOptions;
  /** The content when it is a fixed string (then compared by blob sha, without fetching large files). */
  private readonly fixed: Buffer | undefined;

  constructor(octokit: OctokitLike, opts: CommitFileOptions) {
    this.octokit = octokit;
    this.opts = opts;
    this.fixed = typeof opts.content === 'string' ? Buffer.from(opts.content, 'utf8') : undefined;
  }

  /** The file on `ref`, or undefined when it does not exist there. */
  async read(ref: string): Promise<RemoteFile | undefined> {
    const { owner, repo, path } = this.opts;
    let data: unknown;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({ owner, repo, path, ref }));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw apiError(`reading ${path} on ${ref}`, e, 'contents');
    }
    if (Array.isArray(data)) throw new InputError(`GitHub API: ${path} on ${ref} is a directory, not a file`);
    const f = data as { type?: string; sha?: string; content?: string; encoding?: string };
    if (f.type !== 'file' || typeof f.sha !== 'string') {
      throw new InputError(`GitHub API: ${path} on ${ref} is a ${f.type ?? 'non-file'}, not a file`);
    }
    // Files over 1 MB come back without content (encoding "none"); the blob sha still identifies it.
    const inline = f.encoding === 'base64' && typeof f.content === 'string';
    return inline ? { sha: f.sha, bytes: Buffer.from(f.content as string, 'base64') } : { sha: f.sha };
  }

  /** The bytes of a file too large for the contents API, through the git blobs API (up to 100 MB). */
  async blob(file: RemoteFile, ref: string): Promise<Buffer> {
    if (file.bytes) return file.bytes;
    const { owner, repo, path } = this.opts;
    try {
      const { data } = await this.octokit.rest.git.getBlob({ owner, repo, file_sha: file.sha });
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    } catch (e) {
      throw apiError(`reading ${path} on ${ref} (blob ${file.sha})`, e, 'contents');
    }
  }

  /** The bytes to write over `current` (the file as just read from `ref`). */
  async desired(current: RemoteFile | undefined, ref: string): Promise<Buffer> {
    if (this.fixed) return this.fixed;
    const text = current === undefined ? undefined : (await this.blob(current, ref)).toString('utf8');
    return Buffer.from((this.opts.content as ContentFn)(text), 'utf8');
  }

  /** True when the file on the branch already holds exactly `bytes`. */
  static same(current: RemoteFile | undefined, bytes: Buffer): boolean {
    return current !== undefined && (current.sha === gitBlobSha(bytes) || (current.bytes?.equals(bytes) ?? false));
  }

  /** Read, compute, compare, write on `ref`, retrying while the file changes underneath. */
  async write(ref: string): Promise<CommitFileResult> {
    const { owner, repo, path, message } = this.opts;
    const maxAttempts = Math.max(1, Math.floor(this.opts.maxAttempts ?? 5));
    const base = this.opts.retryDelayMs ?? 1000;
    const sleep = this.opts.sleep ?? defaultSleep;
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await sleep(Math.min(base * 2 ** (attempt - 2), 30_000));
      const current = await this.read(ref);
      const bytes = await this.desired(current, ref);
      if (Committer.same(current, bytes)) return { action: 'unchanged' };
      try {
        const { data } = await this.octokit.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path,
          message,
          content: bytes.toString('base64'),
          branch: ref,
          ...(current ? { sha: current.sha } : {}),
        });
        return { action: current ? 'updated' : 'created', commitSha: data.commit.sha };
      } catch (e) {
        const verb = current ? 'updating' : 'creating';
        if (!isStaleSha(e)) throw apiError(`${verb} ${path} on ${ref}`, e, 'contents');
        lastError = e;
      }
    }
    const h = asHttpError(lastError);
    throw new GitHubApiError(
      `GitHub API: writing ${path} on ${ref} failed: the file kept changing underneath; gave up after ${maxAttempts} attempts (last: ${h?.status} ${apiMessage(lastError)})`,
      h?.status,
    );
  }

  /** Head commit sha of `branch`, or undefined when the branch does not exist. */
  async branchSha(branch: string): Promise<string | undefined> {
    const { owner, repo } = this.opts;
    try {
      const { data } = await this.octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw apiError(`reading branch ${branch}`, e, 'contents');
    }
  }

  async requireBranchSha(branch: string): Promise<string> {
    const sha = await this.branchSha(branch);
    if (!sha) throw new InputError(`GitHub API: base branch ${branch} does not exist in ${this.opts.owner}/${this.opts.repo}`);
    return sha;
  }

  async createBranch(branch: string, sha: string): Promise<void> {
    const { owner, repo } = this.opts;
    try {
      await this.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
    } catch (e) {
      // Someone created it between our check and now: fine, we commit on top of it.
      if (asHttpError(e)?.status === 422 && /already exists/i.test(apiMessage(e))) return;
      throw apiError(`creating branch ${branch}`, e, 'contents');
    }
  }

  async resetBranch(branch: string, sha: string): Promise<void> {
    const { owner, repo } = this.opts;
    try {
      await this.octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
    } catch (e) {
      throw apiError(`resetting branch ${branch} to ${this.opts.branch}`, e, 'contents');
    }
  }

  async findOpenPull(head: string): Promise<{ number: number; html_url: string } | undefined> {
    const { owner, repo, branch } = this.opts;
    try {
      const { data } = await this.octokit.rest.pulls.list({
        owner,
        repo,
        head: `${owner}:${head}`,
        base: branch,
        state: 'open',
        per_page: 10,
      });
      return data[0];
    } catch (e) {
      throw apiError(`listing pull requests from ${head} into ${branch}`, e, 'pull-requests');
    }
  }

  async openOrUpdatePull(
    pr: NonNullable<CommitFileOptions['pullRequest']>,
    existing: { number: number } | undefined,
  ): Promise<{ number: number; html_url: string }> {
    const { owner, repo, branch } = this.opts;
    const update = async (n: number) => {
      try {
        const { data } = await this.octokit.rest.pulls.update({ owner, repo, pull_number: n, title: pr.title, body: pr.body });
        return data;
      } catch (e) {
        throw apiError(`updating pull request #${n}`, e, 'pull-requests');
      }
    };
    if (existing) return update(existing.number);
    try {
      const { data } = await this.octokit.rest.pulls.create({ owner, repo, head: pr.branch, base: branch, title: pr.title, body: pr.body });
      return data;
    } catch (e) {
      // Another run opened it meanwhile.
      if (asHttpError(e)?.status === 422 && /already exists/i.test(apiMessage(e))) {
        const found = await this.findOpenPull(pr.branch);
        if (found) return update(found.number);
      }
      throw apiError(`creating a pull request from ${pr.branch} into ${branch}`, e, 'pull-requests');
    }
  }
}

function validate(opts: CommitFileOptions): void {
  if (typeof opts.content !== 'string' && typeof opts.content !== 'function') {
    throw new UsageError('commitFile: content must be a string or a function');
  }
  for (const key of ['owner', 'repo', 'branch', 'path', 'message'] as const) {
    if (typeof opts[key] !== 'string' || opts[key].trim() === '') throw new UsageError(`commitFile: ${key} is empty`);
  }
  if (opts.path.startsWith('/') || opts.path.split('/').includes('..')) {
    throw new UsageError(`commitFile: path must be repo-relative without "..", got "${opts.path}"`);
  }
  if (opts.maxAttempts !== undefined && !(opts.maxAttempts >= 1)) {
    throw new UsageError(`commitFile: maxAttempts must be at least 1, got ${opts.maxAttempts}`);
  }
  const pr = opts.pullRequest;
  if (pr) {
    if (!pr.branch.trim()) throw new UsageError('commitFile: pull request branch is empty');
    if (!pr.title.trim()) throw new UsageError('commitFile: pull request title is empty');
    if (pr.branch === opts.branch) {
      throw new UsageError(`commitFile: pull request branch must differ from the base branch "${opts.branch}"`);
    }
  }
}

/**
 * Commit `opts.content` to `opts.path`. Returns 'unchanged' (no write) when the file already holds
 * exactly that content (for a content function: when it returns the current text). Throws
 * GitHubApiError (an InputError) naming the failed call and HTTP status.
 */
export async function commitFile(octokit: OctokitLike, opts: CommitFileOptions): Promise<CommitFileResult> {
  validate(opts);
  const c = new Committer(octokit, opts);
  const pr = opts.pullRequest;
  if (!pr) return c.write(opts.branch);

  // Nothing to propose when the base branch already has this content.
  const onBase = await c.read(opts.branch);
  if (Committer.same(onBase, await c.desired(onBase, opts.branch))) return { action: 'unchanged' };

  const headSha = await c.branchSha(pr.branch);
  let open: { number: number; html_url: string } | undefined;
  if (headSha === undefined) {
    await c.createBranch(pr.branch, await c.requireBranchSha(opts.branch));
  } else {
    open = await c.findOpenPull(pr.branch);
    // A leftover branch (its PR merged or closed) would conflict with the base; start it afresh.
    if (!open) await c.resetBranch(pr.branch, await c.requireBranchSha(opts.branch));
  }

  const written = await c.write(pr.branch);
  // The base caught up meanwhile (head == base): a PR would have no commits.
  if (written.action === 'unchanged' && !open) return written;
  const pull = await c.openOrUpdatePull(pr, open);
  return { ...written, pullRequestNumber: pull.number, pullRequestUrl: pull.html_url };
}

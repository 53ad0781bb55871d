import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { getOctokit } from '@actions/github';
import { commitFile, GitHubApiError, type CommitFileOptions, type OctokitLike } from '../src/action/github/commitFile.js';
import { InputError, UsageError } from '../src/core/errors.js';
import { startFakeGitHub, type FakeGitHub } from './helpers/fakeGitHub.js';

const TOKEN = 'fake-token';
const PATH = '.test_durations';
const OLD = JSON.stringify({ 'tests/test_a.py::test_one': 1.5 }, null, 4) + '\n';
const NEW = JSON.stringify({ 'tests/test_a.py::test_one': 1.25, 'tests/test_b.py::test_two': 0.5 }, null, 4) + '\n';

let gh: FakeGitHub;
let octokit: OctokitLike;
let sleeps: number[];

function opts(extra: Partial<CommitFileOptions> = {}): CommitFileOptions {
  return {
    owner: gh.owner,
    repo: gh.repo,
    branch: 'main',
    path: PATH,
    content: NEW,
    message: 'chore: refresh test durations',
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  };
}

const PR = { branch: 'split-plan/refresh-durations', title: 'Refresh test durations', body: 'Automated refresh.' };

async function start(files: Record<string, string> = {}): Promise<void> {
  gh = await startFakeGitHub({ token: TOKEN, files });
  octokit = getOctokit(TOKEN, { baseUrl: gh.baseUrl });
}

beforeEach(() => {
  sleeps = [];
});

afterEach(async () => {
  await gh?.close();
});

describe('commitFile, push form', () => {
  it('creates the file when it does not exist (404 on read), without a sha', async () => {
    await start();
    const res = await commitFile(octokit, opts());
    expect(res).toEqual({ action: 'created', commitSha: gh.branchSha('main') });
    expect(gh.getFile('main', PATH)).toBe(NEW);
    const [put, ...more] = gh.requestsFor('PUT', '/contents/');
    expect(more).toHaveLength(0);
    expect(put!.status).toBe(201);
    expect(put!.body).toEqual({
      message: 'chore: refresh test durations',
      content: Buffer.from(NEW).toString('base64'),
      branch: 'main',
    });
    expect(gh.requestsFor('GET', '/contents/')[0]!.query).toEqual({ ref: 'main' });
    expect(gh.history('main')[0]!.message).toBe('chore: refresh test durations');
  });

  it('updates an existing file, sending the blob sha it read', async () => {
    await start({ [PATH]: OLD });
    const oldSha = gh.blobSha('main', PATH);
    const res = await commitFile(octokit, opts());
    expect(res.action).toBe('updated');
    expect(res.commitSha).toBe(gh.branchSha('main'));
    expect(gh.getFile('main', PATH)).toBe(NEW);
    const puts = gh.requestsFor('PUT', '/contents/');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body.sha).toBe(oldSha);
    expect(puts[0]!.status).toBe(200);
  });

  it('makes no write when the content is identical', async () => {
    await start({ [PATH]: NEW });
    const before = gh.branchSha('main');
    expect(await commitFile(octokit, opts())).toEqual({ action: 'unchanged' });
    expect(gh.requestsFor('PUT')).toHaveLength(0);
    expect(gh.branchSha('main')).toBe(before);
  });

  it.each([
    ['identical', NEW, 'unchanged'],
    ['different', OLD, 'updated'],
  ])('compares files too large for inline content by blob sha (%s)', async (_name, existing, action) => {
    gh = await startFakeGitHub({ token: TOKEN, files: { [PATH]: existing }, maxInlineBytes: 10 });
    octokit = getOctokit(TOKEN, { baseUrl: gh.baseUrl });
    const res = await commitFile(octokit, opts());
    expect(res.action).toBe(action);
    expect(gh.getFile('main', PATH)).toBe(NEW);
  });

  it('works for a nested path and a branch with a slash', async () => {
    await start();
    gh.createBranch('ci/timings');
    const res = await commitFile(octokit, opts({ path: 'ci/data/.test_durations', branch: 'ci/timings' }));
    expect(res.action).toBe('created');
    expect(gh.getFile('ci/timings', 'ci/data/.test_durations')).toBe(NEW);
    expect(gh.getFile('main', 'ci/data/.test_durations')).toBeUndefined();
  });

  it('sends the token in the Authorization header on every call', async () => {
    await start({ [PATH]: OLD });
    await commitFile(octokit, opts());
    expect(gh.requests.length).toBeGreaterThan(1);
    for (const r of gh.requests) expect(r.auth).toBe(`token ${TOKEN}`);
  });
});

describe('commitFile, stale sha retries', () => {
  it('re-reads and retries after a 409 when someone pushed the file meanwhile', async () => {
    await start({ [PATH]: OLD });
    let theirs = '';
    gh.beforeNext('PUT', '/contents/', () => {
      theirs = gh.setFile('main', PATH, '{"someone": "else"}\n', 'concurrent push').commitSha;
    });
    const res = await commitFile(octokit, opts());
    expect(res.action).toBe('updated');
    const puts = gh.requestsFor('PUT', '/contents/');
    expect(puts.map((p) => p.status)).toEqual([409, 200]);
    expect(puts[1]!.body.sha).toBe(gh.commit(theirs)!.tree.get(PATH));
    expect(gh.getFile('main', PATH)).toBe(NEW);
    expect(gh.commit(res.commitSha!)!.parents).toEqual([theirs]);
    expect(gh.requestsFor('GET', '/contents/')).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('retries after 422 "sha wasn\'t supplied" when the file was created meanwhile', async () => {
    await start();
    gh.beforeNext('PUT', '/contents/', () => {
      gh.setFile('main', PATH, OLD, 'concurrent create');
    });
    const res = await commitFile(octokit, opts({ retryDelayMs: 0 }));
    expect(res.action).toBe('updated');
    const puts = gh.requestsFor('PUT', '/contents/');
    expect(puts.map((p) => p.status)).toEqual([422, 200]);
    expect(puts[0]!.body.sha).toBeUndefined();
    expect(puts[1]!.body.sha).toBe(gh.commit(gh.history('main')[1]!.sha)!.tree.get(PATH));
    expect(sleeps).toEqual([0]);
  });

  it('stops as unchanged when the concurrent push wrote the same content', async () => {
    await start({ [PATH]: OLD });
    gh.beforeNext('PUT', '/contents/', () => {
      gh.setFile('main', PATH, NEW, 'same refresh from another run');
    });
    expect(await commitFile(octokit, opts())).toEqual({ action: 'unchanged' });
    expect(gh.requestsFor('PUT', '/contents/')).toHaveLength(1);
  });

  it('gives up after maxAttempts with a clear error', async () => {
    await start({ [PATH]: OLD });
    let n = 0;
    gh.beforeNext(
      'PUT',
      '/contents/',
      () => {
        n += 1;
        gh.setFile('main', PATH, `{"churn": ${n}}\n`);
      },
      Infinity,
    );
    const err = await commitFile(octokit, opts({ maxAttempts: 3 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(
      /^GitHub API: writing \.test_durations on main failed: the file kept changing underneath; gave up after 3 attempts \(last: 409 \.test_durations does not match [0-9a-f]{40}\)$/,
    );
    expect(gh.requestsFor('PUT', '/contents/')).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('does not retry a 422 that is not about the sha', async () => {
    await start({ [PATH]: OLD });
    gh.failNext('PUT', '/contents/', 422, "Invalid request.\n\nFor 'properties/committer', nil is not an object.");
    await expect(commitFile(octokit, opts())).rejects.toThrow(
      "GitHub API: updating .test_durations on main failed: 422 Invalid request. For 'properties/committer', nil is not an object.",
    );
    expect(gh.requestsFor('PUT')).toHaveLength(1);
  });

  it('does not retry a 409 that is not about the sha (a protected branch)', async () => {
    await start({ [PATH]: OLD });
    gh.failNext('PUT', '/contents/', 409, 'Changes must be made through a pull request.');
    await expect(commitFile(octokit, opts())).rejects.toThrow('409 Changes must be made through a pull request.');
    expect(gh.requestsFor('PUT')).toHaveLength(1);
  });
});

describe('commitFile, errors', () => {
  it('names the missing permission on 403', async () => {
    await start({ [PATH]: OLD });
    gh.permissions.contents = 'read';
    const err = await commitFile(octokit, opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    expect((err as GitHubApiError).status).toBe(403);
    expect((err as Error).message).toBe(
      'GitHub API: updating .test_durations on main failed: 403 Resource not accessible by integration (the workflow needs permissions: contents: write)',
    );
  });

  it.each([
    [401, 'Bad credentials', 'GitHub API: reading .test_durations on main failed: 401 Bad credentials (the token is invalid or expired)'],
    [
      403,
      'API rate limit exceeded for installation ID 1.',
      'GitHub API: reading .test_durations on main failed: 403 API rate limit exceeded for installation ID 1. (API rate limit; try again later)',
    ],
    [500, 'Server Error', 'GitHub API: reading .test_durations on main failed: 500 Server Error'],
  ])('reports a %i on read with the API message', async (status, message, expected) => {
    await start({ [PATH]: OLD });
    gh.failNext('GET', '/contents/', status, message);
    await expect(commitFile(octokit, opts())).rejects.toThrow(expected);
    expect(gh.requestsFor('PUT')).toHaveLength(0);
  });

  it('rejects a wrong token (401 from the server)', async () => {
    await start({ [PATH]: OLD });
    const wrong = getOctokit('not-the-token', { baseUrl: gh.baseUrl });
    await expect(commitFile(wrong, opts())).rejects.toThrow(/401 Bad credentials \(the token is invalid or expired\)$/);
  });

  it('reports a network failure without a status', async () => {
    await start();
    const url = gh.baseUrl;
    await gh.close();
    const dead = getOctokit(TOKEN, { baseUrl: url });
    const err = await commitFile(dead, opts()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^GitHub API: reading \.test_durations on main failed: network error: /);
    expect((err as GitHubApiError).status).toBeUndefined();
    gh = undefined as unknown as FakeGitHub;
  });

  it('refuses a directory path', async () => {
    await start({ 'ci/.test_durations': OLD });
    await expect(commitFile(octokit, opts({ path: 'ci' }))).rejects.toThrow('GitHub API: ci on main is a directory, not a file');
  });

  it.each([
    ['empty owner', { owner: '' }, 'commitFile: owner is empty'],
    ['absolute path', { path: '/etc/x' }, 'commitFile: path must be repo-relative without "..", got "/etc/x"'],
    ['maxAttempts 0', { maxAttempts: 0 }, 'commitFile: maxAttempts must be at least 1, got 0'],
    ['PR into itself', { pullRequest: { ...PR, branch: 'main' } }, 'commitFile: pull request branch must differ from the base branch "main"'],
  ])('validates options: %s', async (_name, extra, message) => {
    await start();
    const err = await commitFile(octokit, opts(extra as Partial<CommitFileOptions>)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(message);
    expect(gh.requests).toHaveLength(0);
  });
});

describe('commitFile, pull request form', () => {
  it('creates the head branch from the base, commits there and opens a PR', async () => {
    await start({ [PATH]: OLD });
    const baseSha = gh.branchSha('main');
    const res = await commitFile(octokit, opts({ pullRequest: PR }));
    expect(res).toEqual({
      action: 'updated',
      commitSha: gh.branchSha(PR.branch),
      pullRequestNumber: 1,
      pullRequestUrl: `https://github.com/${gh.fullName}/pull/1`,
    });
    expect(gh.branchSha('main')).toBe(baseSha);
    expect(gh.getFile('main', PATH)).toBe(OLD);
    expect(gh.getFile(PR.branch, PATH)).toBe(NEW);
    expect(gh.commit(res.commitSha!)!.parents).toEqual([baseSha]);
    expect(gh.requestsFor('POST', '/git/refs')[0]!.body).toEqual({ ref: `refs/heads/${PR.branch}`, sha: baseSha });
    expect(gh.requestsFor('PUT', '/contents/')[0]!.body.branch).toBe(PR.branch);
    expect(gh.requestsFor('POST', '/pulls')[0]!.body).toEqual({ head: PR.branch, base: 'main', title: PR.title, body: PR.body });
    expect(gh.pulls).toEqual([expect.objectContaining({ number: 1, state: 'open', head: PR.branch, base: 'main', title: PR.title })]);
  });

  it('on a second run commits on the same branch and updates the same PR', async () => {
    await start({ [PATH]: OLD });
    const first = await commitFile(octokit, opts({ pullRequest: PR }));
    const NEWER = NEW.replace('0.5', '0.75');
    const second = await commitFile(octokit, opts({ content: NEWER, pullRequest: { ...PR, body: 'Second refresh.' } }));
    expect(second.pullRequestNumber).toBe(first.pullRequestNumber);
    expect(second.action).toBe('updated');
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0]!.body).toBe('Second refresh.');
    expect(gh.getFile(PR.branch, PATH)).toBe(NEWER);
    expect(gh.commit(second.commitSha!)!.parents).toEqual([first.commitSha]);
    expect(gh.requestsFor('POST', '/pulls')).toHaveLength(1);
    expect(gh.requestsFor('PATCH', '/pulls/1')).toHaveLength(1);
    expect(gh.requestsFor('POST', '/git/refs')).toHaveLength(1);
    expect(gh.requestsFor('PATCH', '/git/refs')).toHaveLength(0);
    const list = gh.requestsFor('GET', /\/pulls$/);
    expect(list.at(-1)!.query).toEqual(expect.objectContaining({ head: `${gh.owner}:${PR.branch}`, base: 'main', state: 'open' }));
  });

  it('does nothing when the base branch already has the content', async () => {
    await start({ [PATH]: NEW });
    expect(await commitFile(octokit, opts({ pullRequest: PR }))).toEqual({ action: 'unchanged' });
    expect(gh.requests.map((r) => r.method)).toEqual(['GET']);
    expect(gh.branchSha(PR.branch)).toBeUndefined();
  });

  it('reuses an open PR whose branch already holds the content (e.g. a rerun)', async () => {
    await start({ [PATH]: OLD });
    const first = await commitFile(octokit, opts({ pullRequest: PR }));
    const res = await commitFile(octokit, opts({ pullRequest: PR }));
    expect(res).toEqual({ action: 'unchanged', pullRequestNumber: first.pullRequestNumber, pullRequestUrl: first.pullRequestUrl });
    expect(gh.requestsFor('PUT')).toHaveLength(1);
  });

  it('restarts a leftover branch without an open PR from the base', async () => {
    await start({ [PATH]: OLD });
    await commitFile(octokit, opts({ pullRequest: PR }));
    gh.pulls[0]!.state = 'closed';
    gh.setFile('main', 'src/app.py', 'print(1)\n', 'unrelated work on main');
    const baseSha = gh.branchSha('main');
    const res = await commitFile(octokit, opts({ content: NEW + '\n', pullRequest: PR }));
    expect(res.pullRequestNumber).toBe(2);
    expect(gh.requestsFor('PATCH', '/git/refs')[0]!.body).toEqual({ sha: baseSha, force: true });
    expect(gh.commit(res.commitSha!)!.parents).toEqual([baseSha]);
  });

  it('names the pull-requests permission when opening the PR is forbidden', async () => {
    await start({ [PATH]: OLD });
    gh.permissions.pullRequests = 'read';
    await expect(commitFile(octokit, opts({ pullRequest: PR }))).rejects.toThrow(
      `GitHub API: creating a pull request from ${PR.branch} into main failed: 403 Resource not accessible by integration (the workflow needs permissions: pull-requests: write)`,
    );
  });

  it('explains the repository setting when Actions may not create PRs', async () => {
    await start({ [PATH]: OLD });
    gh.failNext('POST', /\/pulls$/, 403, 'GitHub Actions is not permitted to create or approve pull requests.');
    await expect(commitFile(octokit, opts({ pullRequest: PR }))).rejects.toThrow(
      /403 GitHub Actions is not permitted to create or approve pull requests\. \(enable "Allow GitHub Actions to create and approve pull requests"/,
    );
  });

  it('updates the PR another run opened between our list and create', async () => {
    await start({ [PATH]: OLD });
    gh.beforeNext('POST', /\/pulls$/, () => {
      gh.pulls.push({ number: 7, state: 'open', title: 'other', body: null, head: PR.branch, base: 'main', html_url: 'https://github.com/x/pull/7' });
    });
    const res = await commitFile(octokit, opts({ pullRequest: PR }));
    expect(res.pullRequestNumber).toBe(7);
    expect(gh.pulls.find((p) => p.number === 7)!.title).toBe(PR.title);
  });

  it('reports a missing base branch', async () => {
    await start();
    await expect(commitFile(octokit, opts({ branch: 'develop', pullRequest: PR }))).rejects.toThrow(
      `GitHub API: base branch develop does not exist in ${'octo-org/octo-repo'}`,
    );
  });
});

describe('@actions/github wiring', () => {
  it('also reaches the fake through GITHUB_API_URL, which is read when the module is first imported', async () => {
    await start({ [PATH]: OLD });
    const script = [
      "const { getOctokit } = await import('@actions/github');",
      `const o = getOctokit('${TOKEN}');`,
      `const r = await o.rest.git.getRef({ owner: '${gh.owner}', repo: '${gh.repo}', ref: 'heads/main' });`,
      'console.log(r.data.object.sha);',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, GITHUB_API_URL: gh.baseUrl },
    });
    expect(stdout.trim()).toBe(gh.branchSha('main'));
    expect(gh.requests[0]!.auth).toBe(`token ${TOKEN}`);
  });
});

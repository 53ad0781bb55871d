import { describe, expect, it } from '@jest/globals';
import { refreshAllowed } from '../src/action/github/eventGuard.js';

const REPO = 'octo-org/octo-repo';
const prFrom = (fullName: string | null) => ({
  pull_request: { number: 3, head: { ref: 'feature', repo: fullName === null ? null : { full_name: fullName } } },
});

describe('refreshAllowed', () => {
  it.each([
    ['push', { ref: 'refs/heads/main' }],
    ['schedule', { schedule: '0 3 * * 1' }],
    ['workflow_dispatch', { inputs: {} }],
    ['push', undefined],
  ])('allows %s', (eventName, payload) => {
    expect(refreshAllowed({ eventName, payload, repository: REPO })).toEqual({ allowed: true });
  });

  it.each([
    ['pull_request', prFrom('someone/octo-repo'), 'from fork someone/octo-repo: a fork must not be able to change the timings'],
    ['pull_request_target', prFrom('someone/octo-repo'), 'from fork someone/octo-repo: a fork must not be able to change the timings'],
    ['pull_request', prFrom(null), 'from a deleted fork: a fork must not be able to change the timings'],
    ['pull_request_review', prFrom('evil/fork'), 'from fork evil/fork: a fork must not be able to change the timings'],
    ['pull_request', prFrom(REPO), 'refresh refused on pull_request: pull request code must not change the committed timings'],
    ['pull_request', prFrom('OCTO-ORG/Octo-Repo'), 'refresh refused on pull_request: pull request code'],
    ['pull_request_target', prFrom(REPO), 'refresh refused on pull_request_target: pull request code'],
    ['pull_request', {}, 'refresh refused on pull_request: pull request code'],
    ['issue_comment', { issue: { number: 1 } }, 'refresh refused on issue_comment: only push, schedule and workflow_dispatch'],
    ['workflow_run', { workflow_run: {} }, 'refresh refused on workflow_run: only push, schedule and workflow_dispatch'],
    ['merge_group', {}, 'refresh refused on merge_group'],
    ['Push', {}, 'refresh refused on Push'],
    ['', {}, 'the event name is empty'],
  ])('refuses %s (%#)', (eventName, payload, reason) => {
    const d = refreshAllowed({ eventName, payload, repository: REPO });
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.reason).toContain(reason);
    expect(d.reason).not.toMatch(/\n/);
  });

  it('names the repository a fork would have changed', () => {
    const d = refreshAllowed({ eventName: 'pull_request_target', payload: prFrom('evil/fork'), repository: REPO });
    expect(d).toEqual({
      allowed: false,
      reason:
        'refresh refused on pull_request_target from fork evil/fork: a fork must not be able to change the timings of octo-org/octo-repo; run refresh from a push, schedule or workflow_dispatch workflow',
    });
  });
});

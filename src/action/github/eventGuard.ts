/**
 * Decide whether the Action may commit refreshed timings for the event that triggered the run.
 *
 * Only events whose code and inputs come from people with write access may change the committed
 * timings: push, schedule and workflow_dispatch. Pull request events (and anything else) are
 * refused; a pull request from a fork gets its own reason, because letting a fork rewrite the
 * timings would let an outsider steer how the suite is split.
 */

export type RefreshDecision = { allowed: true } | { allowed: false; reason: string };

export interface RefreshEventContext {
  /** GITHUB_EVENT_NAME, e.g. "push". */
  eventName: string;
  /** The webhook payload (context.payload). */
  payload: unknown;
  /** "owner/repo" of the repository running the workflow (GITHUB_REPOSITORY). */
  repository: string;
}

const ALLOWED = new Set(['push', 'schedule', 'workflow_dispatch']);
const HOW = 'run refresh from a push, schedule or workflow_dispatch workflow';

/** `value[key]` when value is an object, else undefined. */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** The head repository of a pull request in the payload, null for a deleted fork, undefined if no PR. */
function pullRequestHead(payload: unknown): string | null | undefined {
  const pr = field(payload, 'pull_request');
  if (!pr || typeof pr !== 'object') return undefined;
  const name = field(field(field(pr, 'head'), 'repo'), 'full_name');
  return typeof name === 'string' && name !== '' ? name : null;
}

export function refreshAllowed(ctx: RefreshEventContext): RefreshDecision {
  const event = typeof ctx.eventName === 'string' ? ctx.eventName.trim() : '';
  if (ALLOWED.has(event)) return { allowed: true };

  const head = pullRequestHead(ctx.payload);
  if (head !== undefined && (head === null || head.toLowerCase() !== String(ctx.repository ?? '').toLowerCase())) {
    const from = head === null ? 'a deleted fork' : `fork ${head}`;
    return {
      allowed: false,
      reason: `refresh refused on ${event || 'this event'} from ${from}: a fork must not be able to change the timings of ${ctx.repository}; ${HOW}`,
    };
  }
  if (event === 'pull_request' || event === 'pull_request_target') {
    return {
      allowed: false,
      reason: `refresh refused on ${event}: pull request code must not change the committed timings; ${HOW}`,
    };
  }
  if (event === '') {
    return { allowed: false, reason: `refresh refused: the event name is empty (GITHUB_EVENT_NAME not set?); ${HOW}` };
  }
  return { allowed: false, reason: `refresh refused on ${event}: only push, schedule and workflow_dispatch may change the timings` };
}

/** Exponential backoff with jitter (docs/xapi-profile.md § Sending: transient failures retry without end). */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000 };

/**
 * Delay before attempt `failures + 1`: base·2^(failures−1), capped, then drawn from its upper half so many
 * clients coming back together do not hammer a recovering LRS in step.
 */
export function backoffDelay(failures: number, random: () => number, policy = DEFAULT_BACKOFF): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** No wait is longer than a day: not a Retry-After, not a backoff, not a pause (issue 11). */
export const MAX_WAIT_MS = 24 * 3600_000;
/** An LRS that asks to be retried "now" or in the past still gets a second before the next request. */
export const MIN_RETRY_AFTER_MS = 1000;

/**
 * How long to wait after a failure: the LRS's Retry-After when it gave a usable one (at least a second), else the
 * backoff; never more than a day, so `Retry-After: 999999999` cannot stall a destination for years.
 */
export function boundedWait(retryAfterMs: number | undefined, backoffMs: number): number {
  const wait =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs)
      ? Math.max(MIN_RETRY_AFTER_MS, retryAfterMs)
      : backoffMs;
  return Math.min(MAX_WAIT_MS, Math.max(0, wait));
}

/** A destination's wait: it started at `lastAttemptAt` and ends at `nextAttemptAt`. */
export interface Wait {
  status: string;
  lastAttemptAt?: number;
  nextAttemptAt: number;
}

/**
 * When a waiting destination is due, robust to the wall clock jumping. A clock that moved back before the wait
 * began (it was wrong and was corrected) makes it due now rather than in months; one that jumped forward only
 * shortens the wait; and no wait outlasts a day from its start, whatever was stored.
 */
export function dueAt(wait: Wait, now: number): number {
  if (wait.status === 'active') return now;
  const start = wait.lastAttemptAt;
  if (start === undefined || now < start) return now;
  return Math.min(wait.nextAttemptAt, start + MAX_WAIT_MS);
}

export function waitOver(wait: Wait, now: number): boolean {
  return now >= dueAt(wait, now);
}

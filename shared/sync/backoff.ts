/** Exponential backoff with jitter (xapi-profile.md § Sending: transient failures retry without end). */
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

/**
 * A full disk. IndexedDB refuses a write with `QuotaExceededError` and aborts the whole transaction, so what was
 * already stored stays exactly as it was; the outbox turns that into one clear message for the learner.
 */

export const STORAGE_FULL_MESSAGE =
  'Storage is full: new items cannot be kept until space is freed on this device. Everything already recorded is kept and still sent.';

export class OutboxFullError extends Error {
  override name = 'OutboxFullError';
  constructor() {
    super(STORAGE_FULL_MESSAGE);
  }
}

/** Whether an error (as IndexedDB or Dexie raise it: plain, wrapped in `inner`, or inside a BulkError) is a full quota. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; inner?: unknown; failures?: unknown; failuresByPos?: unknown };
  if (e.name === 'QuotaExceededError' || e.name === 'OutboxFullError') return true;
  if (isQuotaError(e.inner, depth + 1)) return true;
  const failures = Array.isArray(e.failures)
    ? (e.failures as unknown[])
    : e.failuresByPos && typeof e.failuresByPos === 'object'
      ? Object.values(e.failuresByPos)
      : [];
  return failures.some((f) => isQuotaError(f, depth + 1));
}

/**
 * Refusals that are about the destination, not the statement. An LRS (or a proxy in front of it, or a version
 * mismatch) that answers 400 or 413 to every statement would otherwise have the whole backlog quarantined one
 * statement at a time. When several different statements in a row are refused for the same reason, the
 * destination is paused as "refusing statements: <message>" instead, and the statements of that streak go back
 * in the queue; the pause lifts when the configuration changes (SyncEngine.loadState) or at its recheck.
 */

/** Different statements refused in a row for one reason before the destination counts as refusing everything. */
export const SYSTEMIC_REFUSALS = 3;

/** The refusals in a row since the last success, kept in the destination's state across passes. */
export interface RefusalStreak {
  reason: string;
  /** The delivery seqs refused (quarantined) in this streak. */
  seqs: number[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What makes two refusals "the same reason": the message without statement ids and numbers. */
export function refusalReason(message: string): string {
  return message.replace(UUID, '<id>').replace(/\d+/g, '<n>').trim().toLowerCase();
}

/** The streak after one more statement was refused with `message`. */
export function extendStreak(streak: RefusalStreak | undefined, message: string, seq: number): RefusalStreak {
  const reason = refusalReason(message);
  if (!streak || streak.reason !== reason) return { reason, seqs: [seq] };
  return streak.seqs.includes(seq)
    ? streak
    : { reason, seqs: [...streak.seqs, seq].slice(-SYSTEMIC_REFUSALS) };
}

export function isSystemic(streak: RefusalStreak): boolean {
  return streak.seqs.length >= SYSTEMIC_REFUSALS;
}

export function refusingMessage(message: string): string {
  return `refusing statements: ${message}`;
}

import type { OutboxDb } from './db';
import type { Delivery } from './types';

/**
 * A destination's "sent through" mark (issue 11 point 9): marking a batch sent rewrote each delivery row and its
 * index entries, half of Chromium's CPU in a drain (bench/scale). Now a delivery queued by `enqueue` (a fresh seq,
 * above every mark) is stored `queued`, and a batch of them answered as stored moves this one number instead:
 *
 *   stored `queued`, seq ≤ the mark → sent;  stored `queued`, seq > the mark → pending;
 *   stored `pending`, `sent`, `quarantined` → as stored, whatever the mark.
 *
 * Every other path that makes a delivery pending (a hold released late, "send my earlier record", a refused item
 * sent again, a failed attempt, a v1 backlog) stores `pending`, which the mark never covers: a row below the
 * mark that is still to be sent can only be a stored `pending` one. The mark moves only over `queued` rows that
 * are all in the batch answered as stored (Outbox.markSent checks the index range in its transaction), so it never
 * covers one that was not sent. Readers outside the outbox never see `queued`: the Outbox's reads give it as
 * `pending` or `sent` (`asSeen`).
 */
export const SENT_THROUGH_PREFIX = 'sentThrough:';

export function sentThroughKey(destinationId: string): string {
  return `${SENT_THROUGH_PREFIX}${destinationId}`;
}

/** Every destination's mark (0 where none), read in the caller's transaction when it includes `meta`. */
export async function readSentThrough(db: OutboxDb): Promise<Map<string, number>> {
  const rows = await db.meta.where('key').startsWith(SENT_THROUGH_PREFIX).toArray();
  return new Map(rows.map((r) => [r.key.slice(SENT_THROUGH_PREFIX.length), r.value]));
}

/** One destination's mark (0: none). */
export async function sentThroughOf(db: OutboxDb, destinationId: string): Promise<number> {
  return (await db.meta.get(sentThroughKey(destinationId)))?.value ?? 0;
}

/** A stored row as every reader sees it: `queued` becomes `sent` at or below its destination's mark, else `pending`. */
export function asSeen(d: Delivery, sentThrough: number): Delivery {
  if (d.state !== 'queued') return d;
  return d.seq <= sentThrough
    ? { ...d, state: 'sent', attempts: d.attempts + 1 }
    : { ...d, state: 'pending' };
}

/** `asSeen` over rows of any destinations, with the marks of `readSentThrough`. */
export function allAsSeen(rows: readonly Delivery[], marks: ReadonlyMap<string, number>): Delivery[] {
  return rows.map((d) => asSeen(d, marks.get(d.destinationId) ?? 0));
}

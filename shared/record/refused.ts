/**
 * Items an LRS refused (quarantined, issue 11 point 4), as both apps show them: a few, each with its destination's
 * name and the LRS's own message, and how many in all; and the learner's "Send again" (one item or all).
 */
import type { Outbox } from '../outbox';

export interface RefusedView {
  /** How many deliveries are refused in all (the list may be shorter). */
  count: number;
  items: Array<{ id: string; title: string; destination: string; message: string }>;
}

/** Index counts and ranges only: the quarantined deliveries, never the backlog. */
export async function refusedView(
  outbox: Outbox,
  destinations: ReadonlyArray<{ id: string; name?: string }>,
  limit = 5,
): Promise<RefusedView | undefined> {
  let count = 0;
  const items: RefusedView['items'] = [];
  for (const d of destinations) {
    count += (await outbox.deliveryCounts(d.id)).quarantined;
    for (const { delivery, item } of await outbox.quarantined(d.id, limit - items.length)) {
      items.push({
        id: delivery.itemId,
        title: item?.meta.title ?? delivery.itemId,
        destination: d.name ?? d.id,
        message: delivery.quarantine?.message ?? delivery.lastError ?? '',
      });
    }
  }
  return count > 0 ? { count, items } : undefined;
}

/** Said when "Send again" finds nothing refused (it was sent again elsewhere, or deleted): not an error. */
export const NOTHING_REFUSED = 'Nothing refused to send again.';

/** Back in the queue: one item's refused deliveries, or every refused one of these destinations. */
export function sendRefusedAgain(
  outbox: Outbox,
  target: { id: string } | 'all',
  destinationIds: readonly string[],
): Promise<number> {
  return target === 'all' ? outbox.requeueAll(destinationIds) : outbox.requeueItem(target.id);
}

import type { OutboxDb } from './db';
import { allAsSeen, readSentThrough } from './sent-through';
import type { Delivery, OutboxItem } from './types';

/**
 * The deliveries of these items, as every reader sees them (./sent-through.ts), in the caller's transaction over
 * `deliveries` and `meta`. Items are mostly a run of seqs (a page of the record, a page of earlier
 * candidates; a delivery carries its item's seq): then one read of that seq range per destination, which in
 * Chromium's IndexedDB costs a fraction of one lookup per item (bench/scale filter_status_ms); else, or without
 * `destinationIds` (every destination any of them may have a delivery to), one lookup per item.
 */
export async function deliveriesOfItems(
  db: OutboxDb,
  items: ReadonlyArray<Pick<OutboxItem, 'id' | 'seq'>>,
  destinationIds?: readonly string[],
): Promise<Delivery[]> {
  if (items.length === 0) return [];
  const seqs = items.map((i) => i.seq);
  const [min, max] = [Math.min(...seqs), Math.max(...seqs)];
  const ids = items.map((i) => i.id);
  const rows = async (): Promise<Delivery[]> => {
    if (!destinationIds || max - min >= 4 * items.length) {
      return db.deliveries.where('itemId').anyOf(ids).toArray();
    }
    const wanted = new Set(ids);
    const ranges = await Promise.all(
      destinationIds.map((id) =>
        db.deliveries.where('[destinationId+seq]').between([id, min], [id, max], true, true).toArray(),
      ),
    );
    return ranges.flat().filter((d) => wanted.has(d.itemId));
  };
  const [found, marks] = await Promise.all([rows(), readSentThrough(db)]);
  return allAsSeen(found, marks);
}

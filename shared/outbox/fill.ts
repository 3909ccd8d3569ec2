// Preparing the record after a database an older version left is opened (issue 11, bad input: 100,000 rows).
// Building the record table and the tally inside the upgrade made the learner wait minutes (each index built over
// existing rows costs Chromium ~0.2 ms a row, bench/results/upgrade.json), so the upgrade (db.ts v5) only
// notes the highest seq then stored; the items up to it are prepared here after opening, newest first, in small
// batches, each its own short transaction (an enqueue never waits behind a long one) that also moves the mark
// down, so a worker stopped mid-way resumes where it was and nothing is counted twice.
//
// The tally and the record table cover exactly the items above the mark. A write to an item at or below it
// leaves both alone (Outbox.rewrite): the batch that reaches it counts it as it is then. Every write reads the
// mark in its own transaction, and IndexedDB runs overlapping read-write transactions one after the other, so
// a write and a batch never both count the same change.
import type { OutboxDb } from './db';
import { recordRow, tallyEntry, updateTally } from './tally';
import type { OutboxItem, RecordRow } from './types';

/** Meta key: items with a seq at or below its value are not yet prepared (absent: every item is). */
export const FILL_KEY = 'recordFill';

/**
 * Items per batch: a batch's transaction (read the items, write their record rows and tally) stays short enough
 * that a capture or My learning waiting behind it is not kept long (250 took ~140 ms each in Chromium at load ~5;
 * bench/results/upgrade.json has the captures' times during the fill). At 100,000 rows and load ~6, batches of 50
 * gave captures p50/p95 22/102 ms and a 70 s fill, batches of 100 33/112 ms and 59 s: smaller gains little.
 */
export const FILL_BATCH = 100;

/** Items at or below this seq are not yet prepared; undefined when all are. Read inside the caller's transaction. */
export async function unpreparedThrough(db: OutboxDb): Promise<number | undefined> {
  return (await db.meta.get(FILL_KEY))?.value;
}

/** An item this version can place in the record and the tally; a damaged row stays outside both. */
function readable(item: OutboxItem): boolean {
  try {
    recordRow(item);
    tallyEntry(item);
    return true;
  } catch {
    return false;
  }
}

/**
 * Prepare the next batch: the newest `batch` items at or below the mark get their record rows and join the
 * tally, and the mark moves below them, in one transaction. Returns whether items are left.
 */
export function fillStep(db: OutboxDb, batch = FILL_BATCH): Promise<boolean> {
  return db.transaction('rw', db.items, db.record, db.tally, db.meta, async () => {
    const mark = await unpreparedThrough(db);
    if (mark === undefined) return false;
    const items = await db.items.where('seq').belowOrEqual(mark).reverse().limit(batch).toArray();
    const fine = items.filter(readable);
    const rows = fine.map(recordRow).filter((r): r is RecordRow => r !== undefined);
    await Promise.all([
      db.record.bulkPut(rows),
      updateTally(
        db.tally,
        fine.map((after) => ({ after })),
      ),
    ]);
    const next = items.length < batch ? 0 : items.at(-1)!.seq - 1;
    if (next > 0) await db.meta.put({ key: FILL_KEY, value: next });
    else await db.meta.delete(FILL_KEY);
    return next > 0;
  });
}

/** Yields to whatever else waits for the database between two batches. */
const aMoment = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Prepare every item left, batch after batch (`between` runs between two: the default lets other work in).
 * Resolves when none is left. A batch that fails rejects: the mark is where it was, the next call resumes.
 */
export async function fillRecord(
  db: OutboxDb,
  options: { batch?: number; between?: () => Promise<void> } = {},
): Promise<void> {
  const { batch = FILL_BATCH, between = aMoment } = options;
  while (await fillStep(db, batch)) await between();
}

/**
 * How many items are still to be prepared (0: none): the mark itself, since seqs are given one by one from 1 and
 * no item is ever removed (counting 100,000 index entries instead costs Chromium a noticeable time). A database
 * without a seq counter (db.ts v5) has them counted, until the first batch sets the mark from a real seq.
 */
export async function recordLeft(db: OutboxDb): Promise<number> {
  const mark = await unpreparedThrough(db);
  if (mark === undefined) return 0;
  return mark < Number.MAX_SAFE_INTEGER ? mark : db.items.where('seq').belowOrEqual(mark).count();
}

/**
 * An outbox that is slow to open: a database an older version left is upgraded as it opens, in one IndexedDB
 * transaction (./db.ts; at 100,000 rows, seconds for version 2 and half a minute or more for version 1:
 * bench/results/upgrade.json), and an open is held back while another page keeps an old connection. Everything
 * that reads the outbox waits for it, so the pages that show the learner's record ask first and say why instead
 * of "Loading…" for a minute.
 */
import type { Dexie } from 'dexie';

/** An open that has not finished after this long is reported as still opening (a plain open takes milliseconds). */
export const OPENING_GRACE_MS = 1000;

export const OUTBOX_OPENING_MESSAGE =
  'Trailnote is updating the storage of your record for this version. With a long record this can take a minute or two. Nothing is lost: what you capture meanwhile is kept and saved once it is done.';

/**
 * Whether the database is still opening `ms` after this call: false as soon as it is open, or when its opening
 * failed (the caller's read then fails with the reason). Starts the opening if nothing has.
 */
export async function stillOpening(db: Dexie, ms = OPENING_GRACE_MS): Promise<boolean> {
  if (db.isOpen()) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  const opened = db.open().then(
    () => false,
    () => false,
  );
  try {
    return await Promise.race([opened, late]);
  } finally {
    clearTimeout(timer);
  }
}

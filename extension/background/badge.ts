/**
 * The toolbar badge: how many items wait for the learner (held or in review), and a distinct "!" on red when
 * a destination is failing (paused for its credentials, or backing off after repeated failures), an LRS refused
 * items (quarantined, with its message) or the disk is full (new items refused).
 */
import { browser } from 'wxt/browser';
import { STORAGE_FULL_MESSAGE, type Outbox } from '../../shared/outbox';
import { getLocal, removeKeys, setLocal } from '../platform/storage';

/**
 * The full-disk status survives the worker: the outbox tells of each change, which is kept in storage.local
 * (a few bytes) and given back to a new worker's outbox before anything reads it. The next item the outbox
 * stores clears it. Writing the status can itself fail on a full disk: the outbox keeps it in memory all the
 * same (popup and badge read it there), and the write is tried again at every badge update until it is kept.
 * A worker that restarts before then finds the disk full again at its first capture (sessions waiting to be
 * queued are retried at start-up: finish.ts), which sets the status anew.
 */
export async function keepStorageStatus(outbox: Outbox, onChange: () => void): Promise<void> {
  outbox.onStorageChange = () => {
    void persistStorageStatus(outbox);
    onChange();
  };
  try {
    const since = await getLocal('storageFullSince');
    if (since !== undefined && outbox.storageFullSince === undefined) outbox.storageFullSince = since;
    if (since === outbox.storageFullSince) stored.set(outbox, since);
  } catch (err) {
    console.warn('Trailnote: could not read the storage status:', err);
  }
}

/**
 * A write outside the outbox refused for a full disk (the install id at first run: settings.ts): the same status
 * as the outbox's own refusal, told the same way (popup, badge, storage.local). The outbox's next stored item
 * clears it, as it clears its own.
 */
export function noteStorageFull(outbox: Outbox, now: number): void {
  if (outbox.storageFullSince !== undefined) return;
  outbox.storageFullSince = now;
  try {
    outbox.onStorageChange?.(true);
  } catch {
    // the status is in storageFullSince whatever the listener did with it
  }
}

/** The status last written to storage.local for each outbox (absent: not known to be written). */
const stored = new WeakMap<Outbox, number | undefined>();
let writing: Promise<void> = Promise.resolve();

/** Writes the outbox's status where it differs from what storage.local holds; one write at a time, in order. */
function persistStorageStatus(outbox: Outbox): Promise<void> {
  writing = writing.then(async () => {
    const since = outbox.storageFullSince;
    if (stored.has(outbox) && stored.get(outbox) === since) return;
    try {
      await (since !== undefined ? setLocal('storageFullSince', since) : removeKeys('storageFullSince'));
      stored.set(outbox, since);
    } catch (err) {
      stored.delete(outbox);
      console.warn(
        'Trailnote: could not keep the storage status (tried again at the next badge update):',
        err,
      );
    }
  });
  return writing;
}

export async function updateBadge(outbox: Outbox, destinationIds: readonly string[]): Promise<void> {
  void persistStorageStatus(outbox); // not awaited: a storage write that hangs must not hold the badge back
  const counts = await outbox.counts();
  const states = await outbox.destinations();
  const failing = states.find(
    (d) =>
      destinationIds.includes(d.id) && (d.status === 'paused' || (d.status === 'backoff' && d.failures >= 3)),
  );
  const waiting = counts.held + counts.review;
  const action = browser.action ?? browser.browserAction;
  const alert =
    outbox.storageFullSince !== undefined
      ? STORAGE_FULL_MESSAGE
      : failing
        ? `an LRS is not accepting statements${failing.lastError ? ` (${failing.lastError})` : ''} — open the popup for details`
        : await refusedTitle(outbox, destinationIds);
  if (alert) {
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setBadgeText({ text: '!' });
    await action.setTitle({ title: `Trailnote: ${alert}` });
  } else {
    await action.setBadgeBackgroundColor({ color: '#33691e' });
    await action.setBadgeText({ text: waiting ? String(Math.min(waiting, 99)) : '' });
    await action.setTitle({ title: waiting ? `Trailnote: ${waiting} item(s) waiting for you` : 'Trailnote' });
  }
}

/** Items an LRS refused, with its own message (index counts: the refused ones only, not the backlog). */
async function refusedTitle(outbox: Outbox, destinationIds: readonly string[]): Promise<string | undefined> {
  for (const id of destinationIds) {
    const { quarantined } = await outbox.deliveryCounts(id);
    if (quarantined === 0) continue;
    const [first] = await outbox.quarantined(id, 1);
    const message = first?.delivery.quarantine?.message ?? '';
    return `${quarantined} item(s) refused by an LRS (${message}) — open the popup to send them again`;
  }
  return undefined;
}

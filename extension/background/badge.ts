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
 * (a few bytes; best effort, since the disk is full) and given back to a new worker's outbox before anything
 * reads it. The next item the outbox stores clears it.
 */
export async function keepStorageStatus(outbox: Outbox, onChange: () => void): Promise<void> {
  outbox.onStorageChange = (full) => {
    const since = outbox.storageFullSince;
    const kept =
      full && since !== undefined ? setLocal('storageFullSince', since) : removeKeys('storageFullSince');
    void kept.catch((err: unknown) => console.warn('Trailnote: could not keep the storage status:', err));
    onChange();
  };
  const since = await getLocal('storageFullSince');
  if (since !== undefined && outbox.storageFullSince === undefined) outbox.storageFullSince = since;
}

export async function updateBadge(outbox: Outbox, destinationIds: readonly string[]): Promise<void> {
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

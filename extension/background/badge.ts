/**
 * The toolbar badge: how many items wait for the learner (held or in review), and a distinct "!" on red when
 * a destination is failing (paused for its credentials, or backing off after repeated failures) or the disk is
 * full (new items refused).
 */
import { browser } from 'wxt/browser';
import { STORAGE_FULL_MESSAGE, type Outbox } from '../../shared/outbox';

export async function updateBadge(outbox: Outbox, destinationIds: readonly string[]): Promise<void> {
  const counts = await outbox.counts();
  const states = await outbox.destinations();
  const failing = states.some(
    (d) =>
      destinationIds.includes(d.id) && (d.status === 'paused' || (d.status === 'backoff' && d.failures >= 3)),
  );
  const waiting = counts.held + counts.review;
  const action = browser.action ?? browser.browserAction;
  if (outbox.storageFullSince !== undefined) {
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setBadgeText({ text: '!' });
    await action.setTitle({ title: `Trailnote: ${STORAGE_FULL_MESSAGE}` });
  } else if (failing) {
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setBadgeText({ text: '!' });
    await action.setTitle({
      title: 'Trailnote: an LRS is not accepting statements — open the popup for details',
    });
  } else {
    await action.setBadgeBackgroundColor({ color: '#33691e' });
    await action.setBadgeText({ text: waiting ? String(Math.min(waiting, 99)) : '' });
    await action.setTitle({ title: waiting ? `Trailnote: ${waiting} item(s) waiting for you` : 'Trailnote' });
  }
}

/**
 * Sync runs: release expired holds, drain the outbox into every destination, then ask for an alarm at the
 * moment the engine or the next hold wants to run again. A fresh engine per run: it keeps no state that the
 * outbox does not already hold, so a stopped service worker loses nothing.
 */
import { browser } from 'wxt/browser';
import type { Outbox } from '../../shared/outbox';
import { SyncEngine } from '../../shared/sync';
import { updateBadge } from './badge';
import { currentActor, loadSettings, maySend, syncDestinations } from './settings';

export const SYNC_ALARM = 'trailnote-sync';
export const SYNC_AT_ALARM = 'trailnote-sync-at';

let chain: Promise<void> = Promise.resolve();

/** One sync at a time: a request during a run waits for it, then runs once more. */
export function requestSync(outbox: Outbox, now: () => number, force = false): Promise<void> {
  const run = chain.then(() => runSync(outbox, now, force));
  chain = run.catch((err: unknown) => console.error('Trailnote sync:', err));
  return run;
}

async function runSync(outbox: Outbox, now: () => number, force: boolean): Promise<void> {
  const resolved = await loadSettings();
  const destinations = syncDestinations(resolved);
  await outbox.ensureDestinations(destinations.map((d) => d.id));
  await outbox.releaseDue(
    now(),
    destinations.map((d) => d.id),
  );
  const sending = maySend(resolved);
  // Before anything is sent, items never attempted anywhere take the actor of now: captured before the learner
  // identified, they carry the pseudonym, which must not reach the organisation (POLICY.md
  // `learner.mustIdentify`; Outbox.restampActor).
  if (sending) await outbox.restampActor(await currentActor(resolved), now());
  let nextAttemptAt: number | undefined;
  if (destinations.length > 0 && sending) {
    const engine = new SyncEngine({ outbox, clock: { now } });
    nextAttemptAt = (await engine.syncAll(destinations, { force })).nextAttemptAt;
  }
  const holdExpiry = await outbox.nextHoldExpiry();
  const when = [nextAttemptAt, holdExpiry].filter((t): t is number => t !== undefined);
  if (when.length)
    await browser.alarms.create(SYNC_AT_ALARM, { when: Math.max(Math.min(...when), now() + 1000) });
  await updateBadge(
    outbox,
    destinations.map((d) => d.id),
  );
}

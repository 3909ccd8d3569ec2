/**
 * Sync runs: one shared pass (shared/sync syncPass: release expired holds, drain the outbox into every
 * destination), then an alarm at the moment the engine or the next hold wants to run again, and the badge.
 */
import { browser } from 'wxt/browser';
import type { Outbox } from '../../shared/outbox';
import { maySend, pseudonymActor, syncDestinations } from '../../shared/policy';
import { syncPass } from '../../shared/sync';
import { updateBadge } from './badge';
import { keepAlive } from './keep-alive';
import { currentActor, installId, loadSettings } from './settings';

export const SYNC_ALARM = 'trailnote-sync';
export const SYNC_AT_ALARM = 'trailnote-sync-at';

let chain: Promise<void> = Promise.resolve();

/** One sync at a time: a request during a run waits for it, then runs once more. */
export function requestSync(outbox: Outbox, now: () => number, force = false): Promise<void> {
  // A pass can be long (a version 1 backlog queued page by page, a slow LRS): the worker stays alive (keep-alive.ts).
  const run = chain.then(() => keepAlive(() => runSync(outbox, now, force)));
  chain = run.catch((err: unknown) => console.error('Trailnote sync:', err));
  return run;
}

async function runSync(outbox: Outbox, now: () => number, force: boolean): Promise<void> {
  const resolved = await loadSettings();
  const destinations = syncDestinations(resolved);
  try {
    const next = await syncPass(outbox, {
      destinations,
      actor: () => currentActor(resolved),
      pseudonym: pseudonymActor(resolved, await installId()),
      maySend: maySend(resolved),
      force,
      now,
    });
    if (next !== undefined)
      await browser.alarms.create(SYNC_AT_ALARM, { when: Math.max(next, now() + 1000) });
  } finally {
    // Also when the pass failed (a full disk refuses its writes too): the badge still tells the learner.
    await updateBadge(
      outbox,
      destinations.map((d) => d.id),
    );
  }
}

/**
 * One sync pass, as both apps run it: release expired holds, drain the outbox into every destination (items
 * never attempted take the current actor as they are claimed), and say when to run again. A fresh engine per
 * pass: it keeps no state that the outbox does not already hold, so a host stopped between passes loses nothing.
 */
import type { Outbox } from '../outbox';
import { policySchema } from '../policy';
import type { XapiAgent } from '../xapi';
import { SyncEngine, type DestinationConfig } from './engine';

/** The longest hold the policy allows; a longer one was set by a clock that has since gone back. */
const MAX_HOLD_MS = policySchema.properties.capture.properties.holdMinutes.max * 60_000;

export interface SyncPassOptions {
  destinations: readonly DestinationConfig[];
  /** The current actor; asked for only when sending is allowed. */
  actor: () => XapiAgent | Promise<XapiAgent>;
  /** The pseudonymous install account: never sent to a destination that requires identity (shared/outbox/stamp.ts). */
  pseudonym?: XapiAgent;
  /** Whether anything may be sent yet (docs/policy.md `learner.mustIdentify`). */
  maySend: boolean;
  /** Try destinations waiting out a backoff or a pause now. */
  force: boolean;
  now: () => number;
  fetch?: typeof fetch;
}

/** Runs one pass; answers when to run again (the engine's next attempt or the next hold expiry), if ever. */
export async function syncPass(outbox: Outbox, options: SyncPassOptions): Promise<number | undefined> {
  const { destinations, maySend, now } = options;
  const ids = destinations.map((d) => d.id);
  await outbox.ensureDestinations(ids, now());
  await outbox.releaseDue(now(), ids, MAX_HOLD_MS);
  let nextAttemptAt: number | undefined;
  if (maySend) {
    if (destinations.length > 0) {
      // Items never attempted anywhere take the actor of now as their batch is claimed: captured before the
      // learner identified, they carry the pseudonym, which must not reach the organisation (docs/policy.md
      // `learner.mustIdentify`; shared/outbox/stamp.ts). O(batch): nothing here walks the backlog.
      const actor = await options.actor();
      const engine = new SyncEngine({
        outbox,
        clock: { now },
        fetch: options.fetch,
        actor,
        pseudonym: options.pseudonym,
      });
      nextAttemptAt = (await engine.syncAll(destinations, { force: options.force })).nextAttemptAt;
    }
  }
  const holdExpiry = await outbox.nextHoldExpiry();
  const times = [nextAttemptAt, holdExpiry].filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

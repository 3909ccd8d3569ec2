/**
 * "Send my earlier record to <destination> (N items)" (docs/policy.md § Meaning, `destinations`): a destination
 * gets items made ready from when it was first configured; the learner may choose to send it what came before,
 * after seeing how many items that is (shared/outbox/earlier.ts decides which).
 */
import { isRecord, isNonEmptyStringUpTo } from '../../shared/guards';
import type { EarlierChoice } from '../../shared/outbox';
import { maySend, pseudonymActor, syncDestinations, type ResolvedSettings } from '../../shared/policy';
import type { EarlierRecordResult, EarlierRecordView } from '../../shared/ui/record/EarlierRecord';
import type { PageRoutesFor } from './dispatch';
import { orFailure } from './dispatch';
import type { LearnerDeps } from './learner';
import { currentActor, installId, loadSettings } from './settings';

/** What the learner would choose for destination `id` now, or why it cannot be offered. */
async function choiceFor(
  id: string,
  resolved: ResolvedSettings,
  deps: LearnerDeps,
): Promise<{ choice: EarlierChoice } | { reason: NonNullable<EarlierRecordView['reason']> }> {
  const destinations = syncDestinations(resolved);
  const destination = destinations.find((d) => d.id === id);
  if (!destination) return { reason: 'not-configured' };
  // Under `learner.mustIdentify` the earlier record goes with the learner's identity, so only once they have one.
  if (!maySend(resolved)) return { reason: 'identify-first' };
  const now = deps.now();
  // Its `since` is recorded before anything is counted (a destination added since the last sync pass).
  await deps.outbox.ensureDestinations(
    destinations.map((d) => d.id),
    now,
  );
  const actor = await currentActor(resolved);
  const withhold = destination.requiresIdentity ? pseudonymActor(resolved, await installId()) : undefined;
  return { choice: { destinationId: id, stamp: { actor, now, ...(withhold ? { withhold } : {}) } } };
}

export async function earlierRecord(id: string, deps: LearnerDeps): Promise<EarlierRecordView> {
  const found = await choiceFor(id, await loadSettings(), deps);
  if ('reason' in found) return { count: 0, reason: found.reason };
  return { count: await deps.outbox.countEarlier(found.choice) };
}

export async function sendEarlierRecord(id: string, deps: LearnerDeps): Promise<EarlierRecordResult> {
  const found = await choiceFor(id, await loadSettings(), deps);
  if ('reason' in found) {
    return {
      ok: false,
      error:
        found.reason === 'identify-first'
          ? 'Your organisation requires you to identify yourself before anything is sent.'
          : 'This destination is no longer configured.',
    };
  }
  const queued = await deps.outbox.queueEarlier(found.choice);
  if (queued > 0) void deps.sync().catch(() => undefined);
  return { ok: true, queued };
}

/** A destination id as the options page sends it (ids are short: policy ids or `mine-xxxxxxxx`). */
function parseId(raw: Record<string, unknown>): { id: string } | undefined {
  return isRecord(raw) && isNonEmptyStringUpTo(raw.id, 200) ? { id: raw.id } : undefined;
}

export const earlierRoutes: PageRoutesFor<'earlier/count' | 'earlier/send', LearnerDeps> = {
  'earlier/count': { parse: parseId, handle: ({ id }, deps) => earlierRecord(id, deps) },
  'earlier/send': {
    parse: parseId,
    handle: ({ id }, deps) => orFailure(() => sendEarlierRecord(id, deps)),
  },
};

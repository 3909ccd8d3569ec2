/**
 * Ended sessions become outbox items, exactly once. Order: the session is stored as `finishing` (sessions.ts),
 * its item is built under the statement id fixed when the session started, enqueued (idempotent: the same id
 * twice is one item), and only then is the session removed. A worker stopped anywhere in between leaves the
 * session `finishing`, and `retryFinishing` (at start-up and on the sync alarm) completes it; a step that
 * throws (a builder) leaves it for the next try, up to MAX_FINISH_ATTEMPTS, after which it is logged and kept
 * with its error in `captureProblems` — never dropped silently. A full disk waits for space, however long.
 */
import { isPaused } from '../../shared/learner/pause';
import { syncDestinations } from '../../shared/policy';
import { isQuotaError, STORAGE_FULL_MESSAGE, type Outbox } from '../../shared/outbox';
import { storedPause } from '../platform/pause';
import { getLocal, setLocal, type CaptureProblem } from '../platform/storage';
import { finaliseSession, type FinaliseContext } from './finalise';
import { finishingSessions, removeSession, saveFinishing, type Session } from './sessions';
import { currentActor, loadSettings } from './settings';

export interface FinishDeps {
  outbox: Outbox;
  now: () => number;
  version: string;
  /** Called after items were queued (to schedule a sync). */
  onQueued: () => Promise<void>;
  /** Builds a session's item (finalise.ts); replaceable so a test can make this step fail. */
  finalise?: typeof finaliseSession;
}

export const MAX_FINISH_ATTEMPTS = 5;
/** Problems kept at most (each holds its whole session). */
const MAX_PROBLEMS = 20;

const inFlight = new Map<string, Promise<void>>();

/** Turn ended sessions into items. Never rejects: failures stay with the session for a retry. */
export async function completeFinishing(ended: Session[], deps: FinishDeps): Promise<void> {
  await Promise.all(
    ended.map((s) => {
      let run = inFlight.get(s.statementId);
      if (!run) {
        run = complete(s, deps).finally(() => inFlight.delete(s.statementId));
        inFlight.set(s.statementId, run);
      }
      return run;
    }),
  );
}

/** Complete every session whose finalisation did not (worker start, sync alarm). */
export async function retryFinishing(deps: FinishDeps): Promise<void> {
  await completeFinishing(await finishingSessions(), deps);
}

async function complete(s: Session, deps: FinishDeps): Promise<void> {
  const finishing = s.finishing ?? { at: deps.now(), attempts: 0 };
  let queued = false;
  try {
    const resolved = await loadSettings();
    const pausedUntil = await storedPause();
    // Paused or switched off when it ended: nothing from it is kept.
    const kept = resolved.settings.capture.enabled && !isPaused(pausedUntil, finishing.at);
    const ctx: FinaliseContext = {
      settings: resolved.settings,
      actor: await currentActor(resolved, { outbox: deps.outbox, now: deps.now() }),
      now: finishing.at,
      version: deps.version,
    };
    const item = kept ? (deps.finalise ?? finaliseSession)(s, ctx) : undefined;
    if (item) {
      // Held from now, not from when it ended: a retry after a restart still gives the learner the hold.
      const holdUntil = item.holdUntil === undefined ? undefined : item.holdUntil - finishing.at + deps.now();
      await deps.outbox.enqueue(
        { ...item, holdUntil },
        deps.now(),
        syncDestinations(resolved).map((d) => d.id),
      );
      queued = true;
    }
    await removeSession(s);
  } catch (err) {
    await failed(s, finishing, err, deps.now());
  }
  if (queued) await deps.onQueued().catch((err: unknown) => console.error('Trailnote sync:', err));
}

async function failed(
  s: Session,
  finishing: NonNullable<Session['finishing']>,
  err: unknown,
  now: number,
): Promise<void> {
  const error = err instanceof Error ? err.message : String(err);
  // A full disk is not the session's fault: it waits, with the message the popup and badge show, for space to
  // be freed (the outbox keeps that status across workers: badge.ts), and is never set aside for it.
  const full = isQuotaError(err);
  const attempts = full ? finishing.attempts : finishing.attempts + 1;
  const lastError = full ? STORAGE_FULL_MESSAGE : error;
  const next = { ...s, finishing: { ...finishing, attempts, lastError } } as Session;
  try {
    if (full || attempts < MAX_FINISH_ATTEMPTS) {
      console.warn(`Trailnote capture: a finished session could not be queued yet (try ${attempts}):`, err);
      await saveFinishing(next);
      return;
    }
    console.error(
      `Trailnote capture: a finished ${s.kind} session (${s.tabUrl}) failed ${attempts} times and is set aside in captureProblems:`,
      err,
    );
    const problems: CaptureProblem[] = (await getLocal('captureProblems')) ?? [];
    await setLocal('captureProblems', [...problems, { at: now, error, session: next }].slice(-MAX_PROBLEMS));
    await removeSession(next);
  } catch (storeErr) {
    // Storage refuses even this: the session stays as stored and is retried at the next start or alarm.
    console.error('Trailnote capture: could not record the failure:', storeErr);
  }
}

/**
 * The extension's pause store: storage.local `pausedUntil` in the one stored form (shared/learner/pause.ts: the
 * rule for "until tomorrow", "until resumed", the upgrade of older forms). Capture (background/capture.ts), the
 * finish step and the popup read it.
 */
import { pausedUntilAfter, readPausedUntil, type PauseRequest } from '../../shared/learner/pause';
import { getLocal, removeKeys, setLocal } from './storage';

/** The stored pause in the one form (an older "resumed" 0 reads as none). */
export async function storedPause(): Promise<number | undefined> {
  return readPausedUntil(await getLocal('pausedUntil'));
}

/** Pause or resume capture at `now`; returns the pause now in force (undefined: capturing). */
export async function setPause(request: PauseRequest, now: number): Promise<number | undefined> {
  const pausedUntil = pausedUntilAfter(request, now);
  if (pausedUntil === undefined) await removeKeys('pausedUntil');
  else await setLocal('pausedUntil', pausedUntil);
  return pausedUntil;
}

/**
 * Pausing capture, once for both apps (docs/policy.md § Learner controls; the popup, the tray): for an hour, until
 * tomorrow, or until resumed, and the one stored form of a pause.
 *
 * "Until tomorrow" means the next 06:00 local time: pausing in the evening lasts the night, and pausing at 1 am ends
 * at 6 am that morning rather than a day later (the next midnight, the desktop's old rule, would end a pause made at
 * 23:50 ten minutes later).
 *
 * Stored form: `pausedUntil`, a wall time in ms; absent when capturing; "until resumed" is PAUSED_UNTIL_RESUMED, the
 * latest instant a Date can hold, so every "now < pausedUntil" check (shared/policy captureDecision) needs no
 * special case. readPausedUntil upgrades the forms earlier versions stored.
 */

/** How long to pause capture: an hour, until tomorrow 06:00 local time, or until the learner resumes. */
export type PauseChoice = 'hour' | 'tomorrow' | 'resumed';

/** What a pause control asks for: a pause, or to resume capture. */
export type PauseRequest = PauseChoice | 'resume';

const PAUSE_CHOICES: readonly unknown[] = ['hour', 'tomorrow', 'resumed'] satisfies PauseChoice[];

/** The one check of a pause choice a page or window sent (the extension's popup, the desktop's settings window). */
export function isPauseChoice(value: unknown): value is PauseChoice {
  return PAUSE_CHOICES.includes(value);
}

/** A pause choice, or "resume". */
export function isPauseRequest(value: unknown): value is PauseRequest {
  return value === 'resume' || isPauseChoice(value);
}

/** `pausedUntil` for "until resumed": the latest instant a Date can hold (a valid Date, far past any real pause). */
export const PAUSED_UNTIL_RESUMED = 8_640_000_000_000_000;

const HOUR = 3_600_000;
const DAY = 86_400_000;
const TOMORROW_HOUR = 6;

/** Minutes to add to local time to get UTC at an instant (Date#getTimezoneOffset's convention). */
export type OffsetAt = (at: number) => number;
const localOffset: OffsetAt = (at) => new Date(at).getTimezoneOffset();

/** When a pause chosen at `now` ends. */
export function pauseUntil(choice: PauseChoice, now: number, offsetAt: OffsetAt = localOffset): number {
  switch (choice) {
    case 'hour':
      return now + HOUR;
    case 'resumed':
      return PAUSED_UNTIL_RESUMED;
    case 'tomorrow': {
      const local = now - offsetAt(now) * 60_000;
      let target = Math.floor(local / DAY) * DAY + TOMORROW_HOUR * HOUR;
      if (target <= local) target += DAY;
      const guess = target + offsetAt(now) * 60_000;
      return target + offsetAt(guess) * 60_000; // the offset at 06:00 (a DST change overnight)
    }
  }
}

/** The stored value after a pause control: `undefined` (capturing) for "resume". */
export function pausedUntilAfter(
  request: PauseRequest,
  now: number,
  offsetAt: OffsetAt = localOffset,
): number | undefined {
  return request === 'resume' ? undefined : pauseUntil(request, now, offsetAt);
}

/**
 * A stored pause read back, in the one form. Earlier versions stored "until resumed" as `null` (the desktop's
 * settings file) or as a larger number (Number.MAX_SAFE_INTEGER, the desktop's media watcher); the extension stored
 * "resumed" as 0. Anything not a positive instant means capturing.
 */
export function readPausedUntil(stored: unknown): number | undefined {
  if (stored === null) return PAUSED_UNTIL_RESUMED;
  if (typeof stored !== 'number' || Number.isNaN(stored) || stored <= 0) return undefined;
  return Math.min(stored, PAUSED_UNTIL_RESUMED);
}

/** Whether capture is paused at `now`. */
export function isPaused(pausedUntil: number | undefined, now: number): boolean {
  return pausedUntil !== undefined && now < pausedUntil;
}

/** Whether the pause lasts until the learner resumes (the views say so instead of a date). */
export function isUntilResumed(pausedUntil: number | undefined): boolean {
  return pausedUntil !== undefined && pausedUntil >= PAUSED_UNTIL_RESUMED;
}

/** The pause the views show: the stored one while in force, else none. */
export function pauseInForce(pausedUntil: number | undefined, now: number): number | undefined {
  return isPaused(pausedUntil, now) ? pausedUntil : undefined;
}

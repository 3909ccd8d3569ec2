/**
 * Pausing capture (issue 4, popup): for an hour, until tomorrow, or until resumed. "Until tomorrow" means the
 * next 06:00 local time: pausing in the evening lasts the night, and pausing at 1 am ends at 6 am that morning
 * rather than a day later (local midnight would end a pause made at 23:30 after half an hour).
 * The instant is stored in storage.local `pausedUntil`; capture (background/capture.ts) and the popup read it.
 */
import type { PauseChoice } from './messages';

/** `pausedUntil` for "until resumed": the largest instant a Date can hold. */
export const PAUSED_UNTIL_RESUMED = 8_640_000_000_000_000;

const TOMORROW_HOUR = 6;

/** Minutes to add to local time to get UTC at an instant (Date#getTimezoneOffset's convention). */
type OffsetAt = (at: number) => number;
const localOffset: OffsetAt = (at) => new Date(at).getTimezoneOffset();

export function pauseUntil(choice: PauseChoice, now: number, offsetAt: OffsetAt = localOffset): number {
  switch (choice) {
    case 'hour':
      return now + 3_600_000;
    case 'resumed':
      return PAUSED_UNTIL_RESUMED;
    case 'tomorrow': {
      const DAY = 86_400_000;
      const local = now - offsetAt(now) * 60_000;
      let target = Math.floor(local / DAY) * DAY + TOMORROW_HOUR * 3_600_000;
      if (target <= local) target += DAY;
      const guess = target + offsetAt(now) * 60_000;
      return target + offsetAt(guess) * 60_000; // the offset at 06:00 (a DST change overnight)
    }
  }
}

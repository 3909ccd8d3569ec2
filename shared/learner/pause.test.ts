import { describe, expect, it } from 'vitest';
import {
  PAUSED_UNTIL_RESUMED,
  isPauseChoice,
  isPauseRequest,
  isPaused,
  isUntilResumed,
  pauseInForce,
  pauseUntil,
  pausedUntilAfter,
  readPausedUntil,
} from './pause';

const utc = () => 0;
const plus2 = () => -120;
/** Berlin in 2025: CET (UTC+1), CEST (UTC+2) from 30 March 01:00 UTC to 26 October 01:00 UTC. */
const berlin = (at: number) => (at >= Date.UTC(2025, 2, 30, 1) && at < Date.UTC(2025, 9, 26, 1) ? -120 : -60);

describe('pauseUntil', () => {
  it('pauses for an hour or until resumed', () => {
    expect(pauseUntil('hour', 1_000, utc)).toBe(3_601_000);
    expect(pauseUntil('resumed', 1_000, utc)).toBe(PAUSED_UNTIL_RESUMED);
    expect(new Date(PAUSED_UNTIL_RESUMED).getTime()).toBe(PAUSED_UNTIL_RESUMED); // a valid Date
  });

  // The rule both apps now follow: the next 06:00 local time (the desktop used to end it at midnight).
  it('"until tomorrow" ends at the next 06:00 local time', () => {
    // 23:50: the night, not ten minutes.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 23, 50), utc)).toBe(Date.UTC(2025, 2, 4, 6));
    // 02:00: that morning at 06:00, not a day later.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 2), utc)).toBe(Date.UTC(2025, 2, 3, 6));
    // 06:00 exactly: the next day's.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 6), utc)).toBe(Date.UTC(2025, 2, 4, 6));
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 5, 59, 59, 999), utc)).toBe(Date.UTC(2025, 2, 3, 6));
    // 23:00 UTC is 01:00 local at UTC+2: 06:00 local that morning is 04:00 UTC.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 23), plus2)).toBe(Date.UTC(2025, 2, 4, 4));
  });

  it('"until tomorrow" is 06:00 on the clock across a DST change', () => {
    // 29 March 23:50 CET (22:50 UTC); the clocks go forward at 02:00: 06:00 CEST is 04:00 UTC.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 29, 22, 50), berlin)).toBe(Date.UTC(2025, 2, 30, 4));
    // 25 October 23:50 CEST (21:50 UTC); the clocks go back at 03:00: 06:00 CET is 05:00 UTC.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 9, 25, 21, 50), berlin)).toBe(Date.UTC(2025, 9, 26, 5));
    // 01:30 CET on the spring day itself, before the change: 06:00 CEST that morning.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 30, 0, 30), berlin)).toBe(Date.UTC(2025, 2, 30, 4));
  });

  it('"resume" clears the pause', () => {
    expect(pausedUntilAfter('resume', 1_000, utc)).toBeUndefined();
    expect(pausedUntilAfter('hour', 1_000, utc)).toBe(3_601_000);
  });
});

describe('readPausedUntil: one stored form', () => {
  it('keeps the current form', () => {
    expect(readPausedUntil(undefined)).toBeUndefined();
    expect(readPausedUntil(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(readPausedUntil(PAUSED_UNTIL_RESUMED)).toBe(PAUSED_UNTIL_RESUMED);
  });

  it('upgrades every older form', () => {
    // The desktop's settings file: null meant "until resumed".
    expect(readPausedUntil(null)).toBe(PAUSED_UNTIL_RESUMED);
    // The desktop's media watcher was handed Number.MAX_SAFE_INTEGER for it.
    expect(readPausedUntil(Number.MAX_SAFE_INTEGER)).toBe(PAUSED_UNTIL_RESUMED);
    // The extension wrote 0 on "resume".
    expect(readPausedUntil(0)).toBeUndefined();
    // Anything else is no pause: capture is never stopped by a damaged value.
    for (const bad of [Number.NaN, -5, '1700000000000', {}, true])
      expect(readPausedUntil(bad)).toBeUndefined();
  });

  it('says whether a pause is in force and whether it waits for the learner', () => {
    expect(isPaused(undefined, 5)).toBe(false);
    expect(isPaused(10, 5)).toBe(true);
    expect(isPaused(10, 10)).toBe(false);
    expect(pauseInForce(10, 11)).toBeUndefined();
    expect(isUntilResumed(readPausedUntil(null))).toBe(true);
    expect(isUntilResumed(pauseUntil('tomorrow', 0, utc))).toBe(false);
  });
});

describe('pause payloads', () => {
  it('accepts the choices (and "resume" as a request), nothing else', () => {
    for (const choice of ['hour', 'tomorrow', 'resumed']) expect(isPauseChoice(choice)).toBe(true);
    expect(isPauseChoice('resume')).toBe(false);
    expect(isPauseRequest('resume')).toBe(true);
    for (const bad of ['forever', '', 'HOUR', 1, null, undefined, { until: 'hour' }]) {
      expect(isPauseChoice(bad)).toBe(false);
      expect(isPauseRequest(bad)).toBe(false);
    }
  });
});

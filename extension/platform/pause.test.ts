import { describe, expect, it } from 'vitest';
import { PAUSED_UNTIL_RESUMED, pauseUntil } from './pause';

const utc = () => 0;
const plus2 = () => -120;

describe('pauseUntil', () => {
  it('pauses for an hour or until resumed', () => {
    expect(pauseUntil('hour', 1_000, utc)).toBe(3_601_000);
    expect(pauseUntil('resumed', 1_000, utc)).toBe(PAUSED_UNTIL_RESUMED);
    expect(new Date(PAUSED_UNTIL_RESUMED).getTime()).toBe(PAUSED_UNTIL_RESUMED); // a valid Date
  });

  it('pauses until the next 06:00 local time', () => {
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 20), utc)).toBe(Date.UTC(2025, 2, 4, 6));
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 1), utc)).toBe(Date.UTC(2025, 2, 3, 6));
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 6), utc)).toBe(Date.UTC(2025, 2, 4, 6));
    // 23:00 UTC is 01:00 local at UTC+2: 06:00 local that morning is 04:00 UTC.
    expect(pauseUntil('tomorrow', Date.UTC(2025, 2, 3, 23), plus2)).toBe(Date.UTC(2025, 2, 4, 4));
  });
});

import { describe, expect, it } from 'vitest';
import { dayStart, timePerSkillPerWeek, UNTAGGED, weekStart, type OffsetAt } from './time';

const utc: OffsetAt = () => 0;
/** UTC+2 (e.g. Paris in summer): local = UTC + 2 h, so getTimezoneOffset() is -120. */
const plus2: OffsetAt = () => -120;
/** A DST change: UTC+1 before 2025-03-30 01:00 UTC, UTC+2 after (Europe/Paris). */
const paris: OffsetAt = (at) => (at < Date.UTC(2025, 2, 30, 1) ? -60 : -120);

const writing = { id: 'https://s.example/writing', name: 'Writing' };
const listening = { id: 'https://s.example/listening', name: 'Listening' };
const H = 3600;

describe('weeks and days', () => {
  it('starts weeks on Monday 00:00 local time', () => {
    // Wednesday 2025-03-05 10:00 UTC.
    const wed = Date.UTC(2025, 2, 5, 10);
    expect(weekStart(wed, utc)).toBe(Date.UTC(2025, 2, 3));
    // Sunday 23:30 UTC is already Monday 01:30 at UTC+2: a new week there.
    const sundayLate = Date.UTC(2025, 2, 9, 23, 30);
    expect(weekStart(sundayLate, utc)).toBe(Date.UTC(2025, 2, 3));
    expect(weekStart(sundayLate, plus2)).toBe(Date.UTC(2025, 2, 9, 22));
    expect(dayStart(sundayLate, plus2)).toBe(Date.UTC(2025, 2, 9, 22));
  });

  it('keeps local midnight across a DST change', () => {
    // Monday 2025-03-31 (after the change): its week starts Monday 00:00 local = Sunday 22:00 UTC.
    expect(weekStart(Date.UTC(2025, 2, 31, 12), paris)).toBe(Date.UTC(2025, 2, 30, 22));
    // Sunday 2025-03-30 12:00 UTC (after the change that morning) belongs to the week of Monday 2025-03-24,
    // which began under UTC+1: 23:00 UTC the Sunday before.
    expect(weekStart(Date.UTC(2025, 2, 30, 12), paris)).toBe(Date.UTC(2025, 2, 23, 23));
  });
});

describe('timePerSkillPerWeek', () => {
  it('splits an item’s time equally between its skills, so the totals add up to the time spent', () => {
    const result = timePerSkillPerWeek(
      [
        { at: Date.UTC(2025, 2, 3, 9), seconds: 1.5 * H, skills: [writing, listening, writing] },
        { at: Date.UTC(2025, 2, 4, 9), seconds: H, skills: [writing] },
        { at: Date.UTC(2025, 2, 5, 9), seconds: 0.5 * H, skills: [] },
        { at: Date.UTC(2025, 2, 5, 10), skills: [listening] }, // no duration: counted, adds no time
      ],
      utc,
    );
    expect(result.totalSeconds).toBe(3 * H);
    expect(result.skills).toEqual([
      { id: writing.id, name: 'Writing', seconds: 1.75 * H, items: 2 },
      { id: listening.id, name: 'Listening', seconds: 0.75 * H, items: 2 },
      { id: UNTAGGED, name: '', seconds: 0.5 * H, items: 1 },
    ]);
    expect(result.skills.reduce((sum, s) => sum + s.seconds, 0)).toBe(result.totalSeconds);
    expect(result.weeks).toEqual([
      {
        start: Date.UTC(2025, 2, 3),
        seconds: { [writing.id]: 1.75 * H, [listening.id]: 0.75 * H, [UNTAGGED]: 0.5 * H },
        total: 3 * H,
      },
    ]);
  });

  it('lists every week from the first to the last, empty ones as zeros', () => {
    const result = timePerSkillPerWeek(
      [
        { at: Date.UTC(2025, 2, 20), seconds: 60, skills: [writing] },
        { at: Date.UTC(2025, 2, 3), seconds: 120, skills: [writing] },
      ],
      utc,
    );
    expect(result.weeks.map((w) => [new Date(w.start).toISOString().slice(0, 10), w.total])).toEqual([
      ['2025-03-03', 120],
      ['2025-03-10', 0],
      ['2025-03-17', 60],
    ]);
  });

  it('ignores negative, infinite and missing durations', () => {
    const result = timePerSkillPerWeek(
      [
        { at: 0, seconds: -5, skills: [writing] },
        { at: 0, seconds: Number.POSITIVE_INFINITY, skills: [writing] },
      ],
      utc,
    );
    expect(result.totalSeconds).toBe(0);
    expect(result.skills).toEqual([{ id: writing.id, name: 'Writing', seconds: 0, items: 2 }]);
  });

  it('is empty for no items', () => {
    expect(timePerSkillPerWeek([], utc)).toEqual({ weeks: [], skills: [], totalSeconds: 0 });
  });
});

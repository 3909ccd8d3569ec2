// Time per skill per week, for "My learning". Pure: items and the time zone come in, numbers go out.
//
// How time is attributed: an item's duration (its statement's `result.duration`, docs/xapi-profile.md § What is
// captured) is split equally between its skills, so the totals per skill add up to the time actually spent
// and a 30-minute article tagged with three skills counts 10 minutes for each, not 90 minutes in all. Items
// without skills count under `UNTAGGED`. Items without a duration (logged by hand, "capture this page") add
// nothing to the time but are still counted as items.

export interface TimedItem {
  /** When the experience happened (ms). */
  at: number;
  /** Seconds spent; undefined when unknown. */
  seconds?: number;
  skills: ReadonlyArray<{ id: string; name: string }>;
}

/** The bucket for time on items without skills. */
export const UNTAGGED = '';

export interface SkillTotal {
  id: string;
  name: string;
  seconds: number;
  /** Items that carry the skill (each counted once, whatever its share of time). */
  items: number;
}

export interface WeekTotals {
  /** Monday 00:00 local time of the week (ms). */
  start: number;
  /** Seconds per skill id. */
  seconds: Record<string, number>;
  total: number;
}

export interface TimePerSkill {
  /** Weeks from the first to the last item's, with none missing (empty weeks are zeros), oldest first. */
  weeks: WeekTotals[];
  /** Skills by descending time, UNTAGGED last. */
  skills: SkillTotal[];
  totalSeconds: number;
}

/** Minutes to add to local time to get UTC at an instant (Date#getTimezoneOffset's convention). */
export type OffsetAt = (at: number) => number;

const DAY = 86_400_000;
const localOffset: OffsetAt = (at) => new Date(at).getTimezoneOffset();

/** The UTC instant of a local wall-clock time (ms since the epoch as if local were UTC). */
function fromLocal(local: number, offsetAt: OffsetAt, near: number): number {
  const guess = local + offsetAt(near) * 60_000;
  // The offset there may differ from the one near `near` (a DST change in between).
  return local + offsetAt(guess) * 60_000;
}

const localDayOf = (at: number, offsetAt: OffsetAt) => Math.floor((at - offsetAt(at) * 60_000) / DAY);

/** Local midnight starting the day of `at`. */
export function dayStart(at: number, offsetAt: OffsetAt = localOffset): number {
  return fromLocal(localDayOf(at, offsetAt) * DAY, offsetAt, at);
}

/** Monday 00:00 local time of the week of `at` (ISO 8601 weeks start on Monday). */
export function weekStart(at: number, offsetAt: OffsetAt = localOffset): number {
  const day = localDayOf(at, offsetAt);
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return fromLocal((day - weekday) * DAY, offsetAt, at);
}

/** The next week's start after `start` (7 local days later, DST-safe). */
function nextWeek(start: number, offsetAt: OffsetAt): number {
  return weekStart(start + 7 * DAY + DAY / 2, offsetAt);
}

export function timePerSkillPerWeek(
  items: readonly TimedItem[],
  offsetAt: OffsetAt = localOffset,
): TimePerSkill {
  const skills = new Map<string, SkillTotal>();
  const byWeek = new Map<number, WeekTotals>();
  let totalSeconds = 0;
  for (const item of items) {
    const seconds =
      item.seconds !== undefined && Number.isFinite(item.seconds) && item.seconds > 0 ? item.seconds : 0;
    const distinct = [...new Map(item.skills.map((s) => [s.id, s])).values()];
    const buckets = distinct.length > 0 ? distinct : [{ id: UNTAGGED, name: '' }];
    const share = seconds / buckets.length;
    const start = weekStart(item.at, offsetAt);
    let week = byWeek.get(start);
    if (!week) byWeek.set(start, (week = { start, seconds: {}, total: 0 }));
    for (const skill of buckets) {
      const total = skills.get(skill.id) ?? { id: skill.id, name: skill.name, seconds: 0, items: 0 };
      total.seconds += share;
      total.items += 1;
      skills.set(skill.id, total);
      week.seconds[skill.id] = (week.seconds[skill.id] ?? 0) + share;
    }
    week.total += seconds;
    totalSeconds += seconds;
  }
  return { weeks: fillWeeks(byWeek, offsetAt), skills: sortSkills(skills.values()), totalSeconds };
}

/** The weeks from the first to the last, with none missing (empty weeks are zeros), oldest first. */
export function fillWeeks(
  byWeek: ReadonlyMap<number, WeekTotals>,
  offsetAt: OffsetAt = localOffset,
): WeekTotals[] {
  const weeks: WeekTotals[] = [];
  const starts = [...byWeek.keys()].sort((a, b) => a - b);
  if (starts.length > 0) {
    const last = starts[starts.length - 1]!;
    for (let s = starts[0]!; s <= last; s = nextWeek(s, offsetAt)) {
      weeks.push(byWeek.get(s) ?? { start: s, seconds: {}, total: 0 });
    }
  }
  return weeks;
}

/** Skills by descending time, UNTAGGED last. */
export function sortSkills(skills: Iterable<SkillTotal>): SkillTotal[] {
  return [...skills].sort((a, b) =>
    a.id === UNTAGGED ? 1 : b.id === UNTAGGED ? -1 : b.seconds - a.seconds || a.name.localeCompare(b.name),
  );
}

// The learner's record in running totals (issue 11 point 2): per kind and local week, the items and their time,
// and per skill within them. The outbox keeps them up to date in the same transaction as every write that
// changes an item (shared/outbox/tally.ts), so the skills chart and My learning's filter menus never need the
// whole record. The attribution rules are timePerSkillPerWeek's (./time.ts): an item's time is split equally
// between its distinct skills, items without skills count under UNTAGGED. Pure.
import {
  fillWeeks,
  sortSkills,
  UNTAGGED,
  weekStart,
  type OffsetAt,
  type SkillTotal,
  type TimePerSkill,
  type WeekTotals,
} from './time';

export interface TallySkill {
  id: string;
  name: string;
  items: number;
  /** Time in whole milliseconds: adding an item and taking it away again always gives back the same sums. */
  ms: number;
}

/** One kind's items in one local week (a row of the outbox's `tally` table, keyed `[kind+week]`). */
export interface WeekTally {
  kind: string;
  /** Monday 00:00 local time (./time.ts weekStart). */
  week: number;
  items: number;
  ms: number;
  skills: TallySkill[];
}

/** What one item of the learner's record brings to the tally. */
export interface TallyEntry {
  kind: string;
  /** When the experience happened (ms). */
  at: number;
  seconds?: number;
  skills: ReadonlyArray<{ id: string; name: string }>;
}

export const tallyKey = (kind: string, week: number): [string, number] => [kind, week];

export function emptyTally(kind: string, week: number): WeekTally {
  return { kind, week, items: 0, ms: 0, skills: [] };
}

/** The week an entry counts in. */
export function tallyWeek(entry: TallyEntry, offsetAt?: OffsetAt): number {
  return weekStart(entry.at, offsetAt);
}

/**
 * Add (`sign` 1) or take away (-1) one item, in place. A skill left with no item is dropped, so a row equals
 * what a count from scratch gives; the caller drops a row left with no item.
 */
export function applyToTally(row: WeekTally, entry: TallyEntry, sign: 1 | -1): void {
  const seconds =
    entry.seconds !== undefined && Number.isFinite(entry.seconds) && entry.seconds > 0 ? entry.seconds : 0;
  const distinct = [...new Map(entry.skills.map((s) => [s.id, s])).values()];
  const buckets = distinct.length > 0 ? distinct : [{ id: UNTAGGED, name: '' }];
  const share = Math.round((seconds * 1000) / buckets.length);
  row.items += sign;
  row.ms += sign * Math.round(seconds * 1000);
  for (const skill of buckets) {
    let cell = row.skills.find((s) => s.id === skill.id);
    if (!cell) row.skills.push((cell = { id: skill.id, name: skill.name, items: 0, ms: 0 }));
    if (sign > 0) cell.name = skill.name;
    cell.items += sign;
    cell.ms += sign * share;
  }
  row.skills = row.skills.filter((s) => s.items > 0);
}

/** What the chart and the counts follow: kind, skill and dates (weeks that overlap them). */
export interface TallyFilter {
  kind?: string;
  skill?: string;
  /** Inclusive start and exclusive end (ms). */
  from?: number;
  before?: number;
}

/**
 * Time per skill per week from the tally (the same figures as timePerSkillPerWeek over the items), with the
 * number of items. A skill filter keeps that skill's row only; dates keep the weeks that overlap them.
 */
export function tallyChart(
  rows: readonly WeekTally[],
  filter: TallyFilter = {},
  offsetAt?: OffsetAt,
): TimePerSkill & { items: number } {
  const skills = new Map<string, SkillTotal>();
  const byWeek = new Map<number, WeekTotals>();
  const firstWeek = filter.from === undefined ? undefined : weekStart(filter.from, offsetAt);
  let totalSeconds = 0;
  let items = 0;
  for (const row of rows) {
    if (filter.kind && row.kind !== filter.kind) continue;
    if (firstWeek !== undefined && row.week < firstWeek) continue;
    if (filter.before !== undefined && row.week >= filter.before) continue;
    const cells = filter.skill ? row.skills.filter((s) => s.id === filter.skill) : row.skills;
    if (cells.length === 0) continue;
    let week = byWeek.get(row.week);
    if (!week) byWeek.set(row.week, (week = { start: row.week, seconds: {}, total: 0 }));
    for (const cell of cells) {
      const total = skills.get(cell.id) ?? { id: cell.id, name: cell.name, seconds: 0, items: 0 };
      total.seconds += cell.ms / 1000;
      total.items += cell.items;
      skills.set(cell.id, total);
      week.seconds[cell.id] = (week.seconds[cell.id] ?? 0) + cell.ms / 1000;
    }
    const seconds = filter.skill ? cells[0]!.ms / 1000 : row.ms / 1000;
    week.total += seconds;
    totalSeconds += seconds;
    items += filter.skill ? cells[0]!.items : row.items;
  }
  return { weeks: fillWeeks(byWeek, offsetAt), skills: sortSkills(skills.values()), totalSeconds, items };
}

/** The kinds and skills present (skills by name), for the filter menus. */
export function tallyFacets(rows: readonly WeekTally[]): {
  kinds: string[];
  skills: Array<{ id: string; name: string }>;
} {
  const kinds = new Set<string>();
  const skills = new Map<string, string>();
  for (const row of rows) {
    if (row.items > 0) kinds.add(row.kind);
    for (const s of row.skills) if (s.id !== UNTAGGED && !skills.has(s.id)) skills.set(s.id, s.name);
  }
  return {
    kinds: [...kinds].sort(),
    skills: [...skills.entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A tally row as another process sent it (the desktop's outbox window): the shape, nothing coerced. */
export function isWeekTally(v: unknown): v is WeekTally {
  if (typeof v !== 'object' || v === null) return false;
  const row = v as Partial<Record<keyof WeekTally, unknown>>;
  return (
    typeof row.kind === 'string' &&
    typeof row.week === 'number' &&
    Number.isFinite(row.week) &&
    isCount(row.items) &&
    isCount(row.ms) &&
    Array.isArray(row.skills) &&
    row.skills.every((s: unknown) => {
      if (typeof s !== 'object' || s === null) return false;
      const c = s as Partial<Record<keyof TallySkill, unknown>>;
      return typeof c.id === 'string' && typeof c.name === 'string' && isCount(c.items) && isCount(c.ms);
    })
  );
}

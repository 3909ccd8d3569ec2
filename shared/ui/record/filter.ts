// Which items My learning shows: pure functions over the record, so the page and its tests agree.
import { dayStart } from '../../insights';
import type { RecordItemView, RecordStatus } from '../../record';

export interface RecordFilter {
  /** An item kind, or '' for any. */
  kind: string;
  /** A skill id, or '' for any. */
  skill: string;
  /** Local dates `YYYY-MM-DD` (as `<input type=date>` gives them), inclusive; '' for open. */
  from: string;
  to: string;
  /** '' shows everything but deleted items (they are gone from the learner's view unless asked for). */
  status: RecordStatus | '';
}

export const NO_FILTER: RecordFilter = { kind: '', skill: '', from: '', to: '', status: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Local midnight of a `YYYY-MM-DD` date, or undefined when it is not one. */
export function localDate(date: string, plusDays = 0): number | undefined {
  if (!DATE.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + plusDays).getTime();
  return Number.isNaN(at) ? undefined : at;
}

export function filterRecord(items: readonly RecordItemView[], f: RecordFilter): RecordItemView[] {
  const from = localDate(f.from);
  const before = localDate(f.to, 1);
  return items.filter(
    (i) =>
      (f.status === '' ? i.status !== 'voided' : i.status === f.status) &&
      (f.kind === '' || i.kind === f.kind) &&
      (f.skill === '' || i.skills.some((s) => s.id === f.skill)) &&
      (from === undefined || i.at >= from) &&
      (before === undefined || i.at < before),
  );
}

/** Items grouped by local day, newest day first, each day's items newest first. */
export function groupByDay(
  items: readonly RecordItemView[],
): Array<{ day: number; items: RecordItemView[] }> {
  const days = new Map<number, RecordItemView[]>();
  for (const item of [...items].sort((a, b) => b.at - a.at)) {
    const day = dayStart(item.at);
    const list = days.get(day);
    if (list) list.push(item);
    else days.set(day, [item]);
  }
  return [...days.entries()].map(([day, list]) => ({ day, items: list }));
}

/** The kinds and skills present, for the filter menus (skills by name). */
export function facets(items: readonly RecordItemView[]) {
  const kinds = [...new Set(items.map((i) => i.kind))].sort();
  const skills = new Map<string, string>();
  for (const i of items) for (const s of i.skills) if (!skills.has(s.id)) skills.set(s.id, s.name);
  return {
    kinds,
    skills: [...skills.entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

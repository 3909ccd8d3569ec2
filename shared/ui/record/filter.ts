// My learning's filters: what the learner chose, as the query the app answers (shared/record/query.ts), and the
// timeline's days. Pure, so the page and its tests agree.
import { dayStart } from '../../insights';
import type { RecordItemView, RecordQuery, RecordStatus } from '../../record';

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

/** The query the app answers for a filter (shared/record/query.ts): dates as local days, empty fields left out. */
export function queryOf(f: RecordFilter): RecordQuery {
  const from = localDate(f.from);
  const before = localDate(f.to, 1);
  return {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.skill ? { skill: f.skill } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
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

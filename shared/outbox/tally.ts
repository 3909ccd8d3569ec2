// The record's indexes and running totals (issue 11 point 2), kept by every write that changes an item, in its
// own transaction, so My learning reads pages and summaries and never the whole record:
// - the `record` table: a row per item of the learner's record (./types.ts RecordRow: when the experience
//   happened, its kind, `[skill id, at, seq]` per skill), the timeline's order and its filters' indexes (db.ts).
//   Items outside the record (follow-up statements, discarded items) have none.
// - the `tally` table: per kind and local week, items and time per skill (shared/insights/tally.ts), for the
//   skills chart and the filter menus. Deleted (voided) items leave it, as they leave the chart.
// Both cover the items "prepared" so far: after a database an older version left is opened, older items are
// prepared in small batches, newest first (./fill.ts); until then their writes leave both alone.
import type { Table } from 'dexie';
import { applyToTally, emptyTally, tallyWeek, type TallyEntry, type WeekTally } from '../insights/tally';
import { parseIsoDuration, type XapiStatement } from '../xapi';
import type { OutboxItem, RecordRow, SkillKey } from './types';

/** Follow-up statements (docs/xapi-profile.md § Reflections) are shown on their original, never on their own. */
export const FOLLOW_UP_KINDS: ReadonlySet<string> = new Set(['comment', 'void']);

/** Whether an item is part of the learner's record (My learning shows it, deleted ones on request). */
export const inRecord = (i: OutboxItem): boolean =>
  i.state !== 'discarded' && !FOLLOW_UP_KINDS.has(i.meta.kind);

function statementOf(item: OutboxItem): XapiStatement | undefined {
  try {
    return JSON.parse(item.json) as XapiStatement;
  } catch {
    return undefined;
  }
}

/** When the experience happened: the statement's timestamp, else when it was captured. */
export function experienceAt(item: OutboxItem, statement = statementOf(item)): number {
  const at = statement?.timestamp ? Date.parse(statement.timestamp) : NaN;
  return Number.isFinite(at) ? at : item.createdAt;
}

/**
 * The item's row in the record table, or undefined when it is not in the record (or is too damaged to place:
 * its seq is the row's key).
 */
export function recordRow(item: OutboxItem): RecordRow | undefined {
  if (!Number.isSafeInteger(item.seq) || !inRecord(item)) return undefined;
  const at = experienceAt(item);
  const ids = [...new Set((item.meta.skills ?? []).map((s) => s.id))];
  return {
    seq: item.seq,
    id: item.id,
    at,
    kind: item.meta.kind,
    skillKeys: ids.map((id): SkillKey => [id, at, item.seq]),
  };
}

/** What the item brings to the tally; undefined when it counts for nothing (outside the record, deleted). */
export function tallyEntry(item: OutboxItem | undefined): TallyEntry | undefined {
  if (!item || !inRecord(item) || item.meta.deleted) return undefined;
  const statement = statementOf(item);
  const duration = statement?.result?.duration;
  return {
    kind: item.meta.kind,
    at: experienceAt(item, statement),
    seconds: typeof duration === 'string' ? parseIsoDuration(duration) : undefined,
    skills: item.meta.skills ?? [],
  };
}

/** An item's change: before (absent: new) and after (absent: gone). */
export interface ItemChange {
  before?: OutboxItem;
  after?: OutboxItem;
}

interface Delta {
  entry: TallyEntry;
  week: number;
  sign: 1 | -1;
}

function deltas(changes: readonly ItemChange[]): Delta[] {
  const out: Delta[] = [];
  for (const { before, after } of changes) {
    const was = tallyEntry(before);
    const is = tallyEntry(after);
    if (was) out.push({ entry: was, week: tallyWeek(was), sign: -1 });
    if (is) out.push({ entry: is, week: tallyWeek(is), sign: 1 });
  }
  return out;
}

/** The tally rows these changes touch, by key text (what to read before `applyChanges`). */
export function tallyKeys(changes: readonly ItemChange[]): Array<[string, number]> {
  const keys = new Map<string, [string, number]>();
  for (const d of deltas(changes)) keys.set(`${d.week}|${d.entry.kind}`, [d.entry.kind, d.week]);
  return [...keys.values()];
}

/**
 * Apply the changes to the tally rows read for them (`tallyKeys` or more; undefined where none yet) and write
 * the rows they touch back: rows left with no item are deleted. Call inside the write's own transaction.
 */
export async function writeTally(
  table: Table<WeekTally, [string, number]>,
  changes: readonly ItemChange[],
  current: ReadonlyArray<WeekTally | undefined>,
): Promise<void> {
  const list = deltas(changes);
  if (list.length === 0) return;
  const rows = new Map<string, WeekTally>();
  for (const row of current) if (row) rows.set(`${row.week}|${row.kind}`, row);
  const touched = new Map<string, WeekTally>();
  for (const d of list) {
    const key = `${d.week}|${d.entry.kind}`;
    const row = rows.get(key) ?? emptyTally(d.entry.kind, d.week);
    rows.set(key, row);
    touched.set(key, row);
    applyToTally(row, d.entry, d.sign);
  }
  const keep = [...touched.values()].filter((r) => r.items > 0);
  const gone = [...touched.values()]
    .filter((r) => r.items <= 0)
    .map((r): [string, number] => [r.kind, r.week]);
  await Promise.all([table.bulkPut(keep), table.bulkDelete(gone)]);
}

/** Read the rows the changes touch and write them back changed (one read, one write). */
export async function updateTally(
  table: Table<WeekTally, [string, number]>,
  changes: readonly ItemChange[],
): Promise<void> {
  const keys = tallyKeys(changes);
  if (keys.length === 0) return;
  await writeTally(table, changes, await table.bulkGet(keys));
}

/** Adds one item to tally rows counted from scratch (tests seeding an outbox; the tests' oracle is elsewhere). */
export function addToTally(rows: Map<string, WeekTally>, item: OutboxItem): void {
  const entry = tallyEntry(item);
  if (!entry) return;
  const week = tallyWeek(entry);
  const key = `${week}|${entry.kind}`;
  let row = rows.get(key);
  if (!row) rows.set(key, (row = emptyTally(entry.kind, week)));
  applyToTally(row, entry, 1);
}

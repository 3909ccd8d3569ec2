// My learning's timeline at any size (issue 11 point 2): a filter asks for the newest matching page, read by
// walking one of the record table's indexes newest first (shared/outbox/tally.ts: by when it happened, by kind,
// by skill), testing each item and stopping when the page is full; the next page starts where it stopped. A walk
// reads at most SCAN_BUDGET items per request, so a filter that matches little answers in bounded time with
// what it found and where to look further back. While the items a database an older version left are still
// being prepared (shared/outbox/fill.ts), a page covers those prepared and says how many are left. Pure: it
// reads an Outbox and nothing else.
import { Dexie, type Collection } from 'dexie';
import { isPlainRecord } from '../guards';
import { MAX_SKILL_ID_LENGTH } from '../learner/limits';
import type { WithheldFacts } from '../learner/withheld';
import { OUTBOX_OPENING_MESSAGE, type Outbox, type OutboxItem, type RecordRow } from '../outbox';
import { RECORD_STATUSES, recordViews, type RecordItemView, type RecordStatus } from './view';

/** What the learner filters by; every field optional. Dates in ms: `from` inclusive, `before` exclusive. */
export interface RecordQuery {
  kind?: string;
  skill?: string;
  from?: number;
  before?: number;
  /** Absent: everything but deleted items (they are gone from the learner's view unless asked for). */
  status?: RecordStatus;
}

/** Where a page stopped: the last item it read, by when it happened and its seq. */
export interface RecordCursor {
  at: number;
  seq: number;
}

export interface RecordPage {
  items: RecordItemView[];
  /** Absent: nothing older matches. */
  next?: RecordCursor;
  /** Items not yet prepared (shared/outbox/fill.ts): the page and the tally leave them out. Absent: none. */
  preparing?: number;
  /**
   * The outbox is still opening (an older version's upgrade, shared/outbox/opening.ts): this message, and no items
   * yet. Absent: open.
   */
  opening?: string;
}

/**
 * What My learning is given in both apps while the outbox is still opening (shared/outbox/opening.ts): the message,
 * and nothing beside it until it is open.
 */
export function openingRecordView(opening: string) {
  return {
    items: [],
    tally: [],
    opening,
    destinations: [],
    allowCustomSkills: false,
    customSkillBaseIri: '',
    frameworksStamp: '',
  };
}

/**
 * A page of the timeline: what My learning draws at first and adds with each "Show older items". More than a
 * screen, and few enough that drawing them stays well under a second (bench/scale: drawing the cards is most of
 * the time).
 */
export const RECORD_PAGE = 50;

/**
 * Items read at most to answer one request: a status filter reads each candidate's deliveries, about a second per
 * thousand on a busy machine (bench/scale filter_status_ms).
 */
export const SCAN_BUDGET = 1_000;
const CHUNK = 200;

type Key = Array<string | number>;

/** The index to walk and its key prefix: skill narrows most, then kind, else every item by time. */
function indexFor(query: RecordQuery): { index: string; prefix: Key } {
  if (query.skill) return { index: 'skillKeys', prefix: [query.skill] };
  if (query.kind) return { index: '[kind+at+seq]', prefix: [query.kind] };
  return { index: '[at+seq]', prefix: [] };
}

/** What can be told from the item alone (status apart from deliveries). */
function itemMatches(item: OutboxItem, query: RecordQuery): boolean {
  if (query.kind && item.meta.kind !== query.kind) return false;
  if (query.skill && !(item.meta.skills ?? []).some((s) => s.id === query.skill)) return false;
  const deleted = item.meta.deleted !== undefined && item.state === 'ready';
  switch (query.status) {
    case undefined:
      return !deleted;
    case 'voided':
      return deleted;
    case 'review':
      return item.state === 'review';
    case 'waiting':
      return item.state === 'held' || (item.state === 'ready' && !deleted);
    default:
      return item.state === 'ready' && !deleted;
  }
}

function walk(outbox: Outbox, query: RecordQuery, after: RecordCursor | undefined): Collection<RecordRow> {
  const { index, prefix } = indexFor(query);
  const lower: Key = [...prefix, query.from ?? -Infinity];
  // An array key shorter than another with its prefix sorts before it: [p, before] excludes every [p, before, seq].
  const upper: Key | undefined = after
    ? [...prefix, after.at, after.seq]
    : query.before !== undefined
      ? [...prefix, query.before]
      : undefined;
  const table = outbox.db.record.where(index);
  return (
    upper
      ? table.between(lower, upper, true, false)
      : table.between(lower, [...prefix, Dexie.maxKey], true, true)
  ).reverse();
}

/**
 * The newest `limit` items matching the query, older than `after` when given, newest first (by when they
 * happened), with where the next page starts. `withheld`: the facts that say which destinations requiring identity
 * an item is kept from (shared/learner/withheld.ts).
 */
export async function queryRecord(
  outbox: Outbox,
  configured: readonly string[],
  query: RecordQuery,
  limit: number,
  options: { after?: RecordCursor; budget?: number; withheld?: WithheldFacts } = {},
): Promise<RecordPage> {
  const { budget = SCAN_BUDGET, withheld } = options;
  if (await outbox.stillOpening()) return { items: [], opening: OUTBOX_OPENING_MESSAGE };
  const left = await outbox.recordLeft();
  const page = (p: RecordPage): RecordPage => (left > 0 ? { ...p, preparing: left } : p);
  const items: RecordItemView[] = [];
  let cursor = options.after;
  for (let scanned = 0; scanned < budget;) {
    // A page's worth first (an index that narrows exactly fills it in one read), then larger reads.
    const size = scanned === 0 ? Math.min(limit, CHUNK) : CHUNK;
    const chunk = await walk(outbox, query, cursor).limit(size).toArray();
    scanned += chunk.length;
    const found = await outbox.db.items.bulkGet(chunk.map((r) => r.id));
    const candidates = chunk.flatMap((row, n) => {
      const item = found[n];
      return item && itemMatches(item, query) ? [{ row, item }] : [];
    });
    const views = await recordViews(
      outbox,
      configured,
      candidates.map((c) => c.item),
      withheld,
    );
    for (const [n, view] of views.entries()) {
      if (query.status !== undefined && view.status !== query.status) continue;
      items.push(view);
      if (items.length === limit) {
        const { row } = candidates[n]!;
        return page({ items, next: { at: row.at, seq: row.seq } });
      }
    }
    if (chunk.length < size) return page({ items });
    const last = chunk.at(-1)!;
    cursor = { at: last.at, seq: last.seq };
  }
  return page({ items, next: cursor });
}

// Checks at the boundaries (the extension's messages, the desktop's IPC): nothing coerced.

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
const QUERY_KEYS = new Set(['kind', 'skill', 'from', 'before', 'status']);

/** A query as a page sent it, or undefined when anything in it is not one. */
export function parseRecordQuery(v: unknown): RecordQuery | undefined {
  if (!isPlainRecord(v) || Object.keys(v).some((k) => !QUERY_KEYS.has(k))) return undefined;
  const { kind, skill, from, before, status } = v;
  if (kind !== undefined && !isText(kind, 100)) return undefined;
  if (skill !== undefined && !isText(skill, MAX_SKILL_ID_LENGTH)) return undefined;
  if (from !== undefined && !isTime(from)) return undefined;
  if (before !== undefined && !isTime(before)) return undefined;
  if (status !== undefined && !(RECORD_STATUSES as readonly unknown[]).includes(status)) return undefined;
  return {
    ...(kind !== undefined ? { kind } : {}),
    ...(skill !== undefined ? { skill } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(status !== undefined ? { status: status as RecordStatus } : {}),
  };
}

export function isRecordCursor(v: unknown): v is RecordCursor {
  return (
    isPlainRecord(v) &&
    Object.keys(v).length === 2 &&
    isTime(v.at) &&
    typeof v.seq === 'number' &&
    Number.isSafeInteger(v.seq) &&
    v.seq > 0
  );
}

/**
 * The page side of the old-database check (test/e2e/old-database.chromium.test.ts, bench/upgrade.bench.ts):
 * bundled with esbuild and run in a real Chromium page, so the outbox meets a database that version 1 or 2 left
 * in Chromium's own IndexedDB. Each old database is written the way that version wrote it: Dexie declaring only
 * that version's schema (shared/outbox/db.ts keeps every schema), with rows of that version's shape.
 */
import { Dexie } from 'dexie';
import type { WeekTally } from '../../../shared/insights/tally';
import { Outbox, OutboxDb, type NewItem, type OutboxItem } from '../../../shared/outbox';
import { addToTally, recordRow } from '../../../shared/outbox/tally';
import { queryRecord } from '../../../shared/record/query';

export const DEST = 'lrs';
/** Of every 20 rows: 2 held, 1 in review, 1 discarded, 16 ready (of which, in v2, 1 in 4 already sent). */
const STATE_CYCLE = 20;
const CHUNK = 10_000;
const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const HOLD_UNTIL = NOW + 7 * 86_400_000; // still held when the new version opens the database

export type OldState = 'held' | 'review' | 'ready' | 'discarded';
/** The versions before the record table (v5): each wrote its rows in its own way. */
export type OldVersion = 1 | 2 | 3 | 4;

export const uuid = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function stateOf(i: number): OldState {
  const k = i % STATE_CYCLE;
  return k < 2 ? 'held' : k === 2 ? 'review' : k === 3 ? 'discarded' : 'ready';
}
/** v2 and v3: a quarter of the ready rows had already reached the LRS. */
const sentInV2 = (i: number): boolean => stateOf(i) === 'ready' && i % 4 === 0;

/** The statement an article captured as row `i` carries (v1 kept it as an object, v2 as its JSON text). */
function statement(i: number): Record<string, unknown> {
  return {
    id: uuid(i),
    actor: {
      objectType: 'Agent',
      account: { homePage: 'https://trailnote.app/xapi', name: 'old-database-learner' },
    },
    verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
    object: {
      objectType: 'Activity',
      id: `https://articles.example/post/${i}`,
      definition: { type: 'http://activitystrea.ms/schema/1.0/article', name: { en: `Article ${i}` } },
    },
    result: { duration: `PT${(i % 50) + 1}M`, completion: true },
    timestamp: new Date(NOW - (STATE_CYCLE * 10_000_000 - i) * 60_000).toISOString(),
  };
}

function baseRow(i: number): Record<string, unknown> {
  const state = stateOf(i);
  const row: Record<string, unknown> = {
    id: uuid(i),
    seq: i + 1,
    state,
    createdAt: NOW - 1_000_000 + i,
    meta: { kind: 'article', title: `Article ${i}`, url: `https://articles.example/post/${i}` },
  };
  if (state === 'held') row.holdUntil = HOLD_UNTIL;
  return row;
}

async function inChunks(n: number, write: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < n; from += CHUNK) await write(from, Math.min(n, from + CHUNK));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** Version 1: one global queue, the statement as an object, no deliveries. */
async function writeV1(name: string, n: number): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores({ items: 'id, seq, state, [state+holdUntil]', meta: 'key' });
  await inChunks(n, (from, to) =>
    db.table('items').bulkAdd(range(from, to).map((i) => ({ ...baseRow(i), statement: statement(i) }))),
  );
  await db.table('meta').put({ key: 'seq', value: n });
  db.close();
}

const V4_ITEMS = 'id, &seq, state, [state+holdUntil], [state+seq], [at+seq], [meta.kind+at+seq], *skillKeys';

/**
 * Version 2: the statement frozen as JSON, a delivery per ready row for the one destination, its state.
 * Version 3 stored the same rows and only added the index `[state+seq]`; version 4 (as released) the record's
 * keys on each row of the record, with their indexes, and the running totals.
 */
async function writeV2(name: string, n: number, version: 2 | 3 | 4): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores({
    items:
      version === 4 ? V4_ITEMS : `id, &seq, state, [state+holdUntil]${version === 3 ? ', [state+seq]' : ''}`,
    deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
    destinations: 'id',
    meta: 'key',
    ...(version === 4 ? { tally: '[kind+week]' } : {}),
  });
  const tally = new Map<string, WeekTally>();
  await inChunks(n, async (from, to) => {
    const rows = range(from, to).map((i): Record<string, unknown> => ({
      ...baseRow(i),
      json: JSON.stringify(statement(i)),
    }));
    for (const r of rows) if (r.state === 'ready') r.readyAt = r.createdAt;
    if (version === 4) {
      for (const r of rows) {
        const keys = recordRow(r as unknown as OutboxItem);
        if (keys) Object.assign(r, { at: keys.at, skillKeys: keys.skillKeys });
        addToTally(tally, r as unknown as OutboxItem);
      }
    }
    await db.table('items').bulkAdd(rows);
    await db.table('deliveries').bulkAdd(
      range(from, to)
        .filter((i) => stateOf(i) === 'ready')
        .map((i) =>
          sentInV2(i)
            ? {
                destinationId: DEST,
                seq: i + 1,
                itemId: uuid(i),
                state: 'sent',
                attempts: 1,
                sentAt: NOW - 1,
              }
            : { destinationId: DEST, seq: i + 1, itemId: uuid(i), state: 'pending', attempts: 0 },
        ),
    );
  });
  if (version === 4) await db.table('tally').bulkPut([...tally.values()]);
  await db.table('destinations').put({ id: DEST, status: 'active', failures: 0, nextAttemptAt: 0 });
  await db.table('meta').put({ key: 'seq', value: n });
  db.close();
}

export interface UpgradeReport {
  /** The schema version today's outbox declares last, and the version the old database has after opening. */
  newest: number;
  opened: number;
  /**
   * Opening (Dexie's upgrade to the newest version), then preparing the record after it (shared/outbox/fill.ts:
   * the record table and tally, in batches), then the first sync pass's ensureDestinations (v1: its backlog).
   */
  openMs: number;
  fillMs: number;
  ensureMs: number;
  /** Just after opening: items still to prepare, and rows already in the record table (none: nothing built). */
  leftAtOpen: number;
  recordAtOpen: number;
  /** My learning's first page asked while the fill runs: its items and how many it said were left. */
  duringFill: { items: number; preparing: number | undefined; ms: number };
  /**
   * After the fill: what differs from a count from scratch over every item (record rows, tally), at most 5, and
   * My learning's first page: its ids against the newest items of the record, and whether it still says "preparing".
   */
  recordWrong: string[];
  firstPage: { ids: string[]; expected: string[]; preparing: number | undefined; ms: number };
  items: number;
  byState: Record<string, number>;
  /** Rows whose statement or fields did not come through as expected (ids listed, at most 5). */
  wrong: string[];
  deliveries: { pending: number; sent: number; quarantined: number };
  /** Ready rows with no pending-or-sent delivery, or with more than one, for the destination. */
  undelivered: number;
  duplicated: number;
  expected: { byState: Record<string, number>; pending: number; sent: number };
  /** After: a new capture enqueued (its seq) and the first claim (seqs), with their times. */
  enqueuedSeq: number | undefined;
  enqueueMs: number;
  /** Captures made one after another (100 ms apart) while the fill runs: each one's time, in ms. */
  enqueueDuringFillMs: number[];
  claimedSeqs: number[];
  claimMs: number;
}

/** What the upgraded database must hold: computed from the same rule that wrote it. */
function expected(n: number, version: OldVersion): UpgradeReport['expected'] {
  const byState: Record<string, number> = {};
  let pending = 0;
  let sent = 0;
  for (let i = 0; i < n; i++) {
    const s = stateOf(i);
    byState[s] = (byState[s] ?? 0) + 1;
    if (s !== 'ready') continue;
    if (version > 1 && sentInV2(i)) sent += 1;
    else pending += 1;
  }
  return { byState, pending, sent };
}

/** Open the old database with today's outbox, run what the first sync pass runs, and check every row. */
async function upgrade(name: string, n: number, version: OldVersion): Promise<UpgradeReport> {
  const fresh = new OutboxDb(`${name}-fresh`);
  await fresh.open();
  const newest = fresh.verno;
  fresh.close();
  await Dexie.delete(`${name}-fresh`);

  const outbox = Outbox.open(name);
  const t0 = performance.now();
  await outbox.db.open();
  const openMs = performance.now() - t0;
  const [leftAtOpen, recordAtOpen] = await Promise.all([outbox.recordLeft(), outbox.db.record.count()]);
  // The record is prepared after opening, as the apps do (extension/background/keep-alive.ts, the desktop outbox
  // window); a capture and My learning's first page meanwhile do not wait for it.
  const tf = performance.now();
  let filled = false;
  const filling = outbox.prepareRecord().then(() => {
    filled = true;
    return performance.now() - tf;
  });
  const captures: string[] = [];
  const capture = async (): Promise<number> => {
    const t = performance.now();
    const [id] = await outbox.enqueue(newCapture(), Date.now(), [DEST]);
    if (id) captures.push(id);
    return performance.now() - t;
  };
  const enqueueMs = await capture();
  const added = captures[0];
  const tq = performance.now();
  const early = await queryRecord(outbox, [DEST], {}, 50);
  const duringFill = { items: early.items.length, preparing: early.preparing, ms: performance.now() - tq };
  const enqueueDuringFillMs: number[] = [];
  while (!filled && enqueueDuringFillMs.length < 200) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!filled) enqueueDuringFillMs.push(await capture());
  }
  const fillMs = await filling;
  const t1 = performance.now();
  await outbox.ensureDestinations([DEST], NOW);
  const ensureMs = performance.now() - t1;

  const captured = new Set(captures);
  const rows = (await outbox.db.items.toArray()).filter((r) => !captured.has(r.id));
  const byState: Record<string, number> = {};
  const wrong: string[] = [];
  const seqOf = new Map<string, number>();
  for (const r of rows) {
    byState[r.state] = (byState[r.state] ?? 0) + 1;
    const i = Number.parseInt(r.id.slice(-12), 16);
    seqOf.set(r.id, r.seq);
    const ok =
      r.id === uuid(i) &&
      r.seq === i + 1 &&
      r.state === stateOf(i) &&
      r.json === JSON.stringify(statement(i)) &&
      !('statement' in r) &&
      (r.state !== 'ready' || r.readyAt === r.createdAt) &&
      (r.state !== 'held' || r.holdUntil === HOLD_UNTIL);
    if (!ok && wrong.length < 5) wrong.push(r.id);
  }
  const deliveries = { pending: 0, sent: 0, quarantined: 0 };
  const perItem = new Map<string, number>();
  await outbox.db.deliveries
    .where('[destinationId+seq]')
    .between([DEST, 0], [DEST, n], true, true) // the old rows' (the capture made since has seq n + 1)
    .each((d) => {
      // An old database holds no `queued` row (it came with the sent-through mark): one would fail the check.
      deliveries[d.state as keyof typeof deliveries] += 1;
      perItem.set(d.itemId, (perItem.get(d.itemId) ?? 0) + 1);
      if (seqOf.get(d.itemId) !== d.seq && wrong.length < 5) wrong.push(`delivery ${d.itemId}`);
    });
  let undelivered = 0;
  let duplicated = 0;
  for (const r of rows) {
    if (r.state !== 'ready') continue;
    const k = perItem.get(r.id) ?? 0;
    if (k === 0) undelivered += 1;
    if (k > 1) duplicated += 1;
  }

  const enqueuedSeq = added === undefined ? undefined : (await outbox.get(added))?.seq;
  const { recordWrong, firstPage } = await checkRecord(outbox, captures);
  const t3 = performance.now();
  const claimed = await outbox.claim(DEST, 5);
  const claimMs = performance.now() - t3;
  outbox.close();
  return {
    newest,
    opened: outbox.db.verno,
    openMs,
    fillMs,
    ensureMs,
    leftAtOpen,
    recordAtOpen,
    duringFill,
    recordWrong,
    firstPage,
    items: rows.length,
    byState,
    wrong,
    deliveries,
    undelivered,
    duplicated,
    expected: expected(n, version),
    enqueuedSeq,
    enqueueMs,
    enqueueDuringFillMs,
    claimedSeqs: claimed.map((c) => c.delivery.seq),
    claimMs,
  };
}

/** The record table and tally against a count from scratch over every item; My learning's first page. */
async function checkRecord(outbox: Outbox, captures: readonly string[]) {
  const items = await outbox.db.items.orderBy('seq').toArray();
  const recordWrong: string[] = [];
  const expectedRows = items.flatMap((i) => recordRow(i) ?? []);
  const rows = await outbox.db.record.toArray();
  if (rows.length !== expectedRows.length)
    recordWrong.push(`record rows ${rows.length} ≠ ${expectedRows.length}`);
  for (const [k, row] of rows.entries()) {
    if (JSON.stringify(row) !== JSON.stringify(expectedRows[k]) && recordWrong.length < 5)
      recordWrong.push(`record row ${row.seq}`);
  }
  const scratch = new Map<string, WeekTally>();
  for (const item of items) addToTally(scratch, item);
  const key = (r: WeekTally) => `${r.week}|${r.kind}`;
  const tally = new Map((await outbox.tally()).map((r) => [key(r), r]));
  if (tally.size !== scratch.size) recordWrong.push(`tally rows ${tally.size} ≠ ${scratch.size}`);
  for (const [k, row] of scratch) {
    const got = tally.get(k);
    const same = (r: WeekTally | undefined) =>
      r && JSON.stringify({ ...r, skills: [...r.skills].sort((a, b) => a.id.localeCompare(b.id)) });
    if (same(got) !== same(row) && recordWrong.length < 5) recordWrong.push(`tally ${k}`);
  }
  const t0 = performance.now();
  const page = await queryRecord(outbox, [DEST], {}, 50);
  const ms = performance.now() - t0;
  // Newest first by when it happened: the captures just made, then the newest rows not discarded nor deleted.
  const captured = new Set(captures);
  const newest = [
    ...[...captures].reverse(),
    ...expectedRows
      .filter((r) => !captured.has(r.id))
      .sort((a, b) => b.at - a.at || b.seq - a.seq)
      .map((r) => r.id),
  ].slice(0, 50);
  return {
    recordWrong,
    firstPage: {
      ids: page.items.map((i) => i.id),
      expected: newest,
      preparing: page.preparing,
      ms,
    },
  };
}

function newCapture(): NewItem {
  const id = crypto.randomUUID();
  return { id, json: JSON.stringify({ id }), meta: { kind: 'article', title: 'Read after the upgrade' } };
}

const api = {
  /** Write an old database of `n` rows; returns how long that took (setup, not measured against anything). */
  async write(name: string, n: number, version: OldVersion): Promise<number> {
    const t0 = performance.now();
    await (version === 1 ? writeV1(name, n) : writeV2(name, n, version));
    return performance.now() - t0;
  },
  upgrade,
  /**
   * A version 3 database whose upgrade waits (another page keeps a connection to it open and does not let go, as a
   * long upgrade keeps the apps waiting): My learning's page says so within about a second, and reads the record
   * once the connection goes. Returns what the page said meanwhile and after, and how long the first answer took.
   */
  async whileOpening(name: string, n: number) {
    await writeV2(name, n, 3);
    const held = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
    });
    const outbox = Outbox.open(name);
    const t0 = performance.now();
    const during = await queryRecord(outbox, [DEST], {}, 50);
    const answerMs = performance.now() - t0;
    held.close();
    await outbox.prepareRecord();
    const after = await queryRecord(outbox, [DEST], {}, 50);
    outbox.close();
    return {
      during: { items: during.items.length, opening: during.opening },
      answerMs,
      after: { items: after.items.length, opening: after.opening },
    };
  },
  async remove(name: string): Promise<void> {
    await Dexie.delete(name);
  },
};

export type OldDatabasePage = typeof api;
(globalThis as unknown as { oldDatabase: OldDatabasePage }).oldDatabase = api;

/**
 * The page side of the old-database check (test/e2e/old-database.chromium.test.ts, bench/upgrade.bench.ts):
 * bundled with esbuild and run in a real Chromium page, so the outbox meets a database that version 1 or 2 left
 * in Chromium's own IndexedDB. Each old database is written the way that version wrote it: Dexie declaring only
 * that version's schema (shared/outbox/db.ts keeps every schema), with rows of that version's shape.
 */
import { Dexie } from 'dexie';
import { Outbox, OutboxDb, type NewItem } from '../../../shared/outbox';

export const DEST = 'lrs';
/** Of every 20 rows: 2 held, 1 in review, 1 discarded, 16 ready (of which, in v2, 1 in 4 already sent). */
const STATE_CYCLE = 20;
const CHUNK = 10_000;
const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const HOLD_UNTIL = NOW + 7 * 86_400_000; // still held when the new version opens the database

export type OldState = 'held' | 'review' | 'ready' | 'discarded';
/** The versions before My learning's keys (v4): each wrote its rows in its own way. */
export type OldVersion = 1 | 2 | 3;

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

/**
 * Version 2: the statement frozen as JSON, a delivery per ready row for the one destination, its state.
 * Version 3 stored the same rows and only added the index `[state+seq]`.
 */
async function writeV2(name: string, n: number, version: 2 | 3): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores({
    items: `id, &seq, state, [state+holdUntil]${version === 3 ? ', [state+seq]' : ''}`,
    deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
    destinations: 'id',
    meta: 'key',
  });
  await inChunks(n, async (from, to) => {
    const rows = range(from, to).map((i): Record<string, unknown> => ({
      ...baseRow(i),
      json: JSON.stringify(statement(i)),
    }));
    for (const r of rows) if (r.state === 'ready') r.readyAt = r.createdAt;
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
  await db.table('destinations').put({ id: DEST, status: 'active', failures: 0, nextAttemptAt: 0 });
  await db.table('meta').put({ key: 'seq', value: n });
  db.close();
}

export interface UpgradeReport {
  /** The schema version today's outbox declares last, and the version the old database has after opening. */
  newest: number;
  opened: number;
  /** Opening (Dexie's upgrade of every row), then the first sync pass's ensureDestinations (v1: its backlog). */
  openMs: number;
  ensureMs: number;
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
  const t1 = performance.now();
  await outbox.ensureDestinations([DEST], NOW);
  const ensureMs = performance.now() - t1;

  const rows = await outbox.db.items.toArray();
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
    .between([DEST, 0], [DEST, Infinity])
    .each((d) => {
      deliveries[d.state] += 1;
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

  const t2 = performance.now();
  const [added] = await outbox.enqueue(newCapture(), Date.now(), [DEST]);
  const enqueueMs = performance.now() - t2;
  const enqueuedSeq = added === undefined ? undefined : (await outbox.get(added))?.seq;
  const t3 = performance.now();
  const claimed = await outbox.claim(DEST, 5);
  const claimMs = performance.now() - t3;
  outbox.close();
  return {
    newest,
    opened: outbox.db.verno,
    openMs,
    ensureMs,
    items: rows.length,
    byState,
    wrong,
    deliveries,
    undelivered,
    duplicated,
    expected: expected(n, version),
    enqueuedSeq,
    enqueueMs,
    claimedSeqs: claimed.map((c) => c.delivery.seq),
    claimMs,
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
  async remove(name: string): Promise<void> {
    await Dexie.delete(name);
  },
};

export type OldDatabasePage = typeof api;
(globalThis as unknown as { oldDatabase: OldDatabasePage }).oldDatabase = api;

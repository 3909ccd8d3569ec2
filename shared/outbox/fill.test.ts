// A database an older version left opens at once and its record is prepared after opening (./fill.ts; db.ts v5):
// every row kept, the record table and the tally filled newest first in batches, resumed after a stop, and in the
// end exactly what a count from scratch gives. The seeded sequence of writes interleaved with the fill is in
// shared/record/tally.test.ts.
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { WeekTally } from '../insights/tally';
import { OutboxDb, V1_BACKLOG_KEY } from './db';
import { FILL_KEY, fillStep } from './fill';
import { Outbox } from './outbox';
import { addToTally, recordRow } from './tally';
import type { OutboxItem } from './types';

const skill = (i: number) => ({ id: `https://skills.example/${i}`, name: `Skill ${i}` });
const V3_STORES = {
  items: 'id, &seq, state, [state+holdUntil], [state+seq]',
  deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
  destinations: 'id',
  meta: 'key',
};

/** Rows as version 3 stored them (no record keys, no tally): every state, follow-ups, deleted items. */
function v3Rows(n = 60): OutboxItem[] {
  return Array.from({ length: n }, (_, k) => {
    const id = `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
    const at = Date.parse('2025-01-01T12:00:00Z') + k * 86_400_000;
    return {
      id,
      seq: k + 1,
      state: k % 9 === 0 ? 'discarded' : k % 5 === 0 ? 'review' : 'ready',
      createdAt: at,
      json:
        k % 9 === 0
          ? ''
          : JSON.stringify({ id, timestamp: new Date(at).toISOString(), result: { duration: `PT${k}M` } }),
      meta: {
        kind: k % 7 === 0 ? 'comment' : k % 2 ? 'article' : 'video',
        title: `Item ${k}`,
        skills: k % 3 === 0 ? [] : [skill(k % 4), skill((k + 1) % 4)],
        ...(k % 11 === 0 ? { deleted: { at, voidId: 'v' } } : {}),
      },
    };
  });
}

async function writeV3(name: string, rows: OutboxItem[]): Promise<void> {
  const old = new Dexie(name);
  old.version(3).stores(V3_STORES);
  await old.table('items').bulkAdd(rows);
  await old.table('meta').put({ key: 'seq', value: rows.length });
  old.close();
}

/** The tally counted from scratch over the items, in the table's order. */
function fromScratch(items: readonly OutboxItem[]): WeekTally[] {
  const rows = new Map<string, WeekTally>();
  for (const item of items) addToTally(rows, item);
  return sortTally([...rows.values()]);
}

const sortTally = (rows: WeekTally[]) =>
  rows
    .map((r) => ({ ...r, skills: [...r.skills].sort((a, b) => a.id.localeCompare(b.id)) }))
    .sort((a, b) => a.week - b.week || a.kind.localeCompare(b.kind));

async function expectPrepared(ob: Outbox): Promise<void> {
  const items = await ob.list();
  expect(await ob.recordLeft()).toBe(0);
  expect(await ob.db.meta.get(FILL_KEY)).toBeUndefined();
  expect(await ob.db.record.toArray()).toEqual(items.flatMap((i) => recordRow(i) ?? []));
  expect(sortTally(await ob.tally())).toEqual(fromScratch(items));
}

describe('outbox schema v5: the record prepared after opening', () => {
  it('opens a v3 database with nothing built, then prepares it newest first, resuming after a stop', async () => {
    const name = `fill-v3-${Math.random()}`;
    const rows = v3Rows();
    await writeV3(name, rows);

    let ob = Outbox.open(name);
    await ob.db.open();
    expect(ob.db.verno).toBe(5);
    // Opened: every row exactly as it was, nothing prepared yet, and capture works at once.
    expect(await ob.list()).toEqual(rows);
    expect(await ob.db.record.count()).toBe(0);
    expect(await ob.tally()).toEqual([]);
    expect(await ob.recordLeft()).toBe(rows.length);
    const fresh = { id: 'new', json: JSON.stringify({ id: 'new' }), meta: { kind: 'book', title: 'New' } };
    await ob.enqueue(fresh, Date.parse('2025-06-01T00:00:00Z'), ['lrs']);
    expect((await ob.db.record.get(61))?.id).toBe('new');
    expect(await ob.tally()).toEqual(fromScratch([(await ob.get('new'))!]));

    // Two batches of 7: the 14 newest (by seq) are in the record, the mark below them.
    expect(await fillStep(ob.db, 7)).toBe(true);
    expect(await fillStep(ob.db, 7)).toBe(true);
    expect(await ob.db.meta.get(FILL_KEY)).toEqual({ key: FILL_KEY, value: 46 });
    expect(await ob.recordLeft()).toBe(46);
    const newest = (await ob.db.record.toArray()).map((r) => r.seq);
    expect(Math.min(...newest)).toBeGreaterThan(46);
    // Stopped here (the worker ends): the next one resumes at the mark, nothing counted twice.
    ob.close();
    ob = Outbox.open(name);
    await ob.prepareRecord();
    await expectPrepared(ob);
    // The indexes answer: items of a skill, newest first.
    const bySkill = await ob.db.record
      .where('skillKeys')
      .between([skill(1).id, Dexie.minKey], [skill(1).id, Dexie.maxKey])
      .reverse()
      .primaryKeys();
    expect(bySkill).toEqual(
      rows
        .filter((r) => recordRow(r)?.skillKeys.some(([id]) => id === skill(1).id))
        .sort((a, b) => b.seq - a.seq)
        .map((r) => r.seq),
    );
    ob.close();
  });

  it('opens a database at v4 as released (keys on the items, a tally): its indexes dropped, the record rebuilt', async () => {
    const name = `fill-v4-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(3).stores(V3_STORES);
    v4.version(4).stores({
      items: 'id, &seq, state, [state+holdUntil], [state+seq], [at+seq], [meta.kind+at+seq], *skillKeys',
      tally: '[kind+week]',
    });
    const rows = v3Rows().map((r) => {
      const row = recordRow(r);
      return row ? { ...r, at: row.at, skillKeys: row.skillKeys } : r;
    });
    await v4.table('items').bulkAdd(rows);
    await v4.table('tally').bulkPut(fromScratch(rows));
    await v4.table('meta').put({ key: 'seq', value: rows.length });
    v4.close();

    const ob = Outbox.open(name);
    await ob.db.open();
    const store = ob.db.backendDB().transaction('items').objectStore('items');
    expect([...store.indexNames].sort()).toEqual(['[state+holdUntil]', '[state+seq]', 'seq', 'state']);
    expect(await ob.list()).toEqual(rows); // their old keys stay on the rows, unread
    await ob.prepareRecord();
    await expectPrepared(ob);
    ob.close();
  });

  it('a fresh outbox has nothing to prepare', async () => {
    const ob = Outbox.open(`fill-fresh-${Math.random()}`);
    await ob.enqueue(
      { id: 'a', json: '{}', meta: { kind: 'article', title: 'A', skills: [skill(1)] } },
      Date.parse('2025-01-01T00:00:00Z'),
      [],
    );
    expect(await ob.db.meta.get(FILL_KEY)).toBeUndefined();
    await expectPrepared(ob);
    ob.close();
  });
});

describe('a version 1 backlog', () => {
  it('is queued in pages, resumes after a stop, and never twice', async () => {
    const name = `fill-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ items: 'id, seq, state, [state+holdUntil]', meta: 'key' });
    const n = 700; // pages of 250: three
    await v1.table('items').bulkAdd(
      Array.from({ length: n }, (_, k) => ({
        id: `v1-${k}`,
        seq: k + 1,
        state: k % 10 === 0 ? 'held' : 'ready',
        createdAt: k,
        holdUntil: k % 10 === 0 ? 5_000 : undefined,
        statement: { k },
        meta: { kind: 'article', title: `A ${k}` },
      })),
    );
    await v1.table('meta').put({ key: 'seq', value: n });
    v1.close();

    const ob = new Outbox(new OutboxDb(name));
    // The worker stops during the second page (its transaction is lost whole, the first page is kept).
    const bulkAdd = ob.db.deliveries.bulkAdd.bind(ob.db.deliveries);
    let pages = 0;
    const spy = vi.spyOn(ob.db.deliveries, 'bulkAdd').mockImplementation((...args) => {
      if (++pages === 2) throw new Error('worker stopped');
      return bulkAdd(...args);
    });
    await expect(ob.ensureDestinations(['lrs'], 1_000)).rejects.toThrow('worker stopped');
    spy.mockRestore();
    expect((await ob.deliveryCounts('lrs')).pending).toBe(250);
    // A held item released meanwhile gets its delivery as it becomes ready: the backlog must not add another.
    await ob.releaseDue(6_000, ['lrs']);
    // The next pass resumes after the first page; a later one adds nothing.
    await ob.ensureDestinations(['lrs'], 2_000);
    await ob.ensureDestinations(['lrs', 'added'], 3_000);
    expect(await ob.db.meta.get(V1_BACKLOG_KEY)).toBeUndefined();
    const deliveries = await ob.db.deliveries.toArray();
    expect(deliveries.filter((d) => d.destinationId === 'lrs')).toHaveLength(n);
    expect(new Set(deliveries.map((d) => d.itemId)).size).toBe(n);
    expect(await ob.deliveryCounts('added')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    ob.close();
  });
});

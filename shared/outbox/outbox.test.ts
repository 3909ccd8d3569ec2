import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { Outbox } from './outbox';
import { OutboxDb } from './db';
import type { NewItem } from './types';

let dbCounter = 0;
const freshOutbox = () => Outbox.open(`outbox-test-${++dbCounter}-${Math.random()}`);

const item = (n: number, extra: Partial<NewItem> = {}): NewItem => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  json: JSON.stringify({ n }),
  meta: { kind: 'article', title: `Item ${n}` },
  ...extra,
});

describe('Outbox', () => {
  it('queues ready items with one pending delivery per destination, in FIFO order', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1), item(2), item(3)], 1000, ['a', 'b']);
    const a = await ob.claim('a', 10);
    expect(a.map((c) => c.item?.id)).toEqual([item(1).id, item(2).id, item(3).id]);
    expect(a.every((c) => c.delivery.state === 'pending' && c.delivery.attempts === 0)).toBe(true);
    expect(await ob.deliveryCounts('b')).toEqual({ pending: 3, sent: 0, quarantined: 0 });
    expect(await ob.counts()).toEqual({ held: 0, review: 0, ready: 3, discarded: 0 });
  });

  it('never queues the same statement id twice', async () => {
    const ob = freshOutbox();
    expect(await ob.enqueue([item(1), item(1)], 0, ['a'])).toEqual([item(1).id]);
    expect(await ob.enqueue(item(1), 5, ['a'])).toEqual([]);
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 1, sent: 0, quarantined: 0 });
  });

  it('claims in batches after a sequence number, and sent deliveries leave the queue', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      Array.from({ length: 25 }, (_, i) => item(i + 1)),
      0,
      ['a'],
    );
    const first = await ob.claim('a', 10);
    const second = await ob.claim('a', 10, first.at(-1)!.delivery.seq);
    expect(second[0]!.item?.meta.title).toBe('Item 11');
    await ob.markSent(
      first.map((c) => c.delivery),
      50,
    );
    const next = await ob.claim('a', 100);
    expect(next).toHaveLength(15);
    expect(next[0]!.item?.meta.title).toBe('Item 11');
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 15, sent: 10, quarantined: 0 });
  });

  it('claims each delivery with its own item, whether its queue is a run of seqs or scattered', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      Array.from({ length: 30 }, (_, i) => item(i + 1)),
      0,
      ['a', 'b'],
    );
    const all = await ob.claim('a', 100);
    // a's queue keeps the odd seqs (a run with other items between), b's only the first and the last.
    await ob.markSent(
      all.filter((c) => c.delivery.seq % 2 === 0).map((c) => c.delivery),
      1,
    );
    const b = await ob.claim('b', 100);
    await ob.markSent(
      b.slice(1, -1).map((c) => ({ ...c.delivery })),
      1,
    );
    // A delivery whose item has another seq, and one whose item is gone.
    await ob.db.deliveries.bulkAdd([
      { destinationId: 'c', seq: 3, itemId: item(20).id, state: 'pending', attempts: 0 },
      { destinationId: 'c', seq: 4, itemId: 'gone', state: 'pending', attempts: 0 },
    ]);
    const odd = await ob.claim('a', 10);
    expect(odd.map((c) => c.delivery.seq)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(odd.every((c) => c.item?.id === c.delivery.itemId && c.item.seq === c.delivery.seq)).toBe(true);
    const ends = await ob.claim('b', 10);
    expect(ends.map((c) => c.item?.meta.title)).toEqual(['Item 1', 'Item 30']);
    const c = await ob.claim('c', 10);
    expect(c.map((x) => x.item?.meta.title)).toEqual(['Item 20', undefined]);
  });

  it('holds items until their time, then releases them', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1, { holdUntil: 5000 }), item(2, { holdUntil: 9000 }), item(3)], 1000, ['a']);
    expect(await ob.counts()).toMatchObject({ held: 2, ready: 1 });
    expect(await ob.nextHoldExpiry()).toBe(5000);
    expect(await ob.releaseDue(4999, ['a'])).toBe(0);
    expect(await ob.releaseDue(5000, ['a'])).toBe(1);
    expect(await ob.nextHoldExpiry()).toBe(9000);
    const claimed = await ob.claim('a', 10);
    // FIFO is the order of capture, not of release.
    expect(claimed.map((c) => c.item?.meta.title)).toEqual(['Item 1', 'Item 3']);
    expect((await ob.get(item(1).id))?.holdUntil).toBeUndefined();
  });

  it('lets the learner revise, approve or discard items before they are ready, and freezes them after', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1, { review: true }), item(2, { holdUntil: 10_000 }), item(3)], 0, ['a']);
    await ob.revise(item(1).id, '{"n":1,"tagged":true}', { kind: 'article', title: 'Tagged' });
    await ob.discard(item(2).id);
    await expect(ob.revise(item(3).id, '{}', { kind: 'x', title: 'x' })).rejects.toThrow(/frozen/);
    await expect(ob.discard(item(3).id)).rejects.toThrow(/voided/);
    await ob.approve(item(1).id, 100, ['a']);
    const claimed = await ob.claim('a', 10);
    expect(claimed.map((c) => c.item?.json)).toEqual(['{"n":1,"tagged":true}', '{"n":3}']);
    expect(await ob.counts()).toEqual({ held: 0, review: 0, ready: 2, discarded: 1 });
    await expect(ob.approve(item(2).id, 100, ['a'])).rejects.toThrow(/discarded/);
    await expect(ob.approve('nope', 100, ['a'])).rejects.toThrow(/No item/);
  });

  it('quarantines a delivery with the LRS message and can requeue it', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1), item(2)], 0, ['a']);
    const [first] = await ob.claim('a', 1);
    await ob.quarantine(first!.delivery, 10, 400, 'statements.0.verb.id is not an IRI');
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 1, sent: 0, quarantined: 1 });
    const [d] = await ob.deliveriesOf(item(1).id);
    expect(d?.quarantine).toEqual({ status: 400, message: 'statements.0.verb.id is not an IRI', at: 10 });
    await ob.requeue('a', first!.delivery.seq);
    expect((await ob.claim('a', 10)).map((c) => c.item?.id)).toEqual([item(1).id, item(2).id]);
  });

  it('records failed attempts on each delivery', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1)], 0, ['a']);
    const claimed = await ob.claim('a', 1);
    await ob.recordFailure(
      claimed.map((c) => c.delivery),
      42,
      'HTTP 503',
    );
    const [d] = await ob.deliveriesOf(item(1).id);
    expect(d).toMatchObject({ attempts: 1, lastAttemptAt: 42, lastError: 'HTTP 503', state: 'pending' });
  });

  it('gives a new destination a sync state and none of the earlier record (./earlier.test.ts)', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1), item(2), item(3, { holdUntil: 99 })], 0, ['org']);
    await ob.ensureDestinations(['org', 'personal'], 50);
    await ob.ensureDestinations(['org', 'personal'], 60);
    expect(await ob.deliveryCounts('personal')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 2, sent: 0, quarantined: 0 });
    expect(await ob.getDestination('personal')).toMatchObject({ status: 'active', since: 50 });
  });

  it('exports the statements exactly as queued, as one xAPI JSON array', async () => {
    const ob = freshOutbox();
    const odd = '{"id":"x",  "spacing":"kept"}';
    await ob.enqueue([item(1), item(2, { json: odd }), item(3, { review: true })], 0, ['a']);
    await ob.discard(item(3).id);
    expect(await ob.exportXapiJson()).toBe(`[{"n":1},${odd}]`);
  });

  it('queues follow-ups after a frozen item, to the destinations the original went or goes to', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1), item(2, { review: true })], 0, ['a', 'b', 'c']);
    const claimedA = await ob.claim('a', 10);
    await ob.markSent(
      claimedA.map((c) => c.delivery),
      5,
    );
    const [forC] = await ob.claim('c', 1);
    await ob.quarantine(forC!.delivery, 6, 400, 'bad');
    const comment = item(10, {
      meta: { kind: 'comment', title: 'About item 1' },
      holdUntil: 999,
      review: true,
    });
    const sentTo = await ob.followUp(item(1).id, comment, 20, (meta) => ({
      ...meta,
      comments: [{ id: comment.id, at: 20, reflection: 'Later thought' }],
    }));
    // Sent to a, still pending for b: both get it; c refused the original, so it does not.
    expect(sentTo.sort()).toEqual(['a', 'b']);
    const follow = await ob.get(comment.id);
    expect(follow).toMatchObject({ state: 'ready', readyAt: 20, meta: { followUpOf: item(1).id } });
    expect(follow?.holdUntil).toBeUndefined();
    expect((await ob.get(item(1).id))?.meta.comments).toEqual([
      { id: comment.id, at: 20, reflection: 'Later thought' },
    ]);
    // After the original in b's queue; nothing for c.
    expect((await ob.claim('b', 10)).map((c) => c.item?.id)).toEqual([item(1).id, comment.id]);
    expect(await ob.deliveryCounts('c')).toEqual({ pending: 0, sent: 0, quarantined: 1 });
    // The same follow-up id again, or one the caller no longer wants: nothing new.
    expect(await ob.followUp(item(1).id, comment, 30)).toEqual([]);
    const unwanted = item(13);
    expect(
      await ob.followUp(item(1).id, unwanted, 30, undefined, (o) => o.meta.comments !== undefined),
    ).toEqual([]);
    expect(await ob.get(unwanted.id)).toBeUndefined();
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 1, sent: 1, quarantined: 0 });
    // Only frozen items take follow-ups; unsent ones are edited or discarded instead.
    await expect(ob.followUp(item(2).id, item(11), 30)).rejects.toThrow(/review/);
    await expect(ob.followUp('nope', item(12), 30)).rejects.toThrow(/No item/);
  });

  it('exports only the frozen statements when asked, follow-ups included', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1), item(2, { holdUntil: 50 })], 0, ['a']);
    await ob.followUp(item(1).id, item(3, { meta: { kind: 'void', title: 'x' } }), 1);
    expect(await ob.exportXapiJson({ states: ['ready'] })).toBe('[{"n":1},{"n":3}]');
    expect(await ob.exportXapiJson()).toBe('[{"n":1},{"n":2},{"n":3}]');
  });

  it('keeps the sequence counter across reopening, so FIFO order survives a restart', async () => {
    const name = `outbox-reopen-${Math.random()}`;
    const ob = Outbox.open(name);
    await ob.enqueue([item(1), item(2)], 0, ['a']);
    ob.close();
    const again = Outbox.open(name);
    await again.enqueue([item(3)], 0, ['a']);
    expect((await again.claim('a', 10)).map((c) => c.delivery.seq)).toEqual([1, 2, 3]);
  });
});

describe('schema upgrades', () => {
  it('opens a version 1 database, freezes its statements and delivers its ready items', async () => {
    const name = `outbox-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ items: 'id, seq, state, [state+holdUntil]', meta: 'key' });
    await v1.table('items').bulkAdd([
      {
        id: 'a1',
        seq: 1,
        state: 'ready',
        createdAt: 5,
        statement: { verb: { id: 'v' } },
        meta: { kind: 'article', title: 'A' },
      },
      {
        id: 'a2',
        seq: 2,
        state: 'held',
        createdAt: 6,
        holdUntil: 100,
        statement: { n: 2 },
        meta: { kind: 'video', title: 'B' },
      },
      { id: 'a3', seq: 3, state: 'ready', createdAt: 7, meta: { kind: 'article', title: 'no statement' } },
    ]);
    await v1.table('meta').put({ key: 'seq', value: 3 });
    v1.close();

    const ob = new Outbox(new OutboxDb(name));
    await ob.ensureDestinations(['lrs'], 0);
    const claimed = await ob.claim('lrs', 10);
    expect(claimed.map((c) => [c.item?.id, c.item?.json])).toEqual([
      ['a1', '{"verb":{"id":"v"}}'],
      ['a3', ''],
    ]);
    expect(claimed[0]!.item?.readyAt).toBe(5);
    const held = await ob.get('a2');
    expect(held).toMatchObject({ state: 'held', json: '{"n":2}', holdUntil: 100 });
    expect(held).not.toHaveProperty('statement');
    await ob.enqueue(item(9), 0, ['lrs']);
    expect((await ob.get(item(9).id))?.seq).toBe(4);
  });
});

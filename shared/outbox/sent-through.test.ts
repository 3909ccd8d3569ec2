/**
 * The sent-through mark (./sent-through.ts): a drain's sent marks move one number instead of rewriting each row,
 * and no path makes a sent item look unsent, an unsent one look sent, or queues one twice.
 */
import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import type { NewItem } from './types';

let dbCounter = 0;
const freshOutbox = () => Outbox.open(`sent-through-test-${++dbCounter}-${Math.random()}`);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, extra: Partial<NewItem> = {}): NewItem => ({
  id: id(n),
  json: JSON.stringify({ id: id(n), actor: { mbox: 'mailto:ada@acme.example' } }),
  meta: { kind: 'article', title: `Item ${n}` },
  ...extra,
});
const items = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => item(from + i));

/** Drain the destination as the engine does: claim after the last seq, mark each batch sent. Returns the seqs. */
async function drain(ob: Outbox, dest: string, size: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let after = 0; ;) {
    const batch = await ob.claim(dest, size, after);
    if (batch.length === 0) return seqs;
    await ob.markSent(
      batch.map((c) => c.delivery),
      5_000,
    );
    seqs.push(...batch.map((c) => c.delivery.seq));
    after = batch.at(-1)!.delivery.seq;
  }
}

describe('the sent-through mark', () => {
  it('marks a drain sent by its mark, without rewriting the rows, and every read sees them sent', async () => {
    const ob = freshOutbox();
    await ob.enqueue(items(1, 10), 1_000, ['a', 'b']);
    expect(await drain(ob, 'a', 4)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Stored as enqueued: the rows were not rewritten.
    const stored = await ob.db.deliveries.where('[destinationId+seq]').between(['a', 0], ['a', 99]).toArray();
    expect(stored.every((d) => d.state === 'queued' && d.attempts === 0)).toBe(true);
    expect(await ob.db.meta.get('sentThrough:a')).toMatchObject({ value: 10 });
    // Every read sees them sent; b is untouched.
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 0, sent: 10, quarantined: 0 });
    expect(await ob.deliveryCounts('b')).toEqual({ pending: 10, sent: 0, quarantined: 0 });
    expect(await ob.deliveriesOf(id(3))).toEqual([
      expect.objectContaining({ destinationId: 'a', state: 'sent', attempts: 1 }),
      expect.objectContaining({ destinationId: 'b', state: 'pending', attempts: 0 }),
    ]);
    expect((await ob.deliveriesOfItems([{ id: id(9), seq: 9 }])).map((d) => d.state)).toEqual([
      'sent',
      'pending',
    ]);
    const run = Array.from({ length: 10 }, (_, i) => ({ id: id(i + 1), seq: i + 1 }));
    const ofA = (await ob.deliveriesOfItems(run)).filter((d) => d.destinationId === 'a');
    expect(ofA.every((d) => d.state === 'sent')).toBe(true);
    expect(await ob.claim('a', 100)).toEqual([]);
    // Sent items are never "earlier" for that destination: nothing to queue again.
    expect(
      await ob.countEarlier({
        destinationId: 'a',
        stamp: { actor: { objectType: 'Agent', mbox: 'mailto:x@y' }, now: 6_000 },
      }),
    ).toBe(0);
  });

  it('a hold released after the mark passed its seq is pending, sent once, and only then counted sent', async () => {
    const ob = freshOutbox();
    await ob.enqueue([item(1, { holdUntil: 10_000 }), ...items(2, 6)], 1_000, ['a']);
    expect(await drain(ob, 'a', 10)).toEqual([2, 3, 4, 5, 6]);
    expect(await ob.db.meta.get('sentThrough:a')).toMatchObject({ value: 6 });

    await ob.releaseDue(10_000, ['a']); // seq 1, below the mark
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 1, sent: 5, quarantined: 0 });
    expect(await ob.deliveriesOf(id(1))).toEqual([expect.objectContaining({ state: 'pending' })]);
    await ob.enqueue(items(7, 8), 11_000, ['a']);
    expect(await drain(ob, 'a', 10)).toEqual([1, 7, 8]);
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 0, sent: 8, quarantined: 0 });
    expect(await drain(ob, 'a', 10)).toEqual([]); // nothing twice
  });

  it('a refused item sent again below the mark is pending until sent', async () => {
    const ob = freshOutbox();
    await ob.enqueue(items(1, 5), 1_000, ['a']);
    const batch = await ob.claim('a', 10);
    await ob.quarantine(batch[1]!.delivery, 2_000, 400, 'bad');
    await ob.markSent(
      batch.filter((_, i) => i !== 1).map((c) => c.delivery),
      2_000,
    );
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 0, sent: 4, quarantined: 1 });
    expect(await ob.requeueItem(id(2))).toBe(1);
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 1, sent: 4, quarantined: 0 });
    expect(await drain(ob, 'a', 10)).toEqual([2]);
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 0, sent: 5, quarantined: 0 });
  });

  it('never covers a row that was not sent: a batch with a gap below it is rewritten row by row', async () => {
    const ob = freshOutbox();
    await ob.enqueue(items(1, 6), 1_000, ['a']);
    const batch = await ob.claim('a', 10);
    // Seqs 3..6 answered as stored (a 409's read-back found them), 1 and 2 still to go.
    await ob.markSent(
      batch.slice(2).map((c) => c.delivery),
      2_000,
    );
    expect(await ob.db.meta.get('sentThrough:a')).toBeUndefined();
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 2, sent: 4, quarantined: 0 });
    expect((await ob.claim('a', 10)).map((c) => c.delivery.seq)).toEqual([1, 2]);
  });

  it('a failed attempt stays pending when later batches move the mark past it', async () => {
    const ob = freshOutbox();
    await ob.enqueue(items(1, 6), 1_000, ['a']);
    const first = await ob.claim('a', 2);
    await ob.recordFailure(
      first.map((c) => c.delivery),
      2_000,
      'HTTP 503',
    );
    const rest = await ob.claim('a', 10, 2);
    await ob.markSent(
      rest.map((c) => c.delivery),
      3_000,
    );
    expect(await ob.db.meta.get('sentThrough:a')).toMatchObject({ value: 6 });
    expect(await ob.deliveryCounts('a')).toEqual({ pending: 2, sent: 4, quarantined: 0 });
    expect((await ob.claim('a', 10)).map((c) => [c.delivery.seq, c.delivery.attempts])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});

describe('the claim of a run of queued rows (keys and items only)', () => {
  it('gives each delivery its item, and one whose item is gone as stored, in FIFO order', async () => {
    const ob = freshOutbox();
    await ob.enqueue(items(1, 5), 1_000, ['a']);
    await ob.db.items.delete(id(3));
    const batch = await ob.claim('a', 10);
    expect(batch.map((c) => [c.delivery.seq, c.delivery.itemId, c.item?.id])).toEqual([
      [1, id(1), id(1)],
      [2, id(2), id(2)],
      [3, id(3), undefined],
      [4, id(4), id(4)],
      [5, id(5), id(5)],
    ]);
    expect(batch.every((c) => c.delivery.state === 'pending' && c.delivery.attempts === 0)).toBe(true);
    expect(await ob.claim('a', 2, 3)).toEqual(batch.slice(3, 5));
  });
});

describe('the withheld count', () => {
  const PSEUDONYM = {
    objectType: 'Agent' as const,
    account: { homePage: 'https://t.example/', name: 'install-1' },
  };
  const ADA = { objectType: 'Agent' as const, mbox: 'mailto:ada@acme.example' };
  const pseudonymous = (n: number): NewItem => ({
    id: id(n),
    json: JSON.stringify({ id: id(n), actor: PSEUDONYM }),
    meta: { kind: 'article', title: `Item ${n}` },
  });

  it('is stored with the drop, in its transaction, and a state saved from an older copy cannot undo it', async () => {
    const ob = freshOutbox();
    await ob.ensureDestinations(['mine', 'org'], 0);
    await ob.enqueue([pseudonymous(1), pseudonymous(2)], 1_000, ['mine', 'org']);
    await ob.markSent(
      (await ob.claim('mine', 10)).map((c) => c.delivery),
      1_100,
    );
    const before = (await ob.getDestination('org'))!;
    const heard: number[] = [];
    const claimed = await ob.claim('org', 10, 0, { actor: ADA, now: 2_000, withhold: PSEUDONYM }, (n) =>
      heard.push(n),
    );
    expect(claimed).toEqual([]);
    expect(heard).toEqual([2]);
    // Stored by the claim itself: a worker stopped right after it has the count.
    expect((await ob.getDestination('org'))?.withheld).toBe(2);
    // The engine writes its whole state later, from a copy read before the drop: the count stays.
    await ob.putDestination({ ...before, wireSeq: 2 });
    expect(await ob.getDestination('org')).toMatchObject({ withheld: 2, wireSeq: 2 });
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
  });
});

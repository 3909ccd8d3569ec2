import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import { isQuotaError, OutboxFullError, STORAGE_FULL_MESSAGE } from './quota';
import type { NewItem } from './types';
import { limitWrites, restoreDisk } from '../../test/support/full-disk';

afterEach(restoreDisk);

const item = (n: number): NewItem => ({
  id: `item-${n}`,
  json: JSON.stringify({ id: `item-${n}`, n }),
  meta: { kind: 'article', title: `A ${n}` },
});

describe('Outbox on a full disk', () => {
  it('refuses new items with one clear message, loses and corrupts nothing, and recovers when space is freed', async () => {
    const ob = Outbox.open(`quota-${Math.random()}`);
    const changes: boolean[] = [];
    ob.onStorageChange = (full) => changes.push(full);
    // One item to one destination is five writes (item, delivery, seq counter, its record row and the tally):
    // room for three.
    limitWrites(15);
    for (const n of [1, 2, 3]) await ob.enqueue(item(n), n, ['lrs']);
    const before = { list: await ob.list(), deliveries: await ob.db.deliveries.toArray() };

    await expect(ob.enqueue(item(4), 4, ['lrs'])).rejects.toThrow(OutboxFullError);
    await expect(ob.enqueue([item(5), item(6)], 5, ['lrs'])).rejects.toThrow(STORAGE_FULL_MESSAGE);
    expect(ob.storageFullSince).toBe(4);
    expect(changes).toEqual([true]);

    // Everything already queued is exactly as it was, and still goes out in order.
    expect(await ob.list()).toEqual(before.list);
    expect(await ob.db.deliveries.toArray()).toEqual(before.deliveries);
    expect(await ob.exportXapiJson()).toBe(
      '[{"id":"item-1","n":1},{"id":"item-2","n":2},{"id":"item-3","n":3}]',
    );

    // A batch cut off half-way is not kept in part.
    limitWrites(2); // the item and one of two deliveries
    await expect(ob.enqueue(item(7), 7, ['lrs', 'other'])).rejects.toThrow(OutboxFullError);
    expect(await ob.get('item-7')).toBeUndefined();

    limitWrites(Infinity); // the learner freed space
    expect(await ob.enqueue(item(8), 8, ['lrs'])).toEqual(['item-8']);
    expect(ob.storageFullSince).toBeUndefined();
    expect(changes).toEqual([true, false]);
    const claimed = await ob.claim('lrs', 10);
    expect(claimed.map((c) => [c.item?.id, c.delivery.seq])).toEqual([
      ['item-1', 1],
      ['item-2', 2],
      ['item-3', 3],
      ['item-8', 4],
    ]);
    ob.close();
  });

  it('recognises a full quota however Dexie wraps it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failuresByPos: { 3: quota } })).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
  });
});

import { Dexie } from 'dexie';
import { OutboxDb, V1_BACKLOG_KEY } from './db';
import { countEarlier, queueEarlier, type EarlierChoice } from './earlier';
import { fillRecord, recordLeft, unpreparedThrough } from './fill';
import { deliveriesOfItems } from './item-deliveries';
import { isQuotaError, OutboxFullError } from './quota';
import { stillOpening } from './opening';
import type { WeekTally } from '../insights/tally';
import { recordRow, tallyKeys, updateTally, writeTally, type ItemChange } from './tally';
import { actorText, carriesPseudonym, maybeStored, withActor, type ActorStamp } from './stamp';
import { allAsSeen, asSeen, readSentThrough, sentThroughKey, sentThroughOf } from './sent-through';
import type {
  Delivery,
  DeliveryCounts,
  DestinationState,
  ItemMeta,
  ItemState,
  NewItem,
  OutboxItem,
  RecordRow,
  StateCounts,
} from './types';

/** A pending delivery with its item, as handed to the sync engine. */
export interface Claimed {
  delivery: Delivery;
  item: OutboxItem | undefined;
}

export class OutboxError extends Error {
  override name = 'OutboxError';
}

const SEQ_KEY = 'seq';
/** Items of a v1 backlog queued per transaction (ensureDestinations): ~0.5 ms each in Chromium. */
const V1_BACKLOG_PAGE = 250;

/**
 * The outbox: every captured item and its delivery state per destination, in IndexedDB (Dexie). Times are
 * passed in by the caller (no clock inside), so the same code runs in a service worker, a window and tests.
 */
export class Outbox {
  /** Since when the last write was refused for a full disk (undefined: the last enqueue succeeded). */
  storageFullSince: number | undefined;
  /** Told when the disk becomes full or has room again (badge, popup). */
  onStorageChange: ((full: boolean) => void) | undefined;

  constructor(readonly db: OutboxDb) {}

  static open(name = 'trailnote-outbox', options?: ConstructorParameters<typeof OutboxDb>[1]): Outbox {
    return new Outbox(new OutboxDb(name, options));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Queue new items. An id already in the outbox is skipped, so capturing the same statement twice can never
   * produce two. Items with no hold and no review are ready at once, with a pending delivery per destination.
   * Returns the ids actually added. The record table and tally (./tally.ts) change in the same transaction.
   */
  async enqueue(
    items: NewItem | NewItem[],
    now: number,
    destinationIds: readonly string[],
  ): Promise<string[]> {
    const list = Array.isArray(items) ? items : [items];
    const { db } = this;
    return this.guardQuota(now, () =>
      db.transaction('rw', db.items, db.deliveries, db.meta, db.tally, db.record, async () => {
        // Requests in flight together, reads and then writes: a capture waits for two round trips, not five. The
        // tally rows are read for every item given (those already queued change nothing).
        const candidates: ItemChange[] = list.map((n) => ({
          after: { id: n.id, seq: 0, state: 'ready', createdAt: now, json: n.json, meta: n.meta },
        }));
        const [existing, counter, tallied, mark] = await Promise.all([
          db.items.bulkGet(list.map((i) => i.id)),
          db.meta.get(SEQ_KEY),
          db.tally.bulkGet(tallyKeys(candidates)),
          unpreparedThrough(db),
        ]);
        const seen = new Set(existing.filter((x) => x).map((x) => x!.id));
        let seq = counter?.value ?? 0;
        const rows: OutboxItem[] = [];
        for (const n of list) {
          if (seen.has(n.id)) continue;
          seen.add(n.id);
          seq += 1;
          const state = n.review
            ? 'review'
            : n.holdUntil !== undefined && n.holdUntil > now
              ? 'held'
              : 'ready';
          const row: OutboxItem = { id: n.id, seq, state, createdAt: now, json: n.json, meta: n.meta };
          if (state === 'held') row.holdUntil = n.holdUntil;
          if (state === 'ready') row.readyAt = now;
          rows.push(row);
        }
        // Above the mark of items still to be prepared, as every new seq is (./fill.ts), else left to the fill.
        const counted = rows.filter((r) => mark === undefined || r.seq > mark);
        await Promise.all([
          db.items.bulkAdd(rows),
          db.record.bulkAdd(counted.map(recordRow).filter((r): r is RecordRow => r !== undefined)),
          writeTally(
            db.tally,
            counted.map((after) => ({ after })),
            tallied,
          ),
          db.deliveries.bulkAdd(
            // Fresh seqs, above every destination's sent-through mark: `queued` (./sent-through.ts).
            rows
              .filter((r) => r.state === 'ready')
              .flatMap((r) => newDeliveries(r, destinationIds, 'queued')),
          ),
          db.meta.put({ key: SEQ_KEY, value: seq }),
        ]);
        return rows.map((r) => r.id);
      }),
    );
  }

  /**
   * A write refused for a full disk becomes OutboxFullError with one clear message; the transaction was aborted
   * whole, so nothing already queued changed. A later write that succeeds clears the state.
   */
  private async guardQuota<T>(now: number, write: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await write();
    } catch (err) {
      if (!isQuotaError(err)) throw err;
      const first = this.storageFullSince === undefined;
      this.storageFullSince ??= now;
      if (first) this.tellStorage(true);
      throw new OutboxFullError();
    }
    if (this.storageFullSince !== undefined) {
      this.storageFullSince = undefined;
      this.tellStorage(false);
    }
    return result;
  }

  /** A listener that throws must not turn a kept item into a refused one, nor hide the full disk. */
  private tellStorage(full: boolean): void {
    try {
      this.onStorageChange?.(full);
    } catch {
      // the status is in storageFullSince whatever the listener did with it
    }
  }

  get(id: string): Promise<OutboxItem | undefined> {
    return this.db.items.get(id);
  }

  /** Replace the statement and meta of an item that is not yet ready (the learner tagged or reflected). */
  async revise(id: string, json: string, meta: ItemMeta): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.items, db.tally, db.record, db.meta, async () => {
      const item = await this.mustGet(id);
      if (item.state !== 'held' && item.state !== 'review') {
        throw new OutboxError(
          `Item ${id} is ${item.state}; its statement is frozen and can no longer change.`,
        );
      }
      await this.rewrite(item, { ...item, json, meta });
    });
  }

  /**
   * Write an item changed, with its record row and the tally (./tally.ts), in the caller's transaction (over
   * items, record, tally and meta). An item not yet prepared (./fill.ts) changes alone: the batch that prepares it
   * counts it as it is then, so nothing is taken from the tally that was never added to it.
   */
  private async rewrite(before: OutboxItem, after: OutboxItem): Promise<void> {
    const { db } = this;
    const [, mark] = await Promise.all([db.items.put(after), unpreparedThrough(db)]);
    if (mark !== undefined && before.seq <= mark) return;
    const row = recordRow(after);
    await Promise.all([
      row ? db.record.put(row) : Number.isSafeInteger(before.seq) && db.record.delete(before.seq),
      updateTally(db.tally, [{ before, after }]),
    ]);
  }

  /** The learner approves an item held or in review: it becomes ready now. */
  async approve(id: string, now: number, destinationIds: readonly string[]): Promise<void> {
    await this.db.transaction('rw', this.db.items, this.db.deliveries, async () => {
      const item = await this.mustGet(id);
      if (item.state === 'ready') return;
      if (item.state === 'discarded') throw new OutboxError(`Item ${id} was discarded.`);
      await this.makeReady([item], now, destinationIds);
    });
  }

  /** The learner discards an item before it is sent. Ready items cannot be discarded: void them instead. */
  async discard(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.items, db.tally, db.record, db.meta, async () => {
      const item = await this.mustGet(id);
      if (item.state === 'ready') {
        throw new OutboxError(`Item ${id} is already queued for sending; send a voided statement instead.`);
      }
      await this.rewrite(item, { ...item, state: 'discarded', json: '' });
    });
  }

  /**
   * Queue a follow-up statement (a `commented` or `voided` one, docs/xapi-profile.md § Reflections) about an item
   * that is already frozen. It is ready at once and goes to the destinations the original went or is going
   * to (sent or pending; not where it was quarantined), after it in each queue (a higher seq). `updateOriginal`
   * changes what the learner sees of the original, in the same transaction; `skipIf`, checked in it too, lets
   * the caller refuse a follow-up that is no longer wanted (the original was voided meanwhile). Queuing the same
   * follow-up id twice does nothing. Returns the destinations it was queued for.
   */
  async followUp(
    originalId: string,
    followUp: NewItem,
    now: number,
    updateOriginal?: (meta: ItemMeta) => ItemMeta,
    skipIf?: (original: OutboxItem) => boolean,
  ): Promise<string[]> {
    return this.guardQuota(now, () => this.queueFollowUp(originalId, followUp, now, updateOriginal, skipIf));
  }

  private queueFollowUp(
    originalId: string,
    followUp: NewItem,
    now: number,
    updateOriginal?: (meta: ItemMeta) => ItemMeta,
    skipIf?: (original: OutboxItem) => boolean,
  ): Promise<string[]> {
    const { db } = this;
    return db.transaction('rw', db.items, db.deliveries, db.meta, db.tally, db.record, async () => {
      const original = await this.mustGet(originalId);
      if (skipIf?.(original)) return [];
      if (original.state !== 'ready') {
        throw new OutboxError(
          `Item ${originalId} is ${original.state}; only a frozen statement takes follow-ups.`,
        );
      }
      if (await db.items.get(followUp.id)) return [];
      const destinationIds = [
        ...new Set(
          (await this.deliveriesOf(originalId))
            .filter((d) => d.state !== 'quarantined')
            .map((d) => d.destinationId),
        ),
      ];
      const { review: _r, holdUntil: _h, ...ready } = followUp;
      await this.enqueue({ ...ready, meta: { ...ready.meta, followUpOf: originalId } }, now, destinationIds);
      if (updateOriginal) await this.rewrite(original, { ...original, meta: updateOriginal(original.meta) });
      return destinationIds;
    });
  }

  /**
   * Make every held item whose hold has expired ready. Returns how many were released. With `maxHoldMs`, an item
   * held longer than that from now is released too: its hold was set by a clock that was ahead and has since
   * been corrected, and it must not wait for months.
   */
  async releaseDue(now: number, destinationIds: readonly string[], maxHoldMs?: number): Promise<number> {
    return this.db.transaction('rw', this.db.items, this.db.deliveries, async () => {
      const held = this.db.items.where('[state+holdUntil]');
      const due = await held.between(['held', Dexie.minKey], ['held', now], true, true).toArray();
      if (maxHoldMs !== undefined) {
        const ahead = ['held', now + maxHoldMs];
        due.push(...(await held.between(ahead, ['held', Dexie.maxKey], false, true).toArray()));
      }
      await this.makeReady(due, now, destinationIds);
      return due.length;
    });
  }

  /** When the next hold expires, if any item is held. */
  async nextHoldExpiry(): Promise<number | undefined> {
    const first = await this.db.items
      .where('[state+holdUntil]')
      .between(['held', Dexie.minKey], ['held', Dexie.maxKey])
      .first();
    return first?.holdUntil;
  }

  /**
   * Make sure each destination has a sync state. A destination new to this outbox records `now` as its `since`
   * and gets nothing already ready: items reach it as they become ready from now on (docs/policy.md § Meaning,
   * `destinations`); earlier ones only by the learner's choice (`queueEarlier`). The one exception is a backlog
   * upgraded from v1, which had a single queue: it goes to the destinations configured when it is first opened
   * (queued in pages, resumed by the next call when a worker stopped mid-way).
   */
  async ensureDestinations(destinationIds: readonly string[], now: number): Promise<void> {
    const { db } = this;
    const [known, backlog] = await Promise.all([
      db.destinations.bulkGet([...destinationIds]),
      db.meta.get(V1_BACKLOG_KEY),
    ]);
    // The common case: two reads, no write transaction.
    if (known.every((k) => k) && !backlog?.destinations) return;
    await db.transaction('rw', db.items, db.destinations, db.meta, async () => {
      const present = await db.destinations.bulkGet([...destinationIds]);
      const fresh = [...new Set(destinationIds.filter((_, i) => !present[i]))];
      if (fresh.length === 0) return;
      await db.destinations.bulkAdd(fresh.map((id) => ({ ...newDestinationState(id), since: now })));
      const marker = await db.meta.get(V1_BACKLOG_KEY);
      if (!marker || marker.destinations) return;
      // The backlog's destinations and its end are fixed now, once; it is queued page by page below.
      const [last] = (await db.items.orderBy('seq').reverse().limit(1).keys()) as number[];
      await db.meta.put({ key: V1_BACKLOG_KEY, value: 0, destinations: fresh, until: last ?? 0 });
    });
    await this.queueV1Backlog();
  }

  /**
   * Queue a v1 backlog (its ready items up to the marker's `until`) for its destinations, a page per transaction so
   * an enqueue never waits behind 100,000 deliveries written at once, and the marker moved in the same one: a
   * worker stopped mid-way resumes after the last page, and no item is queued twice (one that got its delivery
   * meanwhile, released from a hold, is skipped).
   */
  private async queueV1Backlog(page = V1_BACKLOG_PAGE): Promise<void> {
    const { db } = this;
    const queueOnePage = () =>
      db.transaction('rw', db.items, db.deliveries, db.meta, async () => {
        const marker = await db.meta.get(V1_BACKLOG_KEY);
        if (!marker?.destinations) return false;
        const { destinations, until = 0 } = marker;
        const ready: Array<{ seq: number; itemId: string }> = []; // from the index: keys only, no item read
        await db.items
          .where('[state+seq]')
          .between(['ready', marker.value], ['ready', until], false, true)
          .limit(page)
          .eachKey((key, cursor) => {
            ready.push({ seq: (key as [string, number])[1], itemId: String(cursor.primaryKey) });
          });
        const wanted = ready.flatMap((r) => newDeliveries({ seq: r.seq, id: r.itemId }, destinations));
        const there = await db.deliveries.bulkGet(
          wanted.map((d): [string, number] => [d.destinationId, d.seq]),
        );
        await db.deliveries.bulkAdd(wanted.filter((_, i) => !there[i]));
        const more = ready.length === page;
        if (more) await db.meta.put({ ...marker, value: ready.at(-1)!.seq });
        else await db.meta.delete(V1_BACKLOG_KEY);
        return more;
      });
    while (await queueOnePage());
  }

  /** How many earlier items the learner's "send my earlier record" would queue for the destination (./earlier.ts). */
  countEarlier(choice: EarlierChoice): Promise<number> {
    return countEarlier(this.db, choice);
  }

  /** The learner chose to send their earlier record to the destination: queues it; returns how many (./earlier.ts). */
  queueEarlier(choice: EarlierChoice): Promise<number> {
    return queueEarlier(this.db, choice);
  }

  /**
   * The next pending deliveries for a destination in FIFO order, after `afterSeq` when given. With `stamp`,
   * the items of the batch that no LRS can hold yet take its actor first (./stamp.ts): O(batch), and the
   * write transaction is only opened when an item actually changes. `onWithheld` hears how many deliveries were
   * dropped because their item carries the pseudonym for good (the engine counts them in the destination's state).
   */
  async claim(
    destinationId: string,
    limit: number,
    afterSeq = 0,
    stamp?: ActorStamp,
    onWithheld?: (count: number) => void,
  ): Promise<Claimed[]> {
    for (let after = afterSeq; ;) {
      const { list, last } = await this.claimOnce(destinationId, limit, after, stamp, onWithheld);
      // A batch whose every item was withheld says nothing about what follows it: read on.
      if (list.length > 0 || last === undefined) return list;
      after = last;
    }
  }

  private async claimOnce(
    destinationId: string,
    limit: number,
    afterSeq: number,
    stamp: ActorStamp | undefined,
    onWithheld?: (count: number) => void,
  ): Promise<{ list: Claimed[]; last?: number }> {
    // The wire mark is read on its own, before: a read transaction over `destinations` would hold back the wire
    // mark the engine writes before each request (IndexedDB starts a write only after the overlapping
    // transactions begun before it), so the claim read ahead would run before the request, not beside it.
    // Safe: the mark only grows, and the seqs it grows by are behind `afterSeq`, outside this claim.
    const wireSeq = stamp ? ((await this.db.destinations.get(destinationId))?.wireSeq ?? 0) : 0;
    // One read transaction: a consistent view, and less transaction overhead. Pending is stored `pending`
    // anywhere, or `queued` above the sent-through mark (./sent-through.ts): the first `limit` of both, by seq.
    const { db } = this;
    const claimed = await db.transaction('r', db.deliveries, db.items, db.meta, async () => {
      const mark = await sentThroughOf(db, destinationId);
      const range = (state: Delivery['state'], after: number) =>
        db.deliveries
          .where('[destinationId+state+seq]')
          .between([destinationId, state, after], [destinationId, state, Dexie.maxKey], false, true)
          .limit(limit);
      const stored = await range('pending', afterSeq).toArray();
      const queuedRange = range('queued', Math.max(afterSeq, mark));
      const queuedKeys = stored.length === 0 ? await queuedRange.primaryKeys() : [];
      const queued = queuedKeys.map(([, seq]) => seq);
      if (stored.length > 0 || !mostlyConsecutive(queued)) {
        // Rows as stored, then their items: a retry, a hold released late, a scattered queue.
        const deliveries = [...stored, ...(await queuedRange.toArray())]
          .sort((a, b) => a.seq - b.seq)
          .slice(0, limit)
          .map((d) => asSeen(d, mark));
        const items = await this.itemsOf(deliveries);
        return { list: deliveries.map((delivery, i) => ({ delivery, item: items[i] })), wireSeq };
      }
      // The common case, a drain: a run of rows stored `queued`, which are never changed once written (any
      // change stores another state), so each is known from its key and its item (a delivery has its item's
      // seq): one index read of keys and one read of the items' seq range, no delivery row read.
      const items = new Map<number, OutboxItem>();
      if (queued.length > 0) {
        const inRange = await db.items.where('seq').between(queued[0]!, queued.at(-1)!, true, true).toArray();
        for (const item of inRange) items.set(item.seq, item);
      }
      const gone = queued.filter((seq) => !items.has(seq));
      const goneRows = new Map(
        (await db.deliveries.bulkGet(gone.map((seq): [string, number] => [destinationId, seq])))
          .filter((d): d is Delivery => d !== undefined)
          .map((d) => [d.seq, d]),
      );
      const list = queued.map((seq): Claimed => {
        const item = items.get(seq);
        if (!item) return { delivery: asSeen(goneRows.get(seq)!, mark), item: undefined };
        const delivery: Delivery = { destinationId, seq, itemId: item.id, state: 'pending', attempts: 0 };
        return { delivery, item };
      });
      return { list, wireSeq };
    });
    if (claimed.list.length === 0) return { list: [] };
    if (!stamp) return { list: claimed.list };
    const wanted = JSON.stringify(stamp.actor);
    const stale = claimed.list.filter((c) => {
      if (!c.item?.json || maybeStored(c.delivery, claimed.wireSeq)) return false;
      const actor = actorText(c.item.json);
      return actor !== undefined && actor !== wanted;
    });
    const restamped =
      stale.length === 0
        ? new Map<string, OutboxItem>()
        : await this.restamp(
            stale.map((c) => c.item!.id),
            stamp,
          );
    const list = claimed.list.map((c) => {
      const item = c.item && restamped.get(c.item.id);
      return item ? { ...c, item } : c;
    });
    const withhold = stamp.withhold;
    if (!withhold) return { list };
    const withheld = list.filter((c) => c.item?.json && carriesPseudonym(c.item.json, withhold));
    if (withheld.length === 0) return { list };
    const dropped = await this.withhold(withheld.map((c) => c.delivery));
    if (dropped > 0) onWithheld?.(dropped);
    const gone = new Set(withheld.map((c) => c.delivery.seq));
    return { list: list.filter((c) => !gone.has(c.delivery.seq)), last: list.at(-1)!.delivery.seq };
  }

  /**
   * The items of these deliveries (in a transaction over `items`). A queue is mostly a run of consecutive seqs
   * (a delivery has its item's seq): then one read of that seq range, one request instead of one per item (in
   * Chromium each is a round trip to the browser process). One by one for any the range did not hold, and for
   * all when the range would hold more other items than these.
   */
  private async itemsOf(deliveries: readonly Delivery[]): Promise<Array<OutboxItem | undefined>> {
    const first = deliveries[0]?.seq;
    const last = deliveries.at(-1)?.seq;
    if (first === undefined || last === undefined || !mostlyConsecutive(deliveries.map((d) => d.seq))) {
      return this.db.items.bulkGet(deliveries.map((d) => d.itemId));
    }
    const inRange = await this.db.items.where('seq').between(first, last, true, true).toArray();
    const byId = new Map(inRange.map((item) => [item.id, item]));
    const missing = deliveries.filter((d) => !byId.has(d.itemId)).map((d) => d.itemId);
    if (missing.length > 0) {
      for (const item of await this.db.items.bulkGet(missing)) if (item) byId.set(item.id, item);
    }
    return deliveries.map((d) => byId.get(d.itemId));
  }

  /**
   * Drop deliveries of items that carry the pseudonymous install account for good from a destination whose
   * policy requires identity (./stamp.ts `withhold`; docs/policy.md § Meaning, `destinations`): they never go
   * there (nor are they shown as waiting for it). Returns how many were dropped. Each destination's `withheld`
   * count grows in the same transaction as the drop, so a worker stopped after it cannot under-count (the engine
   * only keeps its copy in step for its status reports; putDestination never writes the count).
   */
  private async withhold(deliveries: readonly Delivery[]): Promise<number> {
    const { db } = this;
    return db.transaction('rw', db.deliveries, db.destinations, db.meta, async () => {
      const keys = deliveries.map((d): [string, number] => [d.destinationId, d.seq]);
      const [current, marks] = await Promise.all([db.deliveries.bulkGet(keys), readSentThrough(db)]);
      const drop = current.filter(
        (d): d is Delivery =>
          d !== undefined && asSeen(d, marks.get(d.destinationId) ?? 0).state === 'pending',
      );
      await db.deliveries.bulkDelete(drop.map((d): [string, number] => [d.destinationId, d.seq]));
      const counts = new Map<string, number>();
      for (const d of drop) counts.set(d.destinationId, (counts.get(d.destinationId) ?? 0) + 1);
      for (const [id, n] of counts) {
        const state = (await db.destinations.get(id)) ?? newDestinationState(id);
        await db.destinations.put({ ...state, withheld: (state.withheld ?? 0) + n });
      }
      return drop.length;
    });
  }

  /**
   * Give the listed items the stamp's actor, unless a delivery of theirs anywhere may already be stored. Returns
   * each item as it now is, changed or not: another destination's claim may have given it an actor since this
   * claim read it, and what is sent or withheld must be judged on the stored statement, not on that copy.
   */
  private restamp(ids: string[], stamp: ActorStamp): Promise<Map<string, OutboxItem>> {
    const { db } = this;
    return db.transaction('rw', db.items, db.deliveries, db.destinations, db.meta, async () => {
      const wireSeq = new Map((await db.destinations.toArray()).map((s) => [s.id, s.wireSeq ?? 0]));
      const marks = await readSentThrough(db);
      const attempted = new Set(
        allAsSeen(await db.deliveries.where('itemId').anyOf(ids).toArray(), marks)
          .filter((d) => maybeStored(d, wireSeq.get(d.destinationId) ?? 0))
          .map((d) => d.itemId),
      );
      const current = new Map<string, OutboxItem>();
      const changed: OutboxItem[] = [];
      for (const item of await db.items.bulkGet(ids)) {
        if (!item) continue;
        const next =
          item.json && item.state === 'ready' && !attempted.has(item.id) ? withActor(item, stamp) : undefined;
        if (next) changed.push(next);
        current.set(item.id, next ?? item);
      }
      if (changed.length > 0) await db.items.bulkPut(changed);
      return current;
    });
  }

  /**
   * Deliveries answered as stored. When the batch holds every row stored `queued` between a destination's
   * sent-through mark and its own highest seq (a drain's batches: the claim reads them in that order), the mark
   * moves to that seq, one small write instead of rewriting each row and its index entries (./sent-through.ts;
   * bench/scale). Any other row of the batch (stored `pending`: a retry, a hold released late...) is rewritten as
   * sent, and so is the whole batch when some `queued` row in that range is not in it (it was not sent).
   */
  async markSent(deliveries: readonly Delivery[], now: number): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.deliveries, db.meta, async () => {
      const rewrite: Delivery[] = [];
      for (const [destinationId, batch] of byDestination(deliveries)) {
        const mark = await sentThroughOf(db, destinationId);
        const top = Math.max(...batch.map((d) => d.seq));
        const inBatch = new Set(batch.map((d) => d.seq));
        const run =
          top > mark
            ? (
                await db.deliveries
                  .where('[destinationId+state+seq]')
                  .between([destinationId, 'queued', mark], [destinationId, 'queued', top], false, true)
                  .primaryKeys()
              ).map(([, seq]) => seq)
            : [];
        if (run.length > 0 && run.every((seq) => inBatch.has(seq))) {
          await db.meta.put({ key: sentThroughKey(destinationId), value: top });
          const covered = new Set(run);
          rewrite.push(...batch.filter((d) => !covered.has(d.seq)));
        } else {
          rewrite.push(...batch);
        }
      }
      if (rewrite.length === 0) return;
      await db.deliveries.bulkPut(
        rewrite.map((d) => ({
          ...d,
          state: 'sent' as const,
          attempts: d.attempts + 1,
          lastAttemptAt: now,
        })),
      );
    });
  }

  /** Still pending, stored `pending`: a row that failed is one no sent-through mark covers (./sent-through.ts). */
  async recordFailure(deliveries: readonly Delivery[], now: number, error: string): Promise<void> {
    await this.db.deliveries.bulkPut(
      deliveries.map((d) => ({
        ...d,
        state: d.state === 'queued' ? ('pending' as const) : d.state,
        attempts: d.attempts + 1,
        lastAttemptAt: now,
        lastError: error,
      })),
    );
  }

  async quarantine(delivery: Delivery, now: number, status: number, message: string): Promise<void> {
    await this.db.deliveries.put({
      ...delivery,
      state: 'quarantined',
      attempts: delivery.attempts + 1,
      lastAttemptAt: now,
      lastError: message,
      quarantine: { status, message, at: now },
    });
  }

  /** Put a quarantined delivery back in the queue (after the learner or admin fixed the cause). */
  async requeue(destinationId: string, seq: number): Promise<void> {
    await this.requeueSeqs(destinationId, [seq]);
  }

  /**
   * Put these quarantined deliveries of a destination back in the queue, in their place (FIFO by seq). They keep
   * their attempts, so their bytes never change again. Returns how many went back.
   */
  requeueSeqs(destinationId: string, seqs: readonly number[]): Promise<number> {
    return this.db.deliveries
      .where('[destinationId+seq]')
      .anyOf(seqs.map((seq) => [destinationId, seq]))
      .filter((d) => d.state === 'quarantined')
      .modify(sendAgain);
  }

  /** The learner sends one refused item again: every quarantined delivery of it. */
  requeueItem(itemId: string): Promise<number> {
    return this.db.deliveries
      .where('itemId')
      .equals(itemId)
      .filter((d) => d.state === 'quarantined')
      .modify(sendAgain);
  }

  /** The learner sends every refused item again (the index range of quarantined deliveries, nothing else). */
  async requeueAll(destinationIds: readonly string[]): Promise<number> {
    let n = 0;
    for (const id of destinationIds) n += await this.quarantinedOf(id).modify(sendAgain);
    return n;
  }

  /** The quarantined deliveries of a destination, oldest first, with their items (for the learner to see). */
  async quarantined(destinationId: string, limit: number): Promise<Claimed[]> {
    const deliveries = await this.quarantinedOf(destinationId).limit(limit).toArray();
    const items = await this.db.items.bulkGet(deliveries.map((d) => d.itemId));
    return deliveries.map((delivery, i) => ({ delivery, item: items[i] }));
  }

  private quarantinedOf(destinationId: string) {
    return this.db.deliveries
      .where('[destinationId+state+seq]')
      .between([destinationId, 'quarantined', Dexie.minKey], [destinationId, 'quarantined', Dexie.maxKey]);
  }

  /**
   * The record's running totals (./tally.ts): a row per kind and week, a few hundred for years of learning. They
   * count only the items prepared so far (`recordLeft`).
   */
  tally(): Promise<WeekTally[]> {
    return this.db.tally.toArray();
  }

  private preparing: Promise<void> | undefined;

  /**
   * Prepare the items a database an older version left (./fill.ts), newest first, one run at a time; resolves
   * when none is left. Start it once the outbox is open; a run stopped mid-way resumes where it was.
   */
  prepareRecord(): Promise<void> {
    return (this.preparing ??= fillRecord(this.db).finally(() => {
      this.preparing = undefined;
    }));
  }

  /**
   * Whether the database is still opening `ms` from now (./opening.ts: an older version's upgrade): pages showing
   * the record say so rather than wait.
   */
  stillOpening(ms?: number): Promise<boolean> {
    return stillOpening(this.db, ms);
  }

  /** How many items are still to be prepared for My learning (0: its timeline and tally cover every item). */
  recordLeft(): Promise<number> {
    return recordLeft(this.db);
  }

  deliveriesOf(itemId: string): Promise<Delivery[]> {
    return this.seen(() => this.db.deliveries.where('itemId').equals(itemId).toArray());
  }

  /** Stored rows as every reader sees them (./sent-through.ts), read with the marks in one transaction. */
  private seen(read: () => Promise<Delivery[]>): Promise<Delivery[]> {
    const { db } = this;
    return db.transaction('r', db.deliveries, db.meta, async () => {
      const [rows, marks] = await Promise.all([read(), readSentThrough(db)]);
      return allAsSeen(rows, marks);
    });
  }

  getDestination(id: string): Promise<DestinationState | undefined> {
    return this.db.destinations.get(id);
  }

  /**
   * Write a destination's sync state. Its `withheld` count is stored with each drop (`withhold`) and only grows:
   * the larger of the stored and the given count is kept, so a state copied before a drop cannot undo it.
   */
  async putDestination(state: DestinationState): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.destinations, async () => {
      const withheld = Math.max((await db.destinations.get(state.id))?.withheld ?? 0, state.withheld ?? 0);
      const { withheld: _w, ...rest } = state;
      await db.destinations.put(withheld > 0 ? { ...rest, withheld } : rest);
    });
  }

  destinations(): Promise<DestinationState[]> {
    return this.db.destinations.toArray();
  }

  async counts(): Promise<StateCounts> {
    const [held, review, ready, discarded] = await Promise.all(
      (['held', 'review', 'ready', 'discarded'] as const).map((s) =>
        this.db.items.where('state').equals(s).count(),
      ),
    );
    return { held: held!, review: review!, ready: ready!, discarded: discarded! };
  }

  /** Index counts only; `queued` rows count as sent or pending by the destination's mark (./sent-through.ts). */
  async deliveryCounts(destinationId: string): Promise<DeliveryCounts> {
    const { db } = this;
    return db.transaction('r', db.deliveries, db.meta, async () => {
      const mark = await sentThroughOf(db, destinationId);
      const count = (state: Delivery['state'], from: unknown = Dexie.minKey, to: unknown = Dexie.maxKey) =>
        db.deliveries
          .where('[destinationId+state+seq]')
          .between([destinationId, state, from], [destinationId, state, to], true, true)
          .count();
      const [pending, sent, quarantined, queuedSent, queuedPending] = await Promise.all([
        count('pending'),
        count('sent'),
        count('quarantined'),
        count('queued', Dexie.minKey, mark),
        count('queued', mark + 1),
      ]);
      return { pending: pending + queuedPending, sent: sent + queuedSent, quarantined };
    });
  }

  /**
   * The newest `limit` items that `keep` accepts, newest first (a walk from the end of the seq index), below
   * `beforeSeq` when given (the next page).
   */
  newest(limit: number, keep: (item: OutboxItem) => boolean, beforeSeq?: number): Promise<OutboxItem[]> {
    const range =
      beforeSeq === undefined ? this.db.items.orderBy('seq') : this.db.items.where('seq').below(beforeSeq);
    return range.reverse().filter(keep).limit(limit).toArray();
  }

  /** Up to `limit` items after `afterSeq`, oldest first (a page of the seq index). */
  after(afterSeq: number, limit: number): Promise<OutboxItem[]> {
    return this.db.items.where('seq').above(afterSeq).limit(limit).toArray();
  }

  /** The deliveries of these items only (./item-deliveries.ts: by seq range over `destinationIds` when given). */
  deliveriesOfItems(
    items: ReadonlyArray<Pick<OutboxItem, 'id' | 'seq'>>,
    destinationIds?: readonly string[],
  ): Promise<Delivery[]> {
    const { db } = this;
    return db.transaction('r', db.deliveries, db.meta, () => deliveriesOfItems(db, items, destinationIds));
  }

  /** Items in FIFO order, newest first when `reverse`, for the learner's views. */
  list(options: { reverse?: boolean; limit?: number } = {}): Promise<OutboxItem[]> {
    let c = this.db.items.orderBy('seq');
    if (options.reverse) c = c.reverse();
    return (options.limit ? c.limit(options.limit) : c).toArray();
  }

  /**
   * Everything recorded, as an xAPI JSON array of the statements exactly as queued (and so exactly as sent):
   * the stored texts are joined, never re-serialised. Discarded items are left out; `states` narrows it further
   * (`['ready']`: only frozen statements, those sent or queued to be sent exactly so).
   */
  async exportXapiJson(options: { states?: readonly ItemState[] } = {}): Promise<string> {
    const states = options.states ?? ['held', 'review', 'ready'];
    const parts: string[] = [];
    await this.db.items.orderBy('seq').each((item) => {
      if (states.includes(item.state) && item.state !== 'discarded' && item.json) parts.push(item.json);
    });
    return `[${parts.join(',')}]`;
  }

  private async makeReady(
    items: OutboxItem[],
    now: number,
    destinationIds: readonly string[],
  ): Promise<void> {
    if (items.length === 0) return;
    await this.db.items.bulkPut(
      items.map((i) => ({ ...withoutHold(i), state: 'ready' as const, readyAt: now })),
    );
    await this.db.deliveries.bulkAdd(items.flatMap((i) => newDeliveries(i, destinationIds)));
  }

  private async mustGet(id: string): Promise<OutboxItem> {
    const item = await this.db.items.get(id);
    if (!item) throw new OutboxError(`No item ${id} in the outbox.`);
    return item;
  }
}

function sendAgain(d: Delivery): void {
  d.state = 'pending';
  delete d.quarantine;
}

function withoutHold(item: OutboxItem): OutboxItem {
  const { holdUntil: _drop, ...rest } = item;
  return rest;
}

/** `queued` only for fresh seqs (enqueue), above every sent-through mark; any other path stores `pending`. */
function newDeliveries(
  item: Pick<OutboxItem, 'seq' | 'id'>,
  destinationIds: readonly string[],
  state: 'pending' | 'queued' = 'pending',
): Delivery[] {
  return destinationIds.map((destinationId) => ({
    destinationId,
    seq: item.seq,
    itemId: item.id,
    state,
    attempts: 0,
  }));
}

/** Seqs (ascending) whose range holds fewer than twice as many seqs as they are: one range read pays. */
function mostlyConsecutive(seqs: readonly number[]): boolean {
  const first = seqs[0];
  const last = seqs.at(-1);
  return first !== undefined && last !== undefined && last - first < 2 * seqs.length;
}

function byDestination(deliveries: readonly Delivery[]): Map<string, Delivery[]> {
  const by = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    const list = by.get(d.destinationId);
    if (list) list.push(d);
    else by.set(d.destinationId, [d]);
  }
  return by;
}

export function newDestinationState(id: string): DestinationState {
  return { id, status: 'active', failures: 0, nextAttemptAt: 0 };
}

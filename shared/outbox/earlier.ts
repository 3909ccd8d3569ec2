/**
 * A destination's earlier record (docs/policy.md § Meaning, `destinations`): the ready items it has no delivery
 * for, because they were made ready before it was first configured (its `since`) or while it was not configured.
 * They reach it only when the learner chooses "Send my earlier record to …", after seeing how many they are.
 *
 * Found from indexes: the ready items' ids in seq order ([state+seq], primary keys only) minus the items of the
 * destination's deliveries (its own key range); items it already has are never read. When the two counts agree
 * nothing is walked. Only the candidates are read, in pages, each send page in its own bounded transaction, with
 * their other deliveries found by key ranges (one per destination), never one lookup per item.
 *
 * Which candidates go:
 * - not an item the learner deleted (its `voided` follow-up is left out with it), and a follow-up only when its
 *   original goes too or already went there;
 * - for a destination whose policy requires identity (`withhold`, the pseudonymous install account): not an item
 *   whose statement carries the pseudonym for good. An item no LRS may hold yet takes the current actor as its
 *   delivery is created (./stamp.ts), exactly as it would when claimed, so "captured under the pseudonym" means
 *   "its bytes were fixed with the pseudonym by an attempt elsewhere".
 */
import { Dexie } from 'dexie';
import type { OutboxDb } from './db';
import { carriesPseudonym, maybeStored, withActor, type ActorStamp } from './stamp';
import { deliveriesOfItems } from './item-deliveries';
import type { Delivery, OutboxItem } from './types';

/** Items read (and deliveries created) per transaction. */
const PAGE = 250;

/** Whose earlier record, for whom: the current actor and time, and for an identity-requiring destination the pseudonym. */
export interface EarlierChoice {
  destinationId: string;
  /** Never-attempted items take this actor as their delivery is created (./stamp.ts). */
  stamp: ActorStamp;
}

/** What a walk needs: the ids of ready items the destination has no delivery for (in seq order), and its item ids. */
interface Candidates {
  ids: string[];
  /** Items the destination already has a delivery for (originals of follow-ups are looked up here). */
  have: Set<string>;
}

/**
 * From indexes, with one bulk read each: the ready items' ids in seq order ([state+seq], primary keys only) and
 * the destination's deliveries (small rows, its own key range). Equal counts mean nothing earlier: nothing read.
 */
async function candidates(db: OutboxDb, destinationId: string): Promise<Candidates> {
  return db.transaction('r', db.items, db.deliveries, async () => {
    const ready = db.items.where('[state+seq]').between(['ready', Dexie.minKey], ['ready', Dexie.maxKey]);
    const mine = db.deliveries
      .where('[destinationId+seq]')
      .between([destinationId, Dexie.minKey], [destinationId, Dexie.maxKey]);
    // Deliveries exist only for ready items, so equal counts mean nothing earlier.
    if ((await ready.count()) === (await mine.count())) return { ids: [], have: new Set() };
    const have = new Set((await mine.toArray()).map((d) => d.itemId));
    return { ids: (await ready.primaryKeys()).filter((id) => !have.has(id)), have };
  });
}

/**
 * Judges one page of candidates (in seq order) inside the caller's transaction: the items that go, with the
 * actor they go with. `accepted` carries the ids accepted by earlier pages, for follow-ups.
 */
async function judgePage(
  db: OutboxDb,
  ids: readonly string[],
  choice: EarlierChoice,
  found: Candidates,
  accepted: Set<string>,
  /** Counting for a destination that takes any actor needs no statement parsed: the actor cannot exclude. */
  counting = false,
): Promise<Array<{ item: OutboxItem; restamped: boolean }>> {
  const { destinationId, stamp } = choice;
  const items = (await db.items.bulkGet([...ids])).filter(
    (i): i is OutboxItem => i !== undefined && i.state === 'ready' && i.json !== '' && !i.meta.deleted,
  );
  const destinationIds = await db.destinations.toCollection().primaryKeys();
  const byItem = new Map<string, Delivery[]>(items.map((i) => [i.id, []]));
  for (const d of await deliveriesOfItems(db, items, destinationIds)) byItem.get(d.itemId)?.push(d);
  const wireSeq = new Map((await db.destinations.toArray()).map((s) => [s.id, s.wireSeq ?? 0]));
  const out: Array<{ item: OutboxItem; restamped: boolean }> = [];
  for (const item of items) {
    const mine = byItem.get(item.id) ?? [];
    if (mine.some((d) => d.destinationId === destinationId)) continue; // created meanwhile
    const original = item.meta.followUpOf;
    if (original !== undefined && !accepted.has(original) && !found.have.has(original)) continue;
    const fixed = mine.some((d) => maybeStored(d, wireSeq.get(d.destinationId) ?? 0));
    const next = fixed || (counting && !stamp.withhold) ? undefined : withActor(item, stamp);
    const final = next ?? item;
    if (stamp.withhold && carriesPseudonym(final.json, stamp.withhold)) continue;
    accepted.add(item.id);
    out.push({ item: final, restamped: next !== undefined });
  }
  return out;
}

/** How many items the learner's choice would send to the destination now. */
export async function countEarlier(db: OutboxDb, choice: EarlierChoice): Promise<number> {
  const found = await candidates(db, choice.destinationId);
  const accepted = new Set<string>();
  let n = 0;
  for (let i = 0; i < found.ids.length; i += PAGE) {
    const page = found.ids.slice(i, i + PAGE);
    n += (
      await db.transaction('r', db.items, db.deliveries, db.destinations, db.meta, () =>
        judgePage(db, page, choice, found, accepted, true),
      )
    ).length;
  }
  return n;
}

/**
 * The learner chose: a pending delivery to the destination for each eligible earlier item, oldest first, one
 * bounded transaction per page (a capture in between waits for one page at most). Their seqs are below what the
 * destination may already have been sent, so items restamped here keep that actor for good (./stamp.ts treats
 * a delivery at or below the destination's `wireSeq` as possibly stored). Returns how many were queued.
 */
export async function queueEarlier(db: OutboxDb, choice: EarlierChoice): Promise<number> {
  const found = await candidates(db, choice.destinationId);
  const accepted = new Set<string>();
  let n = 0;
  for (let i = 0; i < found.ids.length; i += PAGE) {
    const page = found.ids.slice(i, i + PAGE);
    n += await db.transaction('rw', db.items, db.deliveries, db.destinations, db.meta, async () => {
      const going = await judgePage(db, page, choice, found, accepted);
      const restamped = going.filter((g) => g.restamped).map((g) => g.item);
      if (restamped.length > 0) await db.items.bulkPut(restamped);
      await db.deliveries.bulkAdd(
        going.map(({ item }) => ({
          destinationId: choice.destinationId,
          seq: item.seq,
          itemId: item.id,
          state: 'pending' as const,
          attempts: 0,
        })),
      );
      return going.length;
    });
  }
  return n;
}

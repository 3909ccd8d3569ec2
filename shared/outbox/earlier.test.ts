/**
 * docs/policy.md § Meaning, `destinations`: a destination gets items made ready from when it was first
 * configured; the earlier record only by the learner's choice; never the pseudonym where identity is required.
 */
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { buildArticleRead, freezeStatement, thawStatement, type XapiAgent } from '../xapi';
import { OutboxDb } from './db';
import { Outbox } from './outbox';
import type { NewItem } from './types';

let dbCounter = 0;
const dbName = () => `earlier-test-${++dbCounter}-${Math.random()}`;
const freshOutbox = () => Outbox.open(dbName());

const PSEUDONYM: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.app/xapi', name: '6f1c9a4e-8b2d-4c6f-9e1a-00000000abcd' },
};
const ADA: XapiAgent = { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@acme.example' };

const uuid = (n: number) => `3f1c9a4e-8b2d-4c6f-9e1a-${String(n).padStart(12, '0')}`;

function article(n: number, actor: XapiAgent = PSEUDONYM, extra: Partial<NewItem> = {}): NewItem {
  const statement = buildArticleRead(
    {
      url: `https://example.com/a/${n}`,
      keepQueryStrings: false,
      title: `A ${n}`,
      engagedSeconds: 90,
      completed: true,
    },
    {
      id: uuid(n),
      actor,
      timestamp: new Date('2025-03-10T11:00:00.000Z'),
      now: new Date('2025-03-10T12:00:00.000Z'),
      platform: 'example.com',
      source: { surface: 'extension', version: '1.0.0' },
    },
  );
  return {
    id: statement.id,
    json: freezeStatement(statement),
    meta: { kind: 'article', title: `A ${n}` },
    ...extra,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const actorOf = async (ob: Outbox, n: number) => thawStatement((await ob.get(uuid(n)))!.json).actor;
const claimedIds = async (ob: Outbox, dest: string, withhold?: XapiAgent) =>
  (await ob.claim(dest, 1000, 0, { actor: ADA, now: 9_000, withhold })).map((c) => c.item!.id);

describe('a destination new to the outbox', () => {
  it('records when it was first configured and gets nothing made ready before', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      range(1, 3).map((n) => article(n)),
      1_000,
      ['org'],
    );
    await ob.ensureDestinations(['org'], 1_000);
    await ob.ensureDestinations(['org', 'mine'], 5_000);
    await ob.ensureDestinations(['org', 'mine'], 6_000); // known: nothing changes
    expect((await ob.getDestination('mine'))?.since).toBe(5_000);
    expect((await ob.getDestination('org'))?.since).toBe(1_000);
    expect(await ob.deliveryCounts('mine')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 3, sent: 0, quarantined: 0 });

    // From then on it gets what becomes ready, also items captured earlier but held until now.
    await ob.enqueue(article(4, PSEUDONYM, { holdUntil: 7_000 }), 4_000, ['org', 'mine']);
    await ob.enqueue(article(5), 6_000, ['org', 'mine']);
    await ob.releaseDue(8_000, ['org', 'mine']);
    expect(await claimedIds(ob, 'mine')).toEqual([uuid(4), uuid(5)]);
  });

  it('gets exactly the eligible earlier items when the learner chooses, in bounded pages, once', async () => {
    const ob = freshOutbox();
    await ob.ensureDestinations(['org'], 0);
    await ob.enqueue(
      range(1, 600).map((n) => article(n, ADA)),
      1_000,
      ['org'],
    );
    await ob.enqueue(article(601, ADA, { review: true }), 1_000, ['org']); // not ready: not part of the record sent
    await ob.ensureDestinations(['org', 'mine'], 2_000);
    await ob.enqueue(article(602, ADA), 3_000, ['org', 'mine']);

    const choice = { destinationId: 'mine', stamp: { actor: ADA, now: 4_000 } };
    expect(await ob.countEarlier(choice)).toBe(600);
    expect(await ob.queueEarlier(choice)).toBe(600);
    expect(await ob.countEarlier(choice)).toBe(0);
    expect(await ob.queueEarlier(choice)).toBe(0);
    expect(await ob.deliveryCounts('mine')).toEqual({ pending: 601, sent: 0, quarantined: 0 });
    // Oldest first, ahead of what it already had.
    const ids = await claimedIds(ob, 'mine');
    expect(ids.slice(0, 2)).toEqual([uuid(1), uuid(2)]);
    expect(ids.at(-1)).toBe(uuid(602));
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 601, sent: 0, quarantined: 0 });
  }, 30_000); // ~0.5 s alone; 600 items in fake IndexedDB passed 5 s on a machine at load 17

  it('leaves out deleted items with their void, and follow-ups whose original does not go', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1, ADA), article(2, ADA)], 1_000, ['org']);
    const comment = article(3, ADA);
    const voiding = article(4, ADA, { meta: { kind: 'void', title: 'void' } });
    await ob.followUp(uuid(1), comment, 1_100);
    await ob.followUp(uuid(2), voiding, 1_200, (meta) => ({
      ...meta,
      deleted: { at: 1_200, voidId: uuid(4) },
    }));
    await ob.ensureDestinations(['org', 'mine'], 2_000);
    const choice = { destinationId: 'mine', stamp: { actor: ADA, now: 4_000 } };
    expect(await ob.countEarlier(choice)).toBe(2);
    await ob.queueEarlier(choice);
    expect(await claimedIds(ob, 'mine')).toEqual([uuid(1), uuid(3)]);
  });
});

describe('the pseudonymous install account and a destination that requires identity', () => {
  it('is never sent there: items fixed with it elsewhere are withheld, never-attempted ones take the learner', async () => {
    const ob = freshOutbox();
    // Before the organisation's policy: captured under the pseudonym and sent to the learner's own LRS.
    await ob.ensureDestinations(['mine'], 0);
    await ob.enqueue(
      range(1, 3).map((n) => article(n)),
      1_000,
      ['mine'],
    );
    const sent = await ob.claim('mine', 2, 0, { actor: PSEUDONYM, now: 1_500 });
    await ob.markSent(
      sent.map((c) => c.delivery),
      1_500,
    ); // items 1 and 2 now carry the pseudonym for good; item 3 was never attempted
    // The organisation's destination arrives (mustIdentify) and the learner identifies.
    await ob.ensureDestinations(['mine', 'org'], 2_000);
    await ob.enqueue(article(4), 2_500, ['mine', 'org']); // queued before identifying: never attempted

    const choice = { destinationId: 'org', stamp: { actor: ADA, now: 3_000, withhold: PSEUDONYM } };
    expect(await ob.countEarlier(choice)).toBe(1); // item 3 only
    expect(await ob.queueEarlier(choice)).toBe(1);
    expect(await actorOf(ob, 3)).toEqual(ADA);
    expect(await claimedIds(ob, 'org', PSEUDONYM)).toEqual([uuid(3), uuid(4)]);
    expect(await actorOf(ob, 4)).toEqual(ADA);
    expect(await actorOf(ob, 1)).toEqual(PSEUDONYM);

    // Without the organisation's demand, the learner's own LRS may have the earlier record as it was.
    expect(await ob.countEarlier({ destinationId: 'other', stamp: { actor: ADA, now: 3_000 } })).toBe(4);
  });

  it('drops a pending delivery whose item was fixed with the pseudonym, and keeps reading past it', async () => {
    const ob = freshOutbox();
    await ob.ensureDestinations(['mine', 'org'], 0);
    await ob.enqueue(
      range(1, 4).map((n) => article(n)),
      1_000,
      ['mine', 'org'],
    );
    const first = await ob.claim('mine', 3, 0, { actor: PSEUDONYM, now: 1_100 });
    await ob.markSent(
      first.map((c) => c.delivery),
      1_100,
    );
    // The organisation now requires identity; its first batch of three would be all pseudonymous.
    const claimed = await ob.claim('org', 3, 0, { actor: ADA, now: 2_000, withhold: PSEUDONYM });
    expect(claimed.map((c) => c.item!.id)).toEqual([uuid(4)]);
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 1, sent: 0, quarantined: 0 });
    expect(await ob.deliveryCounts('mine')).toEqual({ pending: 1, sent: 3, quarantined: 0 });
  });
});

describe('a database left by an older version', () => {
  it('v2: existing destinations keep their deliveries, nothing is added, a new one gets nothing old', async () => {
    const name = dbName();
    const v2 = new Dexie(name);
    v2.version(2).stores({
      items: 'id, &seq, state, [state+holdUntil]',
      deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
      destinations: 'id',
      meta: 'key',
    });
    const items = range(1, 5).map((n) => ({
      ...article(n, ADA),
      seq: n,
      state: 'ready',
      createdAt: n,
      readyAt: n,
    }));
    await v2.table('items').bulkAdd(items);
    await v2.table('deliveries').bulkAdd([
      ...range(1, 5).map((n) => ({
        destinationId: 'org',
        seq: n,
        itemId: uuid(n),
        state: n < 3 ? 'sent' : 'pending',
        attempts: n < 3 ? 1 : 0,
      })),
      ...range(4, 5).map((n) => ({
        destinationId: 'late',
        seq: n,
        itemId: uuid(n),
        state: 'pending',
        attempts: 0,
      })),
    ]);
    await v2.table('destinations').bulkAdd([
      { id: 'org', status: 'active', failures: 0, nextAttemptAt: 0 },
      { id: 'late', status: 'active', failures: 0, nextAttemptAt: 0 },
    ]);
    await v2.table('meta').put({ key: 'seq', value: 5 });
    v2.close();

    const ob = new Outbox(new OutboxDb(name));
    await ob.ensureDestinations(['org', 'late', 'new'], 10_000);
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 3, sent: 2, quarantined: 0 });
    expect(await ob.deliveryCounts('late')).toEqual({ pending: 2, sent: 0, quarantined: 0 });
    expect(await ob.deliveryCounts('new')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect((await ob.getDestination('org'))?.since).toBeUndefined();
    const mine = (id: string) => ({ destinationId: id, stamp: { actor: ADA, now: 10_000 } });
    expect(await ob.countEarlier(mine('late'))).toBe(3);
    expect(await ob.countEarlier(mine('new'))).toBe(5);
    ob.close();
  });

  it('v1: the single queue goes to the destinations configured when it is first opened, once', async () => {
    const name = dbName();
    const v1 = new Dexie(name);
    v1.version(1).stores({ items: 'id, seq, state, [state+holdUntil]', meta: 'key' });
    await v1.table('items').bulkAdd(
      range(1, 2).map((n) => ({
        id: uuid(n),
        seq: n,
        state: 'ready',
        createdAt: n,
        statement: { n },
        meta: { kind: 'article', title: 'x' },
      })),
    );
    v1.close();
    const ob = new Outbox(new OutboxDb(name));
    await ob.ensureDestinations(['lrs'], 1_000);
    await ob.ensureDestinations(['lrs', 'added'], 2_000);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 2, sent: 0, quarantined: 0 });
    expect(await ob.deliveryCounts('added')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    ob.close();
  });
});

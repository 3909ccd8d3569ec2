import { describe, expect, it } from 'vitest';
import {
  buildArticleRead,
  buildCommented,
  buildVoided,
  freezeStatement,
  thawStatement,
  type StatementContext,
  type XapiAgent,
  type XapiStatement,
} from '../xapi';
import { Outbox, newDestinationState } from './outbox';
import type { NewItem } from './types';

let dbCounter = 0;
const freshOutbox = () => Outbox.open(`restamp-test-${++dbCounter}-${Math.random()}`);

const PSEUDONYM: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.example/', name: 'install-1234' },
};
const ADA: XapiAgent = { objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@acme.example' };

const uuid = (n: number) => `3f1c9a4e-8b2d-4c6f-9e1a-${String(n).padStart(12, '0')}`;

function context(n: number, actor: XapiAgent = PSEUDONYM): StatementContext {
  return {
    id: uuid(n),
    actor,
    timestamp: new Date('2025-03-10T11:00:00.000Z'),
    now: new Date('2025-03-10T12:00:00.000Z'),
    language: 'en-GB',
    platform: 'example.com',
    source: { surface: 'extension', version: '1.2.3' },
  };
}

/** An article item as the apps queue it: the frozen statement plus the draft it was built from. */
function article(n: number, extra: Partial<NewItem> = {}, actor: XapiAgent = PSEUDONYM): NewItem {
  const input = {
    url: `https://example.com/a/${n}`,
    keepQueryStrings: false,
    title: `A ${n}`,
    engagedSeconds: 90,
    completed: true,
  };
  const ctx = context(n, actor);
  const statement = buildArticleRead(input, ctx);
  return {
    id: statement.id,
    json: freezeStatement(statement),
    meta: {
      kind: 'article',
      title: `A ${n}`,
      draft: { builder: 'article', input, context: { ...ctx, timestamp: ctx.timestamp.toISOString() } },
    },
    ...extra,
  };
}

const statementOf = async (ob: Outbox, id: string): Promise<XapiStatement> =>
  thawStatement((await ob.get(id))!.json);

const stampAt = (now: number, actor: XapiAgent = ADA) => ({ actor, now });
const claimIds = async (ob: Outbox, dest: string, now: number, actor: XapiAgent = ADA) =>
  (await ob.claim(dest, 100, 0, stampAt(now, actor))).map((c) => c.item?.id);

describe('Outbox.claim with an actor stamp (shared/outbox/stamp.ts)', () => {
  it('gives never-attempted items the current actor as they are claimed, keeping the rest of the statement', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2, { holdUntil: 10_000 }), article(3, { review: true })], 1_000, [
      'lrs',
    ]);
    const before = await statementOf(ob, uuid(1));
    await ob.releaseDue(20_000, ['lrs']);
    await ob.approve(uuid(3), 20_000, ['lrs']);

    const claimed = await ob.claim('lrs', 10, 0, stampAt(30_000));
    expect(claimed.map((c) => c.item?.id)).toEqual([uuid(1), uuid(2), uuid(3)]);
    for (const [i, n] of [1, 2, 3].entries()) {
      const item = (await ob.get(uuid(n)))!;
      expect(claimed[i]!.item).toEqual(item); // what is sent is what is stored
      const statement = thawStatement(item.json);
      expect(statement.actor).toEqual(ADA);
      expect(statement.id).toBe(uuid(n));
      expect(item.actorStampedAt).toBe(30_000);
      expect((item.meta.draft?.context as { actor: unknown }).actor).toEqual(ADA);
    }
    const after = await statementOf(ob, uuid(1));
    expect({ ...after, actor: before.actor }).toEqual(before); // only the actor changed
    expect('authority' in after).toBe(false);
    // Still queued exactly as before: the same deliveries, never attempted.
    expect((await ob.deliveriesOf(uuid(1)))[0]).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('touches only the claimed batch, never the rest of the backlog', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      Array.from({ length: 30 }, (_, i) => article(i + 1)),
      1_000,
      ['lrs'],
    );
    const batch = await ob.claim('lrs', 5, 0, stampAt(2_000));
    expect(batch).toHaveLength(5);
    const actors = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => (await statementOf(ob, uuid(i + 1))).actor),
    );
    expect(actors.slice(0, 5)).toEqual(Array(5).fill(ADA));
    expect(actors.slice(5)).toEqual(Array(25).fill(PSEUDONYM));
  });

  it('leaves every item attempted, sent or quarantined anywhere byte for byte as it was', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2), article(3), article(4)], 1_000, ['a', 'b']);
    const [d1, d2, d3, d4] = (await ob.claim('a', 10)).map((c) => c.delivery);
    await ob.markSent([d1!], 1_500);
    await ob.recordFailure([d2!], 1_500, 'network error');
    await ob.quarantine(d3!, 1_500, 400, 'bad');
    await ob.quarantine(d4!, 1_500, 400, 'bad');
    await ob.requeue('a', d4!.seq); // back to pending, but it was attempted once
    const before = await Promise.all([1, 2, 3, 4].map(async (n) => (await ob.get(uuid(n)))!));

    // b never tried them, but a may hold them: b gets the same bytes.
    expect(await claimIds(ob, 'b', 2_000)).toEqual([1, 2, 3, 4].map(uuid));
    expect(await claimIds(ob, 'a', 2_000)).toEqual([uuid(2), uuid(4)]);

    const after = await Promise.all([1, 2, 3, 4].map(async (n) => (await ob.get(uuid(n)))!));
    expect(after).toEqual(before);
  });

  it('restamps follow-ups (commented, voided) only while they were never attempted', async () => {
    const ob = freshOutbox();
    await ob.enqueue(article(1), 1_000, ['lrs']);
    const [original] = await ob.claim('lrs', 1);
    await ob.markSent([original!.delivery], 1_100); // the original went out with the pseudonym: it stays so
    const comment = buildCommented({ originalId: uuid(1), reflection: 'Useful', skills: [] }, context(2));
    const voiding = buildVoided({ originalId: uuid(1) }, context(3));
    for (const s of [comment, voiding]) {
      await ob.followUp(
        uuid(1),
        { id: s.id, json: freezeStatement(s), meta: { kind: 'comment', title: 'c' } },
        1_200,
      );
    }
    const [, sentVoid] = await ob.claim('lrs', 10);
    await ob.recordFailure([sentVoid!.delivery], 1_300, 'timeout');

    expect(await claimIds(ob, 'lrs', 2_000)).toEqual([uuid(2), uuid(3)]);
    expect((await statementOf(ob, uuid(1))).actor).toEqual(PSEUDONYM);
    expect((await statementOf(ob, uuid(2))).actor).toEqual(ADA);
    expect((await statementOf(ob, uuid(2))).object).toEqual({ objectType: 'StatementRef', id: uuid(1) });
    expect((await statementOf(ob, uuid(3))).actor).toEqual(PSEUDONYM);
  });

  it('is idempotent: a second claim with the same actor writes nothing', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2)], 1_000, ['lrs']);
    await claimIds(ob, 'lrs', 2_000);
    const once = await ob.list();
    await claimIds(ob, 'lrs', 3_000);
    expect(await ob.list()).toEqual(once);
    expect(once[0]!.actorStampedAt).toBe(2_000);
  });

  it('changes nothing when the items already carry the current actor, or without a stamp', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1, {}, ADA), article(2)], 1_000, ['lrs']);
    const before = await ob.list();
    await ob.claim('lrs', 10);
    expect(await ob.list()).toEqual(before);
    await claimIds(ob, 'lrs', 2_000);
    expect((await ob.get(uuid(1)))!).toEqual(before[0]);
  });

  it('leaves texts that are not valid statements for the engine to quarantine', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      [
        { id: uuid(2), json: '{"not":"a statement"}', meta: { kind: 'article', title: 'x' } },
        { id: uuid(3), json: '{"id":', meta: { kind: 'article', title: 'y' } },
      ],
      1_000,
      ['lrs'],
    );
    expect(await claimIds(ob, 'lrs', 2_000)).toEqual([uuid(2), uuid(3)]);
    expect((await ob.get(uuid(2)))!.json).toBe('{"not":"a statement"}');
    expect((await ob.get(uuid(3)))!.json).toBe('{"id":');
  });

  it('refuses an actor that would make the statements invalid, and changes nothing', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2)], 1_000, ['lrs']);
    const before = await ob.list();
    const bad = { objectType: 'Agent', mbox: 'ada@acme.example' } as XapiAgent; // no mailto:
    await expect(ob.claim('lrs', 10, 0, stampAt(2_000, bad))).rejects.toThrow(/current actor/);
    expect(await ob.list()).toEqual(before);
  });

  it('leaves items a sync put on the wire without recording an answer (the worker stopped mid-request)', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2)], 1_000, ['lrs', 'other']);
    const [first] = await ob.claim('lrs', 1);
    await ob.putDestination({ ...newDestinationState('lrs'), wireSeq: first!.delivery.seq });

    expect(await claimIds(ob, 'other', 2_000)).toEqual([uuid(1), uuid(2)]);
    expect((await statementOf(ob, uuid(1))).actor).toEqual(PSEUDONYM);
    expect((await statementOf(ob, uuid(2))).actor).toEqual(ADA);
  });
});

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

describe('Outbox.restampActor', () => {
  it('gives never-attempted items (held, in review, ready and pending) the current actor, keeping the rest', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2, { holdUntil: 10_000 }), article(3, { review: true })], 1_000, [
      'lrs',
    ]);
    const before = await statementOf(ob, uuid(1));

    expect(await ob.restampActor(ADA, 2_000)).toBe(3);

    for (const n of [1, 2, 3]) {
      const item = (await ob.get(uuid(n)))!;
      const statement = thawStatement(item.json);
      expect(statement.actor).toEqual(ADA);
      expect(statement.id).toBe(uuid(n));
      expect(item.actorStampedAt).toBe(2_000);
      expect((item.meta.draft?.context as { actor: unknown }).actor).toEqual(ADA);
    }
    const after = await statementOf(ob, uuid(1));
    expect({ ...after, actor: before.actor }).toEqual(before); // only the actor changed
    expect(after.timestamp).toBe(before.timestamp);
    expect('authority' in after).toBe(false);
    // Still queued exactly as before: same delivery, never attempted.
    expect((await ob.claim('lrs', 10)).map((c) => c.item?.id)).toEqual([uuid(1)]);
  });

  it('leaves every item that was attempted, sent or quarantined byte for byte as it was', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2), article(3), article(4)], 1_000, ['a', 'b']);
    const [d1, d2, d3, d4] = (await ob.claim('a', 10)).map((c) => c.delivery);
    await ob.markSent([d1!], 1_500);
    await ob.recordFailure([d2!], 1_500, 'network error');
    await ob.quarantine(d3!, 1_500, 400, 'bad');
    await ob.quarantine(d4!, 1_500, 400, 'bad');
    await ob.requeue('a', d4!.seq); // back to pending, but it was attempted once
    const before = await Promise.all([1, 2, 3, 4].map(async (n) => (await ob.get(uuid(n)))!));

    expect(await ob.restampActor(ADA, 2_000)).toBe(0);

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
    await ob.markSent([sentVoid!.delivery], 1_300);

    expect(await ob.restampActor(ADA, 2_000)).toBe(1);
    expect((await statementOf(ob, uuid(1))).actor).toEqual(PSEUDONYM);
    expect((await statementOf(ob, uuid(2))).actor).toEqual(ADA);
    expect((await statementOf(ob, uuid(2))).object).toEqual({ objectType: 'StatementRef', id: uuid(1) });
    expect((await statementOf(ob, uuid(3))).actor).toEqual(PSEUDONYM);
  });

  it('is idempotent: a second run with the same actor changes nothing', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2, { review: true })], 1_000, ['lrs']);
    expect(await ob.restampActor(ADA, 2_000)).toBe(2);
    const once = await ob.list();
    expect(await ob.restampActor(ADA, 3_000)).toBe(0);
    expect(await ob.list()).toEqual(once);
  });

  it('changes nothing when the items already carry the current actor', async () => {
    const ob = freshOutbox();
    await ob.enqueue(article(1, {}, ADA), 1_000, ['lrs']);
    const before = await ob.get(uuid(1));
    expect(await ob.restampActor(ADA, 2_000)).toBe(0);
    expect(await ob.get(uuid(1))).toEqual(before);
  });

  it('skips discarded items and texts that are not valid statements (the engine quarantines those)', async () => {
    const ob = freshOutbox();
    await ob.enqueue(
      [
        article(1, { review: true }),
        { id: uuid(2), json: '{"not":"a statement"}', meta: { kind: 'article', title: 'x' } },
      ],
      1_000,
      ['lrs'],
    );
    await ob.discard(uuid(1));
    expect(await ob.restampActor(ADA, 2_000)).toBe(0);
    expect((await ob.get(uuid(2)))!.json).toBe('{"not":"a statement"}');
  });

  it('refuses an actor that would make the statements invalid, and changes nothing', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2)], 1_000, ['lrs']);
    const before = await ob.list();
    const bad = { objectType: 'Agent', mbox: 'ada@acme.example' } as XapiAgent; // no mailto:
    await expect(ob.restampActor(bad, 2_000)).rejects.toThrow(/current actor/);
    expect(await ob.list()).toEqual(before);
  });

  it('leaves items a sync put on the wire without recording an answer (the worker stopped mid-request)', async () => {
    const ob = freshOutbox();
    await ob.enqueue([article(1), article(2)], 1_000, ['lrs']);
    const [first] = await ob.claim('lrs', 1);
    await ob.putDestination({ ...newDestinationState('lrs'), wireSeq: first!.delivery.seq });

    expect(await ob.restampActor(ADA, 2_000)).toBe(1);
    expect((await statementOf(ob, uuid(1))).actor).toEqual(PSEUDONYM);
    expect((await statementOf(ob, uuid(2))).actor).toEqual(ADA);
  });
});

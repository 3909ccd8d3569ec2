import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import type { XapiAgent } from '../xapi';
import { queryRecord } from './query';
import { recordPage } from './view';

describe("recordPage (My learning's first screen)", () => {
  it('is the newest part of the whole record, follow-ups and discarded items left out, statuses the same', async () => {
    const ob = Outbox.open(`record-page-${Math.random()}`);
    const item = (n: number, extra: object = {}) => ({
      id: `i${n}`,
      json: JSON.stringify({ id: `i${n}`, timestamp: new Date(1.7e12 + n * 60_000).toISOString() }),
      meta: { kind: 'article', title: `A ${n}` },
      ...extra,
    });
    await ob.enqueue(
      Array.from({ length: 300 }, (_, n) => item(n)),
      1,
      ['d'],
    );
    await ob.enqueue(item(300, { review: true }), 2, ['d']);
    await ob.discard('i300');
    const [first] = await ob.claim('d', 1, 299);
    await ob.markSent([first!.delivery], 3);
    await ob.followUp(
      'i299',
      { id: 'c1', json: '{"id":"c1"}', meta: { kind: 'comment', title: 'c' } },
      4,
      (m) => ({
        ...m,
        comments: [{ id: 'c1', at: 4, reflection: 'Good' }],
      }),
    );
    const page = await recordPage(ob, ['d'], 100);
    expect(page).toHaveLength(100);
    // The timeline's walk (by when it happened) gives the same first page on a record captured in order.
    expect(page).toEqual((await queryRecord(ob, ['d'], {}, 100)).items);
    expect(page[0]).toMatchObject({
      id: 'i299',
      status: 'sent',
      comments: [{ reflection: 'Good', sent: false }],
    });
  });

  it('says an item made ready before every configured destination is kept here, not sent (the earlier record)', async () => {
    const ob = Outbox.open(`record-local-${Math.random()}`);
    const item = (n: number) => ({
      id: `i${n}`,
      json: `{"id":"i${n}"}`,
      meta: { kind: 'article', title: `A ${n}` },
    });
    await ob.enqueue(item(1), 1, []);
    await ob.ensureDestinations(['d'], 2);
    await ob.enqueue(item(2), 3, ['d']);
    expect((await recordPage(ob, ['d'], 10)).map((i) => [i.id, i.status])).toEqual([
      ['i2', 'waiting'],
      ['i1', 'local'],
    ]);
    await ob.queueEarlier({
      destinationId: 'd',
      stamp: { actor: { objectType: 'Agent', mbox: 'mailto:a@b.example' }, now: 4 },
    });
    expect((await recordPage(ob, ['d'], 10)).map((i) => i.status)).toEqual(['waiting', 'waiting']);
    ob.close();
  });

  it('says which destination requiring identity an item fixed with the pseudonym was kept from', async () => {
    const ob = Outbox.open(`record-withheld-${Math.random()}`);
    const pseudonym: XapiAgent = {
      objectType: 'Agent',
      account: { homePage: 'https://trailnote.app/xapi', name: 'p' },
    };
    const ada = { objectType: 'Agent', mbox: 'mailto:ada@acme.example' };
    const item = (id: string, actor: object) => ({
      id,
      json: JSON.stringify({ id, actor, timestamp: '2025-03-01T10:00:00.000Z' }),
      meta: { kind: 'article', title: id },
    });
    await ob.enqueue([item('early', pseudonym), item('later', ada)], 1, ['mine']);
    await ob.markSent(
      (await ob.claim('mine', 10)).map((c) => c.delivery),
      2,
    );
    const withheld = { pseudonym, requiring: [{ id: 'org', name: 'Acme LRS' }] };
    const page = await queryRecord(ob, ['mine', 'org'], {}, 10, { withheld });
    expect(page.items.map((i) => [i.id, i.withheld])).toEqual([
      ['later', undefined],
      ['early', ['Acme LRS']],
    ]);
    expect((await queryRecord(ob, ['mine'], {}, 10)).items.every((i) => i.withheld === undefined)).toBe(true);
    ob.close();
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_OPENING_MESSAGE } from '../../../shared/outbox';
import type { DestinationConfig } from '../../../shared/sync';
import { buildArticleRead, freezeStatement, type XapiAgent } from '../../../shared/xapi';
import type { OutboxConfig } from '../../core/contract';
import { heldOutbox } from '../../../test/support/held-outbox';
import { checkedAnswer } from '../../core/outbox-answers';
import { OutboxHost } from './host';

// The outbox window's side of "Send my earlier record to …" (docs/policy.md § New destinations and the earlier
// record): the choice is made from main's last configuration. Dexie on fake-indexeddb.

const ADA: XapiAgent = { objectType: 'Agent', mbox: 'mailto:ada@acme.example' };
const PSEUDONYM: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.app/xapi', name: '0d8c6a52-0000-4000-8000-000000000001' },
};
const NOW = Date.parse('2026-12-02T10:00:00Z');

const destination = (id: string, requiresIdentity = false): DestinationConfig => ({
  id,
  endpoint: `https://${id}.example/xapi/`,
  credentials: { kind: 'bearer', token: 't' },
  xapiVersion: 'auto',
  requiresIdentity,
});

const config = (destinations: DestinationConfig[], maySend = true): OutboxConfig => ({
  destinations,
  maySend,
  actor: ADA,
  pseudonym: PSEUDONYM,
  version: '1.0.0',
});

/** An article item as the apps queue it: a real statement, frozen. */
function item(n: number, actor: XapiAgent) {
  const statement = buildArticleRead(
    {
      url: `https://example.com/a/${n}`,
      keepQueryStrings: false,
      title: `A ${n}`,
      engagedSeconds: 90,
      completed: true,
    },
    {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      actor,
      timestamp: new Date(NOW - 60_000),
      now: new Date(NOW),
      platform: 'example.com',
      source: { surface: 'desktop', version: '1.0.0' },
    },
  );
  return { id: statement.id, json: freezeStatement(statement), meta: { kind: 'article', title: `A ${n}` } };
}

function host(): { host: OutboxHost; outbox: Outbox } {
  const outbox = Outbox.open(`host-earlier-${Math.random()}`);
  return { host: new OutboxHost(outbox, () => NOW), outbox };
}

describe('OutboxHost: the earlier record', () => {
  it('counts and queues a new destination’s earlier record only when asked', async () => {
    const { host: h, outbox } = host();
    await h.handle({ op: 'configure', config: config([destination('org')]) });
    await h.handle({ op: 'enqueue', item: item(1, ADA) });
    await h.handle({ op: 'enqueue', item: item(2, ADA) });
    await h.handle({ op: 'configure', config: config([destination('org'), destination('mine')]) });
    expect(await outbox.deliveryCounts('mine')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect(await h.handle({ op: 'earlierCount', destinationId: 'mine' })).toEqual({ count: 2 });
    expect(await h.handle({ op: 'queueEarlier', destinationId: 'mine' })).toEqual({ ok: true, queued: 2 });
    expect(await outbox.deliveryCounts('mine')).toEqual({ pending: 2, sent: 0, quarantined: 0 });
    expect(await h.handle({ op: 'earlierCount', destinationId: 'mine' })).toEqual({ count: 0 });
    outbox.close();
  });

  it('withholds the pseudonym from a destination that requires identity, and waits for identification', async () => {
    const { host: h, outbox } = host();
    await h.handle({ op: 'configure', config: config([destination('mine')]) });
    await h.handle({ op: 'enqueue', item: item(1, PSEUDONYM) });
    await h.handle({ op: 'enqueue', item: item(2, PSEUDONYM) });
    const [sent] = await outbox.claim('mine', 1);
    await outbox.markSent([sent!.delivery], NOW); // item 1 carries the pseudonym for good
    const org = [destination('mine'), destination('org', true)];

    await h.handle({ op: 'configure', config: config(org, false) });
    expect(await h.handle({ op: 'earlierCount', destinationId: 'org' })).toEqual({
      count: 0,
      reason: 'identify-first',
    });
    expect(await h.handle({ op: 'queueEarlier', destinationId: 'org' })).toMatchObject({ ok: false });

    await h.handle({ op: 'configure', config: config(org, true) }); // identified
    expect(await h.handle({ op: 'earlierCount', destinationId: 'org' })).toEqual({ count: 1 });
    expect(await h.handle({ op: 'queueEarlier', destinationId: 'org' })).toEqual({ ok: true, queued: 1 });
    const [queued] = await outbox.claim('org', 10);
    expect(queued?.item?.id).toBe(item(2, ADA).id);
    expect(JSON.parse(queued!.item!.json)).toMatchObject({ actor: ADA }); // never attempted: the learner now
    expect(await h.handle({ op: 'earlierCount', destinationId: 'gone' })).toEqual({
      count: 0,
      reason: 'not-configured',
    });
    outbox.close();
  });
});

describe('OutboxHost: items an LRS refused', () => {
  /** Two items queued for `org` and `mine`; item 1 refused by `org` (quarantined with its message), item 2 sent. */
  async function refusedSetup() {
    const { host: h, outbox } = host();
    const org = { ...destination('org'), name: 'Acme LRS' };
    await h.handle({ op: 'configure', config: config([org, destination('mine')]) });
    await h.handle({ op: 'enqueue', item: item(1, ADA) });
    await h.handle({ op: 'enqueue', item: item(2, ADA) });
    const [first, second] = await outbox.claim('org', 10);
    await outbox.quarantine(first!.delivery, NOW, 400, 'HTTP 400: verb is not a valid IRI');
    await outbox.markSent([second!.delivery], NOW);
    return { h, outbox };
  }

  it('lists them with the destination’s name and the LRS’s message, and counts them in the summary', async () => {
    const { h, outbox } = await refusedSetup();
    expect(await h.handle({ op: 'refused' })).toEqual({
      count: 1,
      items: [
        {
          id: item(1, ADA).id,
          title: 'A 1',
          destination: 'Acme LRS',
          message: 'HTTP 400: verb is not a valid IRI',
        },
      ],
    });
    expect(await h.handle({ op: 'summary' })).toMatchObject({ refused: 1 });
    outbox.close();
  });

  it('sends one item again, then nothing is left refused', async () => {
    const { h, outbox } = await refusedSetup();
    expect(await h.handle({ op: 'resend', id: item(2, ADA).id })).toEqual({ requeued: 0 }); // not refused
    expect(await h.handle({ op: 'resend', id: item(1, ADA).id })).toEqual({ requeued: 1 });
    expect(await outbox.deliveryCounts('org')).toEqual({ pending: 1, sent: 1, quarantined: 0 });
    expect(await h.handle({ op: 'refused' })).toBeNull();
    expect(await h.handle({ op: 'summary' })).toMatchObject({ refused: 0 });
    outbox.close();
  });

  it('sends all again, only at configured destinations', async () => {
    const { h, outbox } = await refusedSetup();
    await h.handle({ op: 'configure', config: config([destination('mine')]) }); // org removed
    expect(await h.handle({ op: 'refused' })).toBeNull();
    expect(await h.handle({ op: 'resend' })).toEqual({ requeued: 0 });
    await h.handle({ op: 'configure', config: config([destination('org'), destination('mine')]) });
    expect(await h.handle({ op: 'resend' })).toEqual({ requeued: 1 });
    const [again] = await outbox.claim('org', 10);
    expect(again?.item?.id).toBe(item(1, ADA).id);
    outbox.close();
  });
});

describe('OutboxHost: an outbox still opening', () => {
  it('answers the summary and My learning with the message at once, then with the record once open', async () => {
    const { outbox, release } = await heldOutbox();
    const host = new OutboxHost(outbox, () => NOW);
    const summary = await host.handle({ op: 'summary' });
    expect(summary).toEqual({
      waiting: 0,
      refused: 0,
      opening: OUTBOX_OPENING_MESSAGE,
      destinations: [],
      items: [],
    });
    // main accepts these answers (desktop/core/outbox-answers.ts)
    expect(checkedAnswer('summary', summary)).toBe(summary);
    const page = await host.handle({ op: 'record', query: {}, limit: 50 });
    expect(page).toEqual({ items: [], opening: OUTBOX_OPENING_MESSAGE });
    expect(checkedAnswer('record', page)).toBe(page);
    release();
    await outbox.db.open();
    expect(await host.handle({ op: 'summary' })).not.toHaveProperty('opening');
    expect(await host.handle({ op: 'record', query: {}, limit: 50 })).toEqual({ items: [] });
    outbox.close();
  });
});

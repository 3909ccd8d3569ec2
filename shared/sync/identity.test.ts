/**
 * docs/policy.md § New destinations and the earlier record: a statement carrying the pseudonymous install account
 * for good never reaches a destination that requires identity, through the pass both apps run (syncPass).
 */
import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { buildArticleRead, freezeStatement, type XapiAgent } from '../xapi';
import type { DestinationConfig } from './engine';
import { syncPass } from './pass';

const ADA: XapiAgent = { objectType: 'Agent', mbox: 'mailto:ada@acme.example' };
const PSEUDONYM: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://trailnote.app/xapi', name: '5b1e0c1a-0000-4000-8000-00000000beef' },
};

function article(n: number, actor: XapiAgent) {
  const statement = buildArticleRead(
    {
      url: `https://example.com/${n}`,
      keepQueryStrings: false,
      title: `A ${n}`,
      engagedSeconds: 90,
      completed: true,
    },
    {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      actor,
      timestamp: new Date(1_000),
      now: new Date(1_000),
      platform: 'example.com',
      source: { surface: 'extension', version: '1.0.0' },
    },
  );
  return { id: statement.id, json: freezeStatement(statement), meta: { kind: 'article', title: `A ${n}` } };
}

/** Two LRSs answering through fetch: what each was sent, by statement id and actor. */
function lrss() {
  const got: Record<string, Array<{ id: string; actor: XapiAgent }>> = {};
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname.endsWith('/about')) return Promise.resolve(new Response('{"version":["1.0.3"]}'));
    const batch = JSON.parse(typeof init?.body === 'string' ? init.body : '[]') as Array<{
      id: string;
      actor: XapiAgent;
    }>;
    (got[url.host] ??= []).push(...batch.map((s) => ({ id: s.id, actor: s.actor })));
    return Promise.resolve(new Response(JSON.stringify(batch.map((s) => s.id))));
  };
  return { got, fetchImpl };
}

const destination = (id: string, requiresIdentity: boolean): DestinationConfig => ({
  id,
  endpoint: `https://${id}.example/xapi/`,
  credentials: { kind: 'bearer', token: 't' },
  xapiVersion: '1.0.3',
  requiresIdentity,
});

describe('syncPass and a destination that requires identity', () => {
  it('sends it the learner’s statements, never one fixed with the pseudonym', async () => {
    const ob = Outbox.open(`identity-${Math.random()}`);
    const { got, fetchImpl } = lrss();
    const now = () => 2_000;
    // Before the organisation's policy: the learner's own LRS gets item 1 under the pseudonym.
    await ob.enqueue(article(1, PSEUDONYM), 1_000, ['mine']);
    const mineOnly = [destination('mine', false)];
    await syncPass(ob, {
      destinations: mineOnly,
      actor: () => PSEUDONYM,
      maySend: true,
      force: false,
      now,
      fetch: fetchImpl,
    });
    expect(got['mine.example']?.map((s) => s.actor)).toEqual([PSEUDONYM]);

    // Then an item reaches both queues while the learner's own LRS is down: item 1 is queued for the
    // organisation too (as if configured then), item 2 never attempted anywhere.
    await ob.enqueue(article(2, PSEUDONYM), 1_500, ['mine', 'org']);
    const [d1] = await ob.deliveriesOf(article(1, PSEUDONYM).id);
    await ob.db.deliveries.add({ ...d1!, destinationId: 'org', state: 'pending', attempts: 0 });
    const both = [destination('mine', false), destination('org', true)];
    await syncPass(ob, {
      destinations: both,
      actor: () => ADA,
      pseudonym: PSEUDONYM,
      maySend: true,
      force: false,
      now,
      fetch: fetchImpl,
    });
    expect(got['org.example']).toEqual([{ id: article(2, ADA).id, actor: ADA }]);
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 0, sent: 1, quarantined: 0 });
    expect(got['mine.example']?.map((s) => s.actor)).toEqual([PSEUDONYM, ADA]);
    // Item 1 was kept from the organisation's LRS, and its row can say so: counted as it was dropped.
    expect((await ob.getDestination('org'))?.withheld).toBe(1);
    expect((await ob.getDestination('mine'))?.withheld).toBeUndefined();
    // Counted once: a later pass has nothing more to withhold.
    await ob.enqueue(article(3, ADA), 1_800, ['mine', 'org']);
    await syncPass(ob, {
      destinations: both,
      actor: () => ADA,
      pseudonym: PSEUDONYM,
      maySend: true,
      force: false,
      now,
      fetch: fetchImpl,
    });
    expect(got['org.example']?.map((s) => s.id)).toEqual([article(2, ADA).id, article(3, ADA).id]);
    expect((await ob.getDestination('org'))?.withheld).toBe(1);
    ob.close();
  });

  it('counts an item kept from it even when the pass sends nothing there', async () => {
    const ob = Outbox.open(`identity-${Math.random()}`);
    const { got, fetchImpl } = lrss();
    const now = () => 2_000;
    await ob.enqueue(article(1, PSEUDONYM), 1_000, ['mine']);
    const pass = (destinations: DestinationConfig[], actor: XapiAgent) =>
      syncPass(ob, {
        destinations,
        actor: () => actor,
        pseudonym: PSEUDONYM,
        maySend: true,
        force: false,
        now,
        fetch: fetchImpl,
      });
    await pass([destination('mine', false)], PSEUDONYM);
    const [d1] = await ob.deliveriesOf(article(1, PSEUDONYM).id);
    await ob.db.deliveries.add({ ...d1!, destinationId: 'org', state: 'pending', attempts: 0 });
    await pass([destination('mine', false), destination('org', true)], ADA);
    expect(got['org.example']).toBeUndefined();
    expect(await ob.deliveryCounts('org')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect((await ob.getDestination('org'))?.withheld).toBe(1);
    ob.close();
  });
});

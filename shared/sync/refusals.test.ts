import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { SyncEngine, type DestinationConfig } from './engine';
import { extendStreak, isSystemic, refusalReason } from './refusals';

const uuid = (n: number) => `3f1c9a4e-8b2d-4c6f-9e1a-${String(n).padStart(12, '0')}`;

async function outboxWith(n: number): Promise<Outbox> {
  const ob = Outbox.open(`refusals-${Math.random()}`);
  await ob.enqueue(
    Array.from({ length: n }, (_, i) => ({
      id: uuid(i + 1),
      json: JSON.stringify({ id: uuid(i + 1) }),
      meta: { kind: 'article', title: `A ${i + 1}` },
    })),
    0,
    ['d'],
  );
  return ob;
}

/** An LRS whose answer to each POST is decided from the ids in it; stores what it accepts. */
function lrs(decide: (ids: string[]) => { status: number; body?: string }) {
  const stored: string[] = [];
  let posts = 0;
  const fetchImpl: typeof fetch = (_input, init) => {
    posts += 1;
    const ids = (JSON.parse(typeof init?.body === 'string' ? init.body : '[]') as Array<{ id: string }>).map(
      (s) => s.id,
    );
    const answer = decide(ids);
    if (answer.status === 200) stored.push(...ids);
    return Promise.resolve(
      new Response(answer.status === 200 ? JSON.stringify(ids) : (answer.body ?? ''), {
        status: answer.status,
      }),
    );
  };
  return { fetchImpl, stored, posts: () => posts };
}

const dest = (token = 'tok'): DestinationConfig => ({
  id: 'd',
  endpoint: 'https://lrs.example/xapi',
  credentials: { kind: 'bearer', token },
  xapiVersion: '1.0.3',
});

describe('refusals (issue 11, point 4)', () => {
  it('an LRS that refuses every statement pauses the destination instead of quarantining the backlog', async () => {
    const ob = await outboxWith(40);
    const proxy = lrs((ids) => ({
      status: 400,
      body: JSON.stringify({ message: `Statement ${ids[0]} rejected: unsupported X-Experience-API-Version` }),
    }));
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 1_000 }, fetch: proxy.fetchImpl });
    const { destinations } = await engine.syncAll([dest()]);
    expect(destinations[0]!.state).toMatchObject({
      status: 'paused',
      lastError: expect.stringMatching(
        /^refusing statements: HTTP 400: Statement .* rejected: unsupported X-Experience-API-Version$/,
      ) as unknown,
    });
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 40, sent: 0, quarantined: 0 });
    expect(proxy.posts()).toBeLessThan(15);

    // Still refusing at the next pass: still paused, nothing sent or quarantined.
    const again = await new SyncEngine({
      outbox: ob,
      clock: { now: () => 2_000 },
      fetch: proxy.fetchImpl,
    }).syncAll([dest()], { force: true });
    expect(again.destinations[0]!.state.status).toBe('paused');
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 40, sent: 0, quarantined: 0 });

    // The configuration changes (the admin fixed it): the destination resumes by itself and everything goes.
    const fixed = lrs(() => ({ status: 200 }));
    const resumed = await new SyncEngine({
      outbox: ob,
      clock: { now: () => 3_000 },
      fetch: fixed.fetchImpl,
    }).syncAll([dest('new-token')]);
    expect(resumed.destinations[0]).toMatchObject({ sent: 40, state: { status: 'active' } });
    expect(resumed.destinations[0]!.state.refusals).toBeUndefined();
    expect(fixed.stored).toEqual(Array.from({ length: 40 }, (_, i) => uuid(i + 1)));
  });

  it('one statement refused alone is quarantined with the LRS message; the rest go and nothing pauses', async () => {
    const ob = await outboxWith(10);
    const server = lrs((ids) =>
      ids.includes(uuid(4))
        ? { status: ids.length === 1 ? 413 : 400, body: '{"message":"statement too large"}' }
        : { status: 200 },
    );
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 1_000 }, fetch: server.fetchImpl });
    const { destinations } = await engine.syncAll([dest()]);
    expect(destinations[0]!.state.status).toBe('active');
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 0, sent: 9, quarantined: 1 });
    const [refused] = await ob.quarantined('d', 10);
    expect(refused!.item?.id).toBe(uuid(4));
    expect(refused!.delivery.quarantine).toMatchObject({
      status: 413,
      message: 'HTTP 413: statement too large',
    });
  });

  it('the learner sends a refused item again, or all of them: back in the queue in their place', async () => {
    const ob = await outboxWith(5);
    const claimed = await ob.claim('d', 5);
    for (const c of claimed.slice(1, 4)) await ob.quarantine(c.delivery, 10, 400, 'bad');
    expect(await ob.requeueItem(uuid(3))).toBe(1);
    expect((await ob.claim('d', 10)).map((c) => c.item?.id)).toEqual([uuid(1), uuid(3), uuid(5)]);
    expect(await ob.requeueAll(['d', 'elsewhere'])).toBe(2);
    const all = await ob.claim('d', 10);
    expect(all.map((c) => c.item?.id)).toEqual([1, 2, 3, 4, 5].map(uuid));
    expect(all[1]!.delivery).toMatchObject({ state: 'pending', attempts: 1 }); // its bytes stay frozen
    expect(all[1]!.delivery.quarantine).toBeUndefined();
  });

  it('counts the same reason across different statements only', () => {
    expect(refusalReason(`HTTP 400: Statement ${uuid(1)} is bad at 12`)).toBe(
      refusalReason(`HTTP 400: Statement ${uuid(2)} is bad at 7`),
    );
    let streak = extendStreak(undefined, 'HTTP 400: a', 1);
    streak = extendStreak(streak, 'HTTP 400: a', 1); // the same statement again does not count twice
    streak = extendStreak(streak, 'HTTP 400: a', 2);
    expect(isSystemic(streak)).toBe(false);
    expect(isSystemic(extendStreak(streak, 'HTTP 400: b', 3))).toBe(false);
    expect(isSystemic(extendStreak(streak, 'HTTP 400: a', 3))).toBe(true);
  });
});

/**
 * An LRS that refuses (issue 11, bad input), through the fault proxy in front of each real LRS under test: 400 to
 * everything, 413 to one statement, Retry-After in the past, far future or garbage. Each gets a clear message in
 * the destination's state and nothing is lost: once the LRS behaves, every statement is in it exactly once.
 * The engine's rules themselves are unit-tested with an injected fetch (shared/sync/refusals.test.ts,
 * shared/sync/waits.test.ts); here the same answers come over real HTTP from a proxy, and the statements end up
 * in a real LRS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { SyncEngine, type DestinationConfig } from '../../shared/sync';
import { MAX_WAIT_MS } from '../../shared/sync/backoff';
import { startFaultProxy, type Fault, type ProxyRequest } from '../support/fault-proxy';
import { lrsUnderTest, type LrsUnderTest } from '../support/lrs-under-test';
import { statementsFor } from '../support/read-back';
import { ManualClock, makeStatements, testActor } from '../support/statements';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const N = 6;

describe.each(lrsUnderTest())('an LRS that refuses, in front of $name', (lrs: LrsUnderTest) => {
  async function setup(decide: (req: ProxyRequest) => Fault) {
    const proxy = await startFaultProxy(lrs.endpoint, decide);
    cleanups.push(proxy.close);
    const ob = Outbox.open(`refusing-lrs-${Math.random()}`);
    cleanups.push(() => ob.close());
    const actor = testActor('refusing-lrs');
    const st = makeStatements(N, actor);
    await ob.enqueue(
      st.map((s) => ({ id: s.id, json: s.json, meta: { kind: 'article', title: s.id } })),
      0,
      ['lrs'],
    );
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock, timeoutMs: lrs.timeoutMs * 3, random: () => 0.5 });
    const dest: DestinationConfig = {
      id: 'lrs',
      endpoint: proxy.endpoint,
      credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
      xapiVersion: 'auto',
    };
    /** One pass; the clock then moves to when the engine wants to run again. */
    const sync = async () => {
      const at = clock.t;
      const summary = await engine.syncAll([dest]);
      const wait = summary.nextAttemptAt === undefined ? undefined : summary.nextAttemptAt - at;
      if (summary.nextAttemptAt !== undefined) clock.advanceTo(summary.nextAttemptAt);
      return { state: summary.destinations[0]!.state, wait };
    };
    return { proxy, ob, actor, st, sync };
  }
  const posts = (req: ProxyRequest) => req.method === 'POST';

  it('400 to everything (a proxy with its own message): paused as refusing statements, nothing quarantined, all sent once it stops', async () => {
    const { proxy, ob, actor, sync } = await setup((req) =>
      posts(req)
        ? {
            kind: 'status',
            status: 400,
            body: '{"message":"Request blocked by the gateway policy"}',
            contentType: 'application/json',
          }
        : { kind: 'pass' },
    );
    const { state } = await sync();
    expect(state.status).toBe('paused');
    expect(state.lastError).toBe('refusing statements: HTTP 400: Request blocked by the gateway policy');
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: N, sent: 0, quarantined: 0 });

    const again = await sync(); // its recheck: still refusing, still paused, still nothing quarantined
    expect(again.state.status).toBe('paused');
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: N, sent: 0, quarantined: 0 });

    proxy.setDecider(() => ({ kind: 'pass' }));
    const fixed = await sync();
    expect(fixed.state).toMatchObject({ status: 'active' });
    expect(fixed.state.lastError).toBeUndefined();
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: N, quarantined: 0 });
    expect(await statementsFor(lrs, actor)).toHaveLength(N);
  });

  it('413 to one statement: that one is refused with the message and can be sent again, the rest go, once each', async () => {
    let limitLifted = false;
    let big = '';
    const { proxy, ob, actor, st, sync } = await setup((req) =>
      posts(req) && !limitLifted && req.body.includes(big)
        ? { kind: 'status', status: 413, body: 'Request Entity Too Large', contentType: 'text/plain' }
        : { kind: 'pass' },
    );
    big = st[2]!.id;
    const { state } = await sync();
    expect(state.status).toBe('active');
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: N - 1, quarantined: 1 });
    const [refused] = await ob.quarantined('lrs', 5);
    expect(refused!.item?.id).toBe(big);
    expect(refused!.delivery.quarantine).toMatchObject({
      status: 413,
      message: 'HTTP 413: Request Entity Too Large',
    });
    expect(proxy.log.some((l) => l.status === 413 && l.statements === 1)).toBe(true);

    limitLifted = true; // the LRS's limit raised; the learner sends it again
    expect(await ob.requeueItem(big)).toBe(1);
    await sync();
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: N, quarantined: 0 });
    const stored = await statementsFor(lrs, actor);
    expect(stored.map((s) => s.id).sort()).toEqual(st.map((s) => s.id).sort());
  });

  it.each([
    ['far in the future', '999999999', (w: number) => w === MAX_WAIT_MS],
    ['garbage', 'soon, maybe', (w: number) => w >= 1_000 && w <= 10 * 60_000],
    ['in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', (w: number) => w === 1_000],
  ])('503 with Retry-After %s: a bounded wait, the message, nothing lost', async (_label, retryAfter, ok) => {
    const { proxy, ob, actor, sync } = await setup((req) =>
      posts(req)
        ? { kind: 'status', status: 503, retryAfter, body: 'Down for maintenance' }
        : { kind: 'pass' },
    );
    const { state, wait } = await sync();
    expect(state).toMatchObject({ status: 'backoff', lastErrorStatus: 503 });
    expect(state.lastError).toMatch(/^HTTP 503: Down for maintenance/);
    expect(ok(wait!)).toBe(true);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: N, sent: 0, quarantined: 0 });

    proxy.setDecider(() => ({ kind: 'pass' }));
    await sync();
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: N, quarantined: 0 });
    expect(await statementsFor(lrs, actor)).toHaveLength(N);
  });
});

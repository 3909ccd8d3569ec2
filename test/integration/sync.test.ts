import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { SyncEngine, type DestinationConfig } from '../../shared/sync';
import { sameStatement } from '../../shared/xapi';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { lrsUnderTest, type LrsUnderTest } from '../support/lrs-under-test';
import { statementById, statementsFor } from '../support/read-back';
import { ManualClock, makeStatements, seeded, testActor } from '../support/statements';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe.each(lrsUnderTest())('sync engine against a real LRS: $name', (lrs: LrsUnderTest) => {
  function destination(endpoint: string, over: Partial<DestinationConfig> = {}): DestinationConfig {
    return {
      id: 'lrs',
      endpoint,
      credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
      xapiVersion: 'auto',
      ...over,
    };
  }

  async function proxy(decide?: Parameters<typeof startFaultProxy>[1]): Promise<FaultProxy> {
    const p = await startFaultProxy(lrs.endpoint, decide);
    cleanups.push(p.close);
    return p;
  }

  function outbox(): Outbox {
    const ob = Outbox.open(`sync-it-${Math.random()}`);
    cleanups.push(() => ob.close());
    return ob;
  }

  async function queue(ob: Outbox, n: number, actor: object, destId = 'lrs') {
    const st = makeStatements(n, actor);
    await ob.enqueue(
      st.map((s) => ({ id: s.id, json: s.json, meta: { kind: 'article', title: s.id } })),
      0,
      [destId],
    );
    return st;
  }

  /** Run the engine as its host would: again at the time it asks for, until nothing is pending. */
  async function syncUntilDrained(
    engine: SyncEngine,
    ob: Outbox,
    dest: DestinationConfig,
    clock: ManualClock,
    maxRuns = 400,
  ) {
    for (let run = 0; run < maxRuns; run++) {
      const summary = await engine.syncAll([dest]);
      if ((await ob.deliveryCounts(dest.id)).pending === 0) return run + 1;
      if (summary.nextAttemptAt !== undefined) clock.advanceTo(summary.nextAttemptAt);
    }
    throw new Error(
      `still pending after ${maxRuns} runs: ${JSON.stringify(await ob.getDestination(dest.id))}`,
    );
  }

  it('delivers 1,000 statements through random faults: the LRS ends with exactly one copy of each, unchanged', async () => {
    const random = seeded(20261123);
    const faults: Array<[number, Fault]> = [
      [0.12, { kind: 'reset' }],
      [0.1, { kind: 'reset-after-store' }],
      [0.03, { kind: 'stall' }],
      [0.03, { kind: 'stall-after-store' }],
      [0.1, { kind: 'status', status: 500 }],
      [
        0.05,
        {
          kind: 'status',
          status: 502,
          body: '<html><body>Bad gateway</body></html>',
          contentType: 'text/html',
        },
      ],
      [0.05, { kind: 'status', status: 503, retryAfter: '3' }],
      [0.05, { kind: 'status', status: 429, retryAfter: '7' }],
      [0.04, { kind: 'status', status: 200, body: '["trunc', contentType: 'application/json' }],
    ];
    const p = await proxy((req) => {
      if (req.method !== 'POST') return { kind: 'pass' };
      // A body limit in front of the LRS, as a reverse proxy would have.
      if (req.body.length > 30 * 600)
        return { kind: 'status', status: 413, body: 'Request Entity Too Large', contentType: 'text/plain' };
      let r = random();
      for (const [p, f] of faults) {
        if (r < p) return f;
        r -= p;
      }
      return { kind: 'pass' };
    });
    const ob = outbox();
    const actor = testActor('faults');
    const queued = await queue(ob, 1000, actor);
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock, random, batchSize: 40, timeoutMs: lrs.timeoutMs });
    const dest = destination(p.endpoint);
    const runs = await syncUntilDrained(engine, ob, dest, clock);

    const faulted = p.log.filter((l) => l.method === 'POST' && l.fault !== 'pass');
    expect(faulted.length).toBeGreaterThan(10);
    expect(new Set(faulted.map((f) => `${f.fault}${f.status ?? ''}`)).size).toBeGreaterThanOrEqual(9);
    expect(runs).toBeGreaterThan(1);

    const stored = await statementsFor(lrs, actor);
    const seen = new Set(stored.map((s) => s.id));
    const missing = queued.filter((q) => !seen.has(q.id));
    // When some are missing, say whether the LRS holds them (a read-back paging problem) and what the outbox says.
    const why = await Promise.all(
      missing.slice(0, 3).map(async (m) => {
        const held = (await statementById(lrs, m.id)) !== undefined;
        return `${m.id}: by id ${held ? 'held' : 'NOT held'}, outbox ${(await ob.deliveriesOf(m.id))[0]?.state}`;
      }),
    );
    expect(missing.length, why.join('; ')).toBe(0);
    expect(stored).toHaveLength(1000);
    expect(seen.size).toBe(1000);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const q of queued) expect(sameStatement(JSON.parse(q.json), byId.get(q.id))).toBe(true);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 1000, quarantined: 0 });
    const state = await ob.getDestination('lrs');
    expect(state).toMatchObject({ status: 'active', failures: 0 });
    // Learning Locker speaks 1.0.3 only; ADL's LRS lists 2.0.0 in /about.
    if (lrs.local) expect(state?.xapiVersion).toBe(lrs.name === 'adl' ? '2.0.0' : '1.0.3');
    // After a 413 the engine sent smaller batches.
    const posts = p.log.filter((l) => l.method === 'POST');
    const after413 = posts.findIndex((l) => l.status === 413 && l.statements === 40);
    expect(after413).toBeGreaterThanOrEqual(0);
    expect(posts.slice(after413 + 1).some((l) => l.statements === 20)).toBe(true);
    // One budget for every LRS: Learning Locker takes ~15 s here, ADL's LRS ~45 s (its stalls wait out a 2 s
    // request budget instead of 0.7 s); at a load of 17 on 2 cores they took 73 s and 119 s, hence the room.
  }, 240_000);

  it('quarantines a poison statement with the LRS message and delivers the others', async () => {
    const p = await proxy();
    const ob = outbox();
    const actor = testActor('poison');
    const good = makeStatements(30, actor);
    const poison = makeStatements(1, actor)[0]!;
    const bad = JSON.parse(poison.json) as { verb: { id: string } };
    bad.verb.id = 'not an iri';
    const items = [...good.slice(0, 17), { id: poison.id, json: JSON.stringify(bad) }, ...good.slice(17)];
    await ob.enqueue(
      items.map((s) => ({ id: s.id, json: s.json, meta: { kind: 'article', title: 't' } })),
      0,
      ['lrs'],
    );
    const engine = new SyncEngine({ outbox: ob, clock: new ManualClock(), batchSize: 100 });
    const summary = await engine.syncAll([destination(p.endpoint)]);

    expect(summary.destinations[0]).toMatchObject({ sent: 30, quarantined: 1 });
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 30, quarantined: 1 });
    const [d] = await ob.deliveriesOf(poison.id);
    expect(d?.quarantine?.status).toBe(400);
    // The LRS's own reason, even when it labels plain text as text/html (ADL's LRS).
    if (lrs.local) expect(d?.quarantine?.message).toMatch(/HTTP 400: .*verb/i);
    expect(d?.quarantine?.message).not.toMatch(/HTML page/);
    const stored = await statementsFor(lrs, actor);
    expect(stored.map((s) => s.id).sort()).toEqual(good.map((g) => g.id).sort());
    // Bisection, not one request per statement.
    expect(p.log.filter((l) => l.method === 'POST').length).toBeLessThanOrEqual(
      2 * Math.ceil(Math.log2(31)) + 1,
    );
  });

  it('pauses on refused credentials, loses nothing, and resumes when they are fixed', async () => {
    const ob = outbox();
    const actor = testActor('creds');
    await queue(ob, 25, actor);
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock });
    const wrong = destination(lrs.endpoint, {
      credentials: { kind: 'basic', username: lrs.username, password: 'wrong' },
    });
    const summary = await engine.syncAll([wrong]);

    const paused = summary.destinations[0]!.state;
    expect(paused.status).toBe('paused');
    expect(paused.lastErrorStatus).toBe(401);
    expect(paused.lastError).toMatch(/refused the credentials/);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 25, sent: 0, quarantined: 0 });
    // Still paused on the next run with the same configuration: no request hammering.
    clock.advanceTo(clock.t + 60_000);
    expect((await engine.syncAll([wrong])).destinations[0]!.state.status).toBe('paused');

    const fixed = await engine.syncAll([destination(lrs.endpoint)]);
    expect(fixed.destinations[0]).toMatchObject({ sent: 25, state: { status: 'active', failures: 0 } });
    expect(await statementsFor(lrs, actor)).toHaveLength(25);
  });

  it.skipIf(!lrs.readonly)(
    lrs.readonly
      ? 'pauses on 403 for credentials that may not write statements'
      : `pauses on 403 for credentials that may not write statements — cannot run here: ${lrs.noReadonlyBecause}`,
    async () => {
      const ob = outbox();
      await queue(ob, 3, testActor('forbidden'));
      const engine = new SyncEngine({ outbox: ob, clock: new ManualClock() });
      const ro = lrs.readonly!;
      const summary = await engine.syncAll([
        destination(lrs.endpoint, {
          credentials: { kind: 'basic', username: ro.username, password: ro.password },
        }),
      ]);
      expect(summary.destinations[0]!.state).toMatchObject({ status: 'paused', lastErrorStatus: 403 });
      expect(summary.destinations[0]!.state.lastError).toMatch(/does not allow/);
      expect(await ob.deliveryCounts('lrs')).toMatchObject({ pending: 3 });
    },
  );

  it('an engine torn down in the middle of a batch is replaced without duplicating anything', async () => {
    let first = true;
    const p = await proxy((req) => {
      if (req.method === 'POST' && first) {
        first = false;
        return { kind: 'stall-after-store' };
      }
      return { kind: 'pass' };
    });
    const ob = outbox();
    const actor = testActor('teardown');
    await queue(ob, 120, actor);
    const dest = destination(p.endpoint);
    const held = p.nextHeldAnswer();
    const doomed = new SyncEngine({ outbox: ob, clock: new ManualClock(), batchSize: 50, timeoutMs: 60_000 });
    const run = doomed.syncAll([dest]);
    await held; // the LRS has stored the first 50; their answer never comes
    doomed.stop();
    await run;
    expect(await ob.deliveryCounts('lrs')).toMatchObject({ pending: 120, sent: 0 });

    const engine = new SyncEngine({ outbox: ob, clock: new ManualClock(), batchSize: 50 });
    await engine.syncAll([dest]);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 120, quarantined: 0 });
    const stored = await statementsFor(lrs, actor);
    expect(stored).toHaveLength(120);
    expect(new Set(stored.map((s) => s.id)).size).toBe(120);
    // The first batch really was sent twice. Learning Locker answers 200 to the repeat; ADL's LRS answers 409,
    // resolved by reading back the 50 ids (no bisection), then the rest goes out.
    expect(p.log.filter((l) => l.method === 'POST').map((l) => l.statements)).toEqual([50, 50, 50, 20]);
    expect(
      p.log.filter((l) => l.method === 'GET' && l.url.includes('statementId=')).length,
    ).toBeLessThanOrEqual(50);
  });

  it('resolves a 409 by reading the statement back: same content is sent, other content is quarantined', async () => {
    const ob = outbox();
    const actor = testActor('conflict');
    const [mine, theirs] = makeStatements(2, actor);
    // Someone already stored `theirs` id with other content.
    const other = { ...(JSON.parse(theirs!.json) as object), result: { completion: false } };
    const pre = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify([other, JSON.parse(mine!.json)]),
    });
    expect(pre.status).toBe(200);
    // Answer 409 for `mine` too, as an LRS may for an id it already holds.
    const p = await proxy((req) =>
      req.method === 'POST' && req.body.toString().includes(mine!.id) && req.body.toString().startsWith('[{')
        ? { kind: 'status', status: 409, body: JSON.stringify({ message: `${mine!.id} is conflicting` }) }
        : { kind: 'pass' },
    );
    await ob.enqueue(
      [mine!, theirs!].map((s) => ({ id: s.id, json: s.json, meta: { kind: 'article', title: 't' } })),
      0,
      ['lrs'],
    );
    const engine = new SyncEngine({ outbox: ob, clock: new ManualClock() });
    await engine.syncAll([destination(p.endpoint)]);
    expect((await ob.deliveriesOf(mine!.id))[0]?.state).toBe('sent');
    const [q] = await ob.deliveriesOf(theirs!.id);
    expect(q?.state).toBe('quarantined');
    expect(q?.quarantine?.message).toMatch(/different content/);
  });

  it('never counts an HTML page or a truncated answer as stored', async () => {
    let answers = 0;
    const p = await proxy((req) => {
      if (req.method !== 'POST') return { kind: 'pass' };
      answers++;
      if (answers === 1)
        return {
          kind: 'status',
          status: 200,
          body: '<!doctype html><title>Sign in</title>',
          contentType: 'text/html',
        };
      if (answers === 2) return { kind: 'status', status: 200, body: '["a', contentType: 'application/json' };
      return { kind: 'pass' };
    });
    const ob = outbox();
    const actor = testActor('html');
    await queue(ob, 5, actor);
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock });
    const dest = destination(p.endpoint);
    const first = await engine.syncAll([dest]);
    expect(first.destinations[0]!.state.lastError).toMatch(/HTML page/);
    clock.advanceTo(first.nextAttemptAt!);
    const second = await engine.syncAll([dest]);
    expect(second.destinations[0]!.state.lastError).toMatch(/not JSON/);
    clock.advanceTo(second.nextAttemptAt!);
    await engine.syncAll([dest]);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 5, quarantined: 0 });
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });

  it('keeps everything while the LRS is unreachable and honours Retry-After', async () => {
    const ob = outbox();
    const actor = testActor('down');
    await queue(ob, 10, actor);
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock, random: () => 0.5 });
    const down = await engine.syncAll([destination('http://127.0.0.1:9/xAPI/')]);
    expect(down.destinations[0]!.state).toMatchObject({ status: 'backoff', failures: 1, lastErrorStatus: 0 });
    expect(down.destinations[0]!.state.lastError).toMatch(/could not reach/);
    expect(down.nextAttemptAt! - clock.t).toBeGreaterThanOrEqual(1000);

    const p = await proxy((req) =>
      req.method === 'POST' ? { kind: 'status', status: 429, retryAfter: '120' } : { kind: 'pass' },
    );
    const limited = await engine.syncAll([destination(p.endpoint)]);
    expect(limited.nextAttemptAt).toBe(clock.t + 120_000);
    p.setDecider(() => ({ kind: 'pass' }));
    clock.advanceTo(clock.t + 60_000);
    await engine.syncAll([destination(p.endpoint)]);
    expect(await ob.deliveryCounts('lrs')).toMatchObject({ pending: 10 }); // still waiting out Retry-After
    clock.advanceTo(limited.nextAttemptAt!);
    await engine.syncAll([destination(p.endpoint)]);
    expect(await statementsFor(lrs, actor)).toHaveLength(10);
  });
});

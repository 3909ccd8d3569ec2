/**
 * A misbehaving LRS (or what stands in front of it): each case gets a clear message in the destination's status,
 * and nothing is lost or marked sent without proof. The misbehaviour is injected by the fault proxy in front of
 * each real LRS under test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { SyncEngine, type DestinationConfig } from '../../shared/sync';
import { startFaultProxy, type FaultProxy, type ProxyRequest, type Fault } from '../support/fault-proxy';
import { lrsUnderTest, type LrsUnderTest } from '../support/lrs-under-test';
import { statementsFor } from '../support/read-back';
import { ManualClock, makeStatements, testActor } from '../support/statements';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const MB = 1 << 20;

describe.each(lrsUnderTest())('a misbehaving LRS in front of $name', (lrs: LrsUnderTest) => {
  async function setup(decide: (req: ProxyRequest) => Fault) {
    const proxy: FaultProxy = await startFaultProxy(lrs.endpoint, decide);
    cleanups.push(proxy.close);
    const ob = Outbox.open(`bad-lrs-${Math.random()}`);
    cleanups.push(() => ob.close());
    const actor = testActor('bad-lrs');
    const st = makeStatements(5, actor);
    await ob.enqueue(
      st.map((s) => ({ id: s.id, json: s.json, meta: { kind: 'article', title: s.id } })),
      0,
      ['lrs'],
    );
    const clock = new ManualClock();
    const engine = new SyncEngine({ outbox: ob, clock, timeoutMs: lrs.timeoutMs * 3 });
    const dest: DestinationConfig = {
      id: 'lrs',
      endpoint: proxy.endpoint,
      credentials: { kind: 'basic', username: lrs.username, password: lrs.password },
      xapiVersion: 'auto',
    };
    const sync = async () => {
      const summary = await engine.syncAll([dest]);
      if (summary.nextAttemptAt !== undefined) clock.advanceTo(summary.nextAttemptAt);
      return summary.destinations[0]!.state;
    };
    return { proxy, ob, actor, sync };
  }

  it('answers 409 to everything: nothing is marked sent, it says the LRS contradicts itself, and all is sent once it stops', async () => {
    const { proxy, ob, actor, sync } = await setup((req) =>
      req.method === 'POST'
        ? { kind: 'status', status: 409, body: 'Conflict', contentType: 'text/html; charset=utf-8' }
        : { kind: 'pass' },
    );
    const state = await sync();
    expect(state).toMatchObject({ status: 'backoff', lastErrorStatus: 409 });
    expect(state.lastError).toMatch(
      /answers 409 \(conflict\) for statements it says it does not hold.*HTTP 409: Conflict/,
    );
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 5, sent: 0, quarantined: 0 });
    expect(proxy.log.filter((l) => l.method === 'POST')).toHaveLength(2);
    proxy.setDecider(() => ({ kind: 'pass' }));
    await sync();
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 5, quarantined: 0 });
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });

  it('answers 200 with an empty array: not taken as stored', async () => {
    const { proxy, ob, actor, sync } = await setup((req) =>
      req.method === 'POST' ? { kind: 'status', status: 200, body: '[]' } : { kind: 'pass' },
    );
    const state = await sync();
    expect(state.lastError).toMatch(/answered 200 but did not list 5 of the 5 statement ids/);
    expect(await ob.deliveryCounts('lrs')).toMatchObject({ pending: 5, sent: 0 });
    proxy.setDecider(() => ({ kind: 'pass' }));
    await sync();
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });

  it.each([
    ['no versions', '{"version":[]}', /lists no xAPI version/],
    ['garbage', 'Welcome to nginx!', /\/about is not JSON/],
  ])('/about with %s: xAPI 1.0.3, and the status says why', async (_label, body, note) => {
    const { ob, actor, sync } = await setup((req) =>
      req.url.endsWith('/about') ? { kind: 'status', status: 200, body } : { kind: 'pass' },
    );
    const state = await sync();
    expect(state).toMatchObject({ status: 'active', xapiVersion: '1.0.3' });
    expect(state.versionNote).toMatch(note);
    expect(state.versionNote).toMatch(/sending xAPI 1.0.3, which every conformant LRS speaks/);
    expect(await ob.deliveryCounts('lrs')).toMatchObject({ pending: 0, sent: 5 });
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });

  it('leaves X-Experience-API-Version out of its answers: statements are still delivered, once', async () => {
    const { proxy, ob, actor, sync } = await setup(() => ({ kind: 'strip-version' }));
    await sync();
    expect(proxy.log.every((l) => l.fault === 'strip-version')).toBe(true);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 5, quarantined: 0 });
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });

  it('answers with a 1 MB text or HTML error page: a one-line message, everything kept', async () => {
    let n = 0;
    const { proxy, ob, actor, sync } = await setup((req) => {
      if (req.method !== 'POST') return { kind: 'pass' };
      n++;
      return n === 1
        ? {
            kind: 'status',
            status: 500,
            body: `Internal error\n${'at frame\n'.repeat(MB / 9)}`,
            contentType: 'text/plain',
          }
        : {
            kind: 'status',
            status: 502,
            body: `<!doctype html><title>Bad gateway</title>${'<p>x</p>'.repeat(MB / 8)}`,
            contentType: 'text/html',
          };
    });
    const text = await sync();
    expect(text.lastError).toMatch(
      /^HTTP 500: the server answered with 1\.\d MB of text, not an xAPI response; it begins: Internal error/,
    );
    const html = await sync();
    expect(html.lastError).toBe(
      'HTTP 502: the server answered with an HTML page ("Bad gateway"), not an xAPI response (is the endpoint right?)',
    );
    for (const s of [text, html]) expect(s.lastError!.length).toBeLessThan(320);
    expect(await ob.deliveryCounts('lrs')).toEqual({ pending: 5, sent: 0, quarantined: 0 });
    proxy.setDecider(() => ({ kind: 'pass' }));
    await sync();
    expect(await statementsFor(lrs, actor)).toHaveLength(5);
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { SyncEngine, configFingerprint, type DestinationConfig } from './engine';

/** A scripted LRS answering through fetch; the real LRS is exercised in test/integration. */
function scriptedLrs(
  about: { status: number; body: string },
  post: (body: string) => { status: number; body: string },
) {
  const seen: Array<{ url: string; version: string | null; auth: string | null }> = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    seen.push({ url, version: headers.get('X-Experience-API-Version'), auth: headers.get('Authorization') });
    const answer = url.endsWith('/about') ? about : post(typeof init?.body === 'string' ? init.body : '');
    return Promise.resolve(new Response(answer.body, { status: answer.status }));
  };
  return { fetchImpl, seen };
}

const ids = (body: string) => JSON.stringify((JSON.parse(body) as Array<{ id: string }>).map((s) => s.id));

async function oneQueued(): Promise<Outbox> {
  const ob = Outbox.open(`engine-unit-${Math.random()}`);
  const id = crypto.randomUUID();
  await ob.enqueue({ id, json: JSON.stringify({ id }), meta: { kind: 'article', title: 't' } }, 0, ['d']);
  return ob;
}

const dest = (over: Partial<DestinationConfig> = {}): DestinationConfig => ({
  id: 'd',
  endpoint: 'https://lrs.example/xapi',
  credentials: { kind: 'bearer', token: 'tok' },
  xapiVersion: 'auto',
  ...over,
});

describe('SyncEngine version choice (docs/xapi-profile.md § Sending)', () => {
  it('uses 2.0.0 only when /about lists it', async () => {
    const lrs = scriptedLrs({ status: 200, body: '{"version":["1.0.3","2.0.0"]}' }, (b) => ({
      status: 200,
      body: ids(b),
    }));
    const engine = new SyncEngine({
      outbox: await oneQueued(),
      clock: { now: () => 0 },
      fetch: lrs.fetchImpl,
    });
    const s = await engine.syncAll([dest()]);
    expect(s.destinations[0]).toMatchObject({ sent: 1, state: { xapiVersion: '2.0.0' } });
    expect(lrs.seen.map((r) => r.version)).toEqual(['1.0.3', '2.0.0']);
    expect(lrs.seen[1]).toMatchObject({ url: 'https://lrs.example/xapi/statements', auth: 'Bearer tok' });
  });

  it('falls back to 1.0.3 when /about is unreadable, and skips it when the version is set', async () => {
    const html = scriptedLrs({ status: 200, body: '<html>' }, (b) => ({ status: 200, body: ids(b) }));
    const e1 = new SyncEngine({ outbox: await oneQueued(), clock: { now: () => 0 }, fetch: html.fetchImpl });
    expect((await e1.syncAll([dest()])).destinations[0]!.state.xapiVersion).toBe('1.0.3');
    const fixed = scriptedLrs({ status: 500, body: '' }, (b) => ({ status: 200, body: ids(b) }));
    const e2 = new SyncEngine({ outbox: await oneQueued(), clock: { now: () => 0 }, fetch: fixed.fetchImpl });
    await e2.syncAll([dest({ xapiVersion: '1.0.3' })]);
    expect(fixed.seen.map((r) => r.url)).toEqual(['https://lrs.example/xapi/statements']);
  });

  it('quarantines a statement whose stored JSON is unreadable without contacting the LRS for it', async () => {
    const ob = Outbox.open(`engine-unit-${Math.random()}`);
    await ob.enqueue({ id: 'broken', json: '{"id":', meta: { kind: 'article', title: 't' } }, 0, ['d']);
    const lrs = scriptedLrs({ status: 200, body: '{"version":["1.0.3"]}' }, () => ({
      status: 500,
      body: '',
    }));
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 0 }, fetch: lrs.fetchImpl });
    const s = await engine.syncAll([dest()]);
    expect(s.destinations[0]).toMatchObject({ sent: 0, quarantined: 1, state: { status: 'active' } });
    expect((await ob.deliveriesOf('broken'))[0]?.quarantine).toMatchObject({
      status: 0,
      message: 'the stored statement is not valid JSON',
    });
    expect(lrs.seen.filter((r) => r.url.endsWith('/statements'))).toHaveLength(0);
  });

  it('records what it puts on the wire before the request leaves (an answer may never be recorded)', async () => {
    const ob = await oneQueued();
    const [queued] = await ob.claim('d', 1);
    let wireSeqAtPost: number | undefined;
    const fetchImpl: typeof fetch = async (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/statements')) wireSeqAtPost = (await ob.getDestination('d'))?.wireSeq;
      throw new TypeError('connection reset');
    };
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 0 }, fetch: fetchImpl });
    await engine.syncAll([dest({ xapiVersion: '1.0.3' })]);
    expect(wireSeqAtPost).toBe(queued!.delivery.seq);
  });

  /** `n` queued items, and the outbox's claims, state writes and sent marks as they are asked for, in order. */
  async function loggedOutbox(n: number) {
    const ob = Outbox.open(`engine-unit-${Math.random()}`);
    const ids = Array.from({ length: n }, () => crypto.randomUUID());
    await ob.enqueue(
      ids.map((id) => ({ id, json: JSON.stringify({ id }), meta: { kind: 'article', title: 't' } })),
      0,
      ['d'],
    );
    const log: string[] = [];
    const put = ob.putDestination.bind(ob);
    ob.putDestination = (state) => {
      log.push(`state ${state.wireSeq}`);
      return put(state);
    };
    const claim = ob.claim.bind(ob);
    ob.claim = (destinationId, limit, afterSeq, ...rest) => {
      log.push(`claim after ${afterSeq}`);
      return claim(destinationId, limit, afterSeq, ...rest);
    };
    const markSent = ob.markSent.bind(ob);
    ob.markSent = (deliveries, now) => {
      log.push(`sent ${deliveries.at(-1)!.seq}`);
      return markSent(deliveries, now);
    };
    const seqOf = new Map<string, number>(ids.map((id, i) => [id, i + 1]));
    const lastSeq = (body: string) => seqOf.get((JSON.parse(body) as Array<{ id: string }>).at(-1)!.id);
    return { ob, log, lastSeq };
  }

  /** An engine sending batches of 100 with a clock that stands still. */
  const hundredAtATime = (ob: Outbox, fetchImpl: typeof fetch) =>
    new SyncEngine({
      outbox: ob,
      clock: { now: () => 0 },
      fetch: fetchImpl,
      batchSize: 100,
      maxBatchSize: 100,
    });

  it('queues each wire mark before the reads and writes of hundreds of rows that overlap its request', async () => {
    const { ob, log, lastSeq } = await loggedOutbox(300);
    const lrs = scriptedLrs({ status: 200, body: '' }, (b) => {
      log.push(`post ${lastSeq(b)}`);
      return { status: 200, body: ids(b) };
    });
    let t = 0;
    const engine = new SyncEngine({
      outbox: ob,
      clock: { now: () => (t += 2000) }, // every batch a new last success, each kept with the next state write
      fetch: lrs.fetchImpl,
      batchSize: 100,
      maxBatchSize: 100,
    });
    const run = (await engine.syncAll([dest({ xapiVersion: '1.0.3' })])).destinations[0]!;
    // One state write per request (its wire mark, with the last success), then the sent mark of the batch
    // before and the read of the next batch: both run while the request is out, none holds it back.
    expect(log).toEqual([
      'state undefined', // the version, as configured
      'claim after 0',
      'state 100',
      'claim after 100',
      'post 100',
      'state 200',
      'sent 100',
      'claim after 200',
      'post 200',
      'state 300',
      'sent 200',
      'claim after 300',
      'post 300',
      'sent 300',
      'state 300', // the pass ends: active, with its last success
    ]);
    expect(run).toMatchObject({ sent: 300, state: { status: 'active', wireSeq: 300 } });
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 0, sent: 300, quarantined: 0 });
    expect((await ob.getDestination('d'))?.lastSuccessAt).toBeGreaterThan(0);
  });

  it('writes the wire mark of the batch read ahead while the request before is out, and takes back what it did not send', async () => {
    const { ob, log, lastSeq } = await loggedOutbox(400);
    const claims: Array<Promise<unknown>> = [];
    const claim = ob.claim.bind(ob);
    ob.claim = (...args) => {
      const read = claim(...args);
      claims.push(read);
      return read;
    };
    let posts = 0;
    const fetchImpl: typeof fetch = async (_input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const top = lastSeq(body)!;
      log.push(`post ${top}, stored wire ${(await ob.getDestination('d'))?.wireSeq}`);
      // As with a real LRS, the request outlasts the outbox's work beside it: the read ahead is done by its answer.
      await Promise.allSettled(claims);
      if (++posts === 3) return new Response('', { status: 503 });
      log.push(`answer ${top}`);
      return new Response(ids(body), { status: 200 });
    };
    const engine = hundredAtATime(ob, fetchImpl);
    await engine.syncAll([dest({ xapiVersion: '1.0.3' })]);
    // Each request leaves with its wire mark stored; from the second on it was written during the request before.
    expect(log.filter((l) => l.startsWith('post'))).toEqual([
      'post 100, stored wire 100',
      'post 200, stored wire 200',
      'post 300, stored wire 300',
    ]);
    expect(log.indexOf('state 200')).toBeLessThan(log.indexOf('answer 100'));
    expect(log.indexOf('state 300')).toBeLessThan(log.indexOf('answer 200'));
    // The third request failed with the fourth batch read ahead and marked: the mark comes back to what was sent.
    expect(log).toContain('state 400');
    expect((await ob.getDestination('d'))?.wireSeq).toBe(300);
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 200, sent: 200, quarantined: 0 });
  });

  it('records what was answered as stored when it is stopped with the next request out', async () => {
    const { ob } = await loggedOutbox(200);
    let posts = 0;
    const fetchImpl: typeof fetch = (_input, init) => {
      if (++posts === 1) {
        const body = typeof init?.body === 'string' ? init.body : '';
        return Promise.resolve(new Response(ids(body), { status: 200 }));
      }
      engine.stop(); // the second request never gets its answer
      return Promise.reject(new DOMException('aborted', 'AbortError'));
    };
    const engine = hundredAtATime(ob, fetchImpl);
    await engine.syncAll([dest({ xapiVersion: '1.0.3' })]);
    expect(posts).toBe(2);
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 100, sent: 100, quarantined: 0 });
  });

  it('fingerprints configuration changes but not the id or name', () => {
    expect(configFingerprint(dest())).toBe(configFingerprint(dest({ id: 'other', name: 'x' })));
    expect(configFingerprint(dest())).not.toBe(
      configFingerprint(dest({ credentials: { kind: 'bearer', token: 'new' } })),
    );
  });
});

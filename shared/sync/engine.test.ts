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

  it('fingerprints configuration changes but not the id or name', () => {
    expect(configFingerprint(dest())).toBe(configFingerprint(dest({ id: 'other', name: 'x' })));
    expect(configFingerprint(dest())).not.toBe(
      configFingerprint(dest({ credentials: { kind: 'bearer', token: 'new' } })),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { boundedWait, dueAt, MAX_WAIT_MS, waitOver } from './backoff';
import { SyncEngine, type DestinationConfig } from './engine';
import { syncPass } from './pass';

const DAY = 24 * 3600_000;
const T = Date.parse('2026-06-01T12:00:00Z');

describe('bounded waits (issue 11, point 5)', () => {
  it('caps Retry-After and backoff at a day and never retries sooner than a second', () => {
    expect(boundedWait(999_999_999_000, 5_000)).toBe(MAX_WAIT_MS);
    expect(boundedWait(0, 5_000)).toBe(1_000);
    expect(boundedWait(-30_000, 5_000)).toBe(1_000);
    expect(boundedWait(120_000, 5_000)).toBe(120_000);
    expect(boundedWait(undefined, 5_000)).toBe(5_000);
    expect(boundedWait(Number.NaN, 5_000)).toBe(5_000);
    expect(boundedWait(undefined, 10 * DAY)).toBe(MAX_WAIT_MS);
  });

  it('is due now when the clock went back, and never later than a day after the wait began', () => {
    const wait = { status: 'backoff', lastAttemptAt: T, nextAttemptAt: T + 60_000 };
    expect(dueAt(wait, T + 1_000)).toBe(T + 60_000);
    expect(waitOver(wait, T + 1_000)).toBe(false);
    expect(waitOver(wait, T + 60_000)).toBe(true);
    expect(dueAt(wait, T - 365 * DAY)).toBe(T - 365 * DAY); // corrected back by a year: try now
    expect(waitOver(wait, T + 400 * DAY)).toBe(true); // jumped forward: over
    // Stored by an older version with years to wait: a day from its start at most.
    expect(dueAt({ ...wait, nextAttemptAt: T + 3000 * DAY }, T + 5)).toBe(T + DAY);
    expect(dueAt({ status: 'paused', nextAttemptAt: T + 3000 * DAY }, T)).toBe(T); // no start known
    expect(dueAt({ ...wait, status: 'active' }, T)).toBe(T);
  });
});

/** An LRS answering every POST with `status` and these headers, recording what it was sent. */
function lrs(answer: () => { status: number; headers?: Record<string, string> }) {
  const posts: string[] = [];
  const fetchImpl: typeof fetch = (_input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '[]';
    posts.push(body);
    const { status, headers } = answer();
    const ids = (JSON.parse(body) as Array<{ id: string }>).map((s) => s.id);
    return Promise.resolve(new Response(status === 200 ? JSON.stringify(ids) : 'busy', { status, headers }));
  };
  return { fetchImpl, posts };
}

const dest: DestinationConfig = {
  id: 'd',
  endpoint: 'https://lrs.example/xapi',
  credentials: { kind: 'bearer', token: 't' },
  xapiVersion: '1.0.3',
};

async function queued(): Promise<Outbox> {
  const ob = Outbox.open(`waits-${Math.random()}`);
  const id = crypto.randomUUID();
  await ob.enqueue({ id, json: JSON.stringify({ id }), meta: { kind: 'article', title: 't' } }, T, ['d']);
  return ob;
}

describe('SyncEngine waits with an injected clock', () => {
  it.each([
    ['999999999', MAX_WAIT_MS],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 1_000], // in the past
    ['3600', 3_600_000],
  ])('Retry-After: %s waits %i ms', async (retryAfter, expected) => {
    const ob = await queued();
    const server = lrs(() => ({ status: 503, headers: { 'Retry-After': retryAfter } }));
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => T }, fetch: server.fetchImpl });
    const summary = await engine.syncAll([dest]);
    expect(summary.nextAttemptAt).toBe(T + expected);
    expect(summary.destinations[0]!.state).toMatchObject({ status: 'backoff', nextAttemptAt: T + expected });
  });

  it('Retry-After as garbage falls back to the backoff', async () => {
    const ob = await queued();
    const server = lrs(() => ({ status: 429, headers: { 'Retry-After': 'soon, maybe' } }));
    const engine = new SyncEngine({
      outbox: ob,
      clock: { now: () => T },
      fetch: server.fetchImpl,
      random: () => 1,
      backoff: { baseMs: 2_000, maxMs: 60_000 },
    });
    expect((await engine.syncAll([dest])).nextAttemptAt).toBe(T + 2_000);
  });

  it('a clock corrected back by a year does not stall the destination: the next pass sends', async () => {
    const ob = await queued();
    let status = 503;
    let now = T + 365 * DAY; // the clock was a year ahead when the LRS was down
    const server = lrs(() => ({ status, headers: { 'Retry-After': '7200' } }));
    const run = () =>
      new SyncEngine({ outbox: ob, clock: { now: () => now }, fetch: server.fetchImpl }).syncAll([dest]);
    await run();
    expect(server.posts).toHaveLength(1);
    now = T; // corrected
    status = 200;
    const summary = await run();
    expect(summary.destinations[0]).toMatchObject({ sent: 1, state: { status: 'active' } });
    expect(server.posts).toHaveLength(2);
  });
});

describe('holds and clock jumps', () => {
  it('releases an item whose hold was set by a clock far ahead, and keeps ordinary holds', async () => {
    const ob = Outbox.open(`holds-${Math.random()}`);
    const item = (id: string, holdUntil: number) => ({
      id,
      json: JSON.stringify({ id }),
      meta: { kind: 'article', title: id },
      holdUntil,
    });
    await ob.enqueue([item('ahead', T + 400 * DAY), item('normal', T + 5 * 60_000)], T, ['d']);
    await syncPass(ob, {
      destinations: [],
      actor: () => ({ objectType: 'Agent', mbox: 'mailto:a@example.org' }),
      maySend: false,
      force: false,
      now: () => T,
    });
    expect((await ob.get('ahead'))!.state).toBe('ready');
    expect((await ob.get('normal'))!.state).toBe('held');
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { BatchSizer, MAX_BATCH } from './batch-size';
import { SyncEngine, type DestinationConfig } from './engine';

/**
 * A fake LRS on a fake clock: each POST advances the clock by what it would cost (a fixed part per request and a
 * part per statement), stores each statement once, and answers with the ids. `refuseAbove` answers 413 above that
 * many statements; `stallAbove` never answers above that many (the client's timeout ends the request).
 */
function costedLrs(cost: (n: number) => number, options: { refuseAbove?: number; stallAbove?: number } = {}) {
  let now = 0;
  const stored = new Map<string, number>();
  const posts: number[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/about')) return Promise.resolve(new Response('{"version":["1.0.3"]}'));
    const batch = JSON.parse(init?.body as string) as Array<{ id: string }>;
    posts.push(batch.length);
    if (options.stallAbove !== undefined && batch.length > options.stallAbove) {
      // Never answers: the request ends when the client's timeout aborts it.
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    now += cost(batch.length);
    if (options.refuseAbove !== undefined && batch.length > options.refuseAbove)
      return Promise.resolve(new Response('Request Entity Too Large', { status: 413 }));
    for (const s of batch) stored.set(s.id, (stored.get(s.id) ?? 0) + 1);
    return Promise.resolve(new Response(JSON.stringify(batch.map((s) => s.id))));
  };
  return { fetchImpl, posts, stored, clock: { now: () => now } };
}

async function queued(n: number): Promise<{ ob: Outbox; ids: string[] }> {
  const ob = Outbox.open(`batch-size-${Math.random()}`);
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  await ob.enqueue(
    ids.map((id) => ({ id, json: JSON.stringify({ id }), meta: { kind: 'article', title: id } })),
    0,
    ['d'],
  );
  return { ob, ids };
}

const dest: DestinationConfig = {
  id: 'd',
  endpoint: 'https://lrs.example/xapi/',
  credentials: { kind: 'basic', username: 'u', password: 'p' },
  xapiVersion: '1.0.3',
};

/** Every id stored exactly once, nothing pending. */
async function expectEachOnce(ob: Outbox, ids: string[], stored: Map<string, number>): Promise<void> {
  expect(stored.size).toBe(ids.length);
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
  expect(await ob.deliveryCounts('d')).toEqual({ pending: 0, sent: ids.length, quarantined: 0 });
}

// Counts requests, not time: room for a loaded machine (fake-indexeddb holds thousands of items).
describe('the engine sizes its batches to the LRS (shared/sync/batch-size.ts)', { timeout: 30_000 }, () => {
  it('grows while the cost per statement falls (a costly request, as ADL hashes a password), up to the bound', async () => {
    const lrs = costedLrs((n) => 125 + 2.85 * n);
    const { ob, ids } = await queued(2500);
    const engine = new SyncEngine({ outbox: ob, clock: lrs.clock, fetch: lrs.fetchImpl });
    const run = (await engine.syncAll([dest])).destinations[0]!;
    expect(run.sent).toBe(2500);
    // The next batch is claimed at the next step while one is on the wire, so no request lags a decision.
    expect(lrs.posts.slice(0, 3)).toEqual([100, 200, 400]);
    // At the bound but for a finer step down tried every 32 batches (325 costs more per statement here: back up).
    const rest = lrs.posts.slice(3, -1);
    expect(rest.filter((n) => n === MAX_BATCH).length).toBeGreaterThan(rest.length - 3);
    expect(rest.every((n) => n === MAX_BATCH || n === 325)).toBe(true);
    await expectEachOnce(ob, ids, lrs.stored);
    ob.close();
  });

  it('stays where a bigger batch no longer pays (a cheap request, and statements dearer in a big batch)', async () => {
    const lrs = costedLrs((n) => 5 + n + (n * n) / 400);
    const { ob, ids } = await queued(4500);
    await new SyncEngine({ outbox: ob, clock: lrs.clock, fetch: lrs.fetchImpl }).syncAll([dest]);
    // 200 costs more per statement than 100: back to 100 (the 400 claimed meanwhile goes as four) and stays
    // there until a re-probe after 32 full batches, a finer step down first: 75 and 50 cost less per statement
    // (5/n + 1 + n/400 is least near 45), 25 more.
    expect(lrs.posts.slice(0, 6)).toEqual([100, 200, 100, 100, 100, 100]);
    expect(Math.max(...lrs.posts)).toBe(200);
    expect(lrs.posts.slice(0, -1).every((n) => n >= 25 && n % 25 === 0)).toBe(true);
    const probed = lrs.posts.indexOf(75);
    expect(probed).toBeGreaterThan(30);
    // (the 25 claimed ahead while 25 was on the wire goes as it is), then 50 from there on.
    expect(lrs.posts.slice(probed, probed + 4)).toEqual([75, 50, 25, 25]);
    expect(lrs.posts.slice(probed + 4, -1).every((n) => n === 50)).toBe(true);
    await expectEachOnce(ob, ids, lrs.stored);
    ob.close();
  });

  it('halves on a 413 and keeps that limit; nothing lost or doubled', async () => {
    const lrs = costedLrs((n) => 125 + 2.85 * n, { refuseAbove: 300 });
    const { ob, ids } = await queued(2000);
    await new SyncEngine({ outbox: ob, clock: lrs.clock, fetch: lrs.fetchImpl }).syncAll([dest]);
    const refused = lrs.posts.indexOf(400);
    expect(refused).toBeGreaterThan(0);
    // The 400 refused is sent as two halves, and nothing bigger than 200 follows.
    expect(lrs.posts.slice(refused + 1, refused + 3)).toEqual([200, 200]);
    expect(lrs.posts.slice(refused + 1).every((n) => n <= 200)).toBe(true);
    await expectEachOnce(ob, ids, lrs.stored);
    ob.close();
  });

  it('a timeout of a grown batch halves it and keeps the limit for the next pass', async () => {
    const lrs = costedLrs((n) => 125 + 2.85 * n, { stallAbove: 300 });
    const { ob, ids } = await queued(2000);
    const first = new SyncEngine({ outbox: ob, clock: lrs.clock, fetch: lrs.fetchImpl, timeoutMs: 1 });
    const run = (await first.syncAll([dest])).destinations[0]!;
    expect(run.state).toMatchObject({ status: 'backoff', maxBatch: 200, lastErrorStatus: 0 });
    expect(run.state.lastError).toMatch(/no answer from the LRS/);
    const second = new SyncEngine({ outbox: ob, clock: lrs.clock, fetch: lrs.fetchImpl, timeoutMs: 1 });
    const again = (await second.syncAll([dest], { force: true })).destinations[0]!;
    expect(again.state.status).toBe('active');
    const afterStall = lrs.posts.slice(lrs.posts.indexOf(400) + 1);
    expect(Math.max(...afterStall)).toBe(200);
    await expectEachOnce(ob, ids, lrs.stored);
    ob.close();
  });

  it('a clock that does not move teaches nothing: the configured size stays', async () => {
    const lrs = costedLrs(() => 0);
    const { ob, ids } = await queued(500);
    await new SyncEngine({
      outbox: ob,
      clock: { now: () => 0 },
      fetch: lrs.fetchImpl,
      batchSize: 40,
    }).syncAll([dest]);
    expect(new Set(lrs.posts.slice(0, -1))).toEqual(new Set([40]));
    await expectEachOnce(ob, ids, lrs.stored);
    ob.close();
  });
});

describe('BatchSizer', () => {
  it('ignores partial batches and sizes it did not ask for, and re-probes a finer step away after 32 settled batches, down then up', () => {
    const s = new BatchSizer(100);
    s.accepted(60, 100, 100); // the end of the queue
    expect(s.size).toBe(100);
    s.accepted(100, 100, 200);
    expect(s.size).toBe(200);
    s.accepted(100, 100, 200); // claimed before the step
    expect(s.size).toBe(200);
    s.accepted(200, 200, 410); // 2.05 per statement against 2: worse
    expect(s.size).toBe(100);
    for (let i = 0; i < 31; i++) s.accepted(100, 100, 200);
    expect(s.size).toBe(100);
    s.accepted(100, 100, 200);
    expect(s.size).toBe(75); // the first re-probe goes down
    s.accepted(75, 75, 160); // 2.13: worse, back
    expect(s.size).toBe(100);
    for (let i = 0; i < 32; i++) s.accepted(100, 100, 200);
    expect(s.size).toBe(150); // the next one goes up
    s.accepted(150, 150, 240); // the LRS got relatively cheaper per request: climb on
    expect(s.size).toBe(225);
  });

  it('a step down that pays goes on down (a climb on noisy times went past the best size)', () => {
    const s = new BatchSizer(500, 500);
    s.accepted(500, 500, 1000); // at the bound: settled
    for (let i = 0; i < 32; i++) s.accepted(500, 500, 1000);
    expect(s.size).toBe(325);
    s.accepted(325, 325, 500); // 1.54 against 2
    expect(s.size).toBe(225);
    s.accepted(225, 225, 400); // 1.78: worse than 325's
    expect(s.size).toBe(325);
  });

  it('stays within its bounds: never above the largest, a 413 may go below the smallest climbing size', () => {
    const s = new BatchSizer(300, 500);
    s.accepted(300, 300, 3000);
    expect(s.size).toBe(500);
    s.accepted(500, 500, 1000);
    expect(s.size).toBe(500);
    s.tooBig(500);
    s.tooBig(250);
    s.tooBig(125);
    s.tooBig(62);
    s.tooBig(31);
    expect(s.size).toBe(15);
  });
});

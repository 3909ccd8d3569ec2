import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { buildArticleRead, freezeStatement, type XapiAgent } from '../xapi';
import type { DestinationConfig } from './engine';
import { syncPass } from './pass';

const dest: DestinationConfig = {
  id: 'd',
  endpoint: 'https://lrs.example/xapi',
  credentials: { kind: 'bearer', token: 'tok' },
  xapiVersion: '1.0.3',
};
const pseudonym: XapiAgent = {
  objectType: 'Agent',
  account: { homePage: 'https://p.example', name: 'install' },
};
const uuid = (n: number) => `3f1c9a4e-8b2d-4c6f-9e1a-${String(n).padStart(12, '0')}`;
const learner: XapiAgent = { objectType: 'Agent', mbox: 'mailto:learner@example.org' };

/** An LRS that stores every batch it is sent; `posted` holds the statements in order. */
function lrs(status = 200) {
  const posted: Array<{ id: string; actor: XapiAgent }> = [];
  const fetchImpl: typeof fetch = (_input, init) => {
    const batch = JSON.parse(typeof init?.body === 'string' ? init.body : '[]') as typeof posted;
    if (status === 200) posted.push(...batch);
    return Promise.resolve(new Response(JSON.stringify(batch.map((s) => s.id)), { status }));
  };
  return { fetchImpl, posted };
}

/** Items captured under the pseudonym, each with its own id and optional hold. */
async function outboxWith(items: Array<{ id: string; holdUntil?: number }>): Promise<Outbox> {
  const ob = Outbox.open(`pass-unit-${Math.random()}`);
  for (const [n, { id, holdUntil }] of items.entries()) {
    const statement = buildArticleRead(
      {
        url: `https://example.com/a/${n}`,
        keepQueryStrings: false,
        title: 'A',
        engagedSeconds: 90,
        completed: true,
      },
      {
        id,
        actor: pseudonym,
        timestamp: new Date('2025-03-10T11:00:00.000Z'),
        now: new Date('2025-03-10T12:00:00.000Z'),
        language: 'en-GB',
        platform: 'example.com',
        source: { surface: 'extension', version: '1.2.3' },
      },
    );
    const item = {
      id,
      json: freezeStatement(statement),
      holdUntil,
      meta: { kind: 'article' as const, title: 'A' },
    };
    await ob.enqueue(item, 0, ['d']);
  }
  return ob;
}

describe('syncPass', () => {
  it('releases due holds, restamps with the actor, sends, and answers the next hold expiry', async () => {
    const ob = await outboxWith([
      { id: uuid(1), holdUntil: 50 },
      { id: uuid(2), holdUntil: 500 },
    ]);
    const server = lrs();
    const next = await syncPass(ob, {
      destinations: [dest],
      actor: () => learner,
      maySend: true,
      force: false,
      now: () => 100,
      fetch: server.fetchImpl,
    });
    expect(server.posted.map((s) => s.id)).toEqual([uuid(1)]);
    expect(server.posted[0]!.actor).toEqual(learner);
    expect(next).toBe(500);
  });

  it('sends nothing and never asks for the actor while sending is not allowed', async () => {
    const ob = await outboxWith([{ id: uuid(1) }]);
    const server = lrs();
    let asked = false;
    const next = await syncPass(ob, {
      destinations: [dest],
      actor: () => ((asked = true), learner),
      maySend: false,
      force: false,
      now: () => 100,
      fetch: server.fetchImpl,
    });
    expect(server.posted).toEqual([]);
    expect(asked).toBe(false);
    expect(next).toBeUndefined();
    expect((await ob.deliveryCounts('d')).pending).toBe(1);
  });

  it("answers the engine's next attempt when a destination backs off", async () => {
    const ob = await outboxWith([{ id: uuid(1) }]);
    const next = await syncPass(ob, {
      destinations: [dest],
      actor: () => learner,
      maySend: true,
      force: false,
      now: () => 100,
      fetch: lrs(503).fetchImpl,
    });
    expect(next).toBeGreaterThan(100);
    expect((await ob.destinations())[0]!.nextAttemptAt).toBe(next);
  });
});

/** Counts the rows the outbox reads from IndexedDB (a Dexie DBCore middleware), to show what a pass costs. */
function countRowsRead(ob: Outbox): { rows: number } {
  const counter = { rows: 0 };
  ob.db.use({
    stack: 'dbcore',
    name: 'count-rows',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          get: async (req): Promise<unknown> => {
            counter.rows += 1;
            return (await t.get(req)) as unknown;
          },
          getMany: async (req) => {
            counter.rows += req.keys.length;
            return t.getMany(req);
          },
          query: async (req) => {
            const res = await t.query(req);
            counter.rows += res.result.length;
            return res;
          },
          openCursor: async (req) => {
            const cursor = await t.openCursor(req);
            if (cursor) counter.rows += 1; // cursors are only used for small ranges here; a walk would be caught by query counts
            return cursor;
          },
        };
      },
    }),
  });
  return counter;
}

describe('syncPass cost (issue 11: O(batch), not O(backlog))', () => {
  it('reads a bounded number of rows whatever the backlog while the LRS is down', async () => {
    const waiting: number[] = [];
    const due: number[] = [];
    for (const size of [300, 1200]) {
      const ob = Outbox.open(`pass-cost-${Math.random()}`);
      const counter = countRowsRead(ob);
      const items = Array.from({ length: size }, (_, n) => ({
        id: crypto.randomUUID(),
        json: JSON.stringify({ actor: pseudonym, n }),
        meta: { kind: 'article', title: 'A' },
      }));
      await ob.enqueue(items, 0, ['d']);
      const pass = (now: number) =>
        syncPass(ob, {
          destinations: [dest],
          actor: () => learner,
          maySend: true,
          force: false,
          now: () => now,
          fetch: lrs(503).fetchImpl,
        });
      const retryAt = await pass(100); // claims one batch (and the next, read ahead), then backs off
      counter.rows = 0;
      await pass(retryAt! - 1); // still waiting: nothing but the destination's state is read
      waiting.push(counter.rows);
      counter.rows = 0;
      await pass(retryAt! + 1); // due again: one batch (and the one read ahead, with their deliveries)
      due.push(counter.rows);
      ob.close();
    }
    expect(waiting[1]).toBe(waiting[0]);
    expect(waiting[1]).toBeLessThan(10);
    expect(due[1]).toBe(due[0]);
    expect(due[1]).toBeLessThan(1000);
    // Counts rows, not time: room for a loaded machine (fake-indexeddb fills 1,500 items).
  }, 30_000);
});

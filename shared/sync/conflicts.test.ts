import { describe, expect, it } from 'vitest';
import { Outbox } from '../outbox';
import { SyncEngine, type DestinationConfig } from './engine';

/**
 * An in-memory LRS that, like ADL's, answers 409 to a batch holding any id it already has (identical or not)
 * and stores nothing of that batch; it reads statements back the way it stored them, durations truncated.
 */
function strictLrs(options: { readStatus?: number; conflictAlways?: boolean } = {}) {
  const held = new Map<string, Record<string, unknown>>();
  const voided = new Set<string>();
  const requests: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const answer = (status: number, body: string) => Promise.resolve(new Response(body, { status }));
    if (url.pathname.endsWith('/about')) return answer(200, '{"version":["1.0.3"]}');
    if (init?.method === 'GET') {
      if (options.readStatus) return answer(options.readStatus, 'Forbidden: this key may only write');
      const agent = url.searchParams.get('agent');
      if (agent) {
        requests.push('GET query');
        const mbox = (JSON.parse(agent) as { mbox: string }).mbox;
        const mine = [...held.values()].filter(
          (s) => (s.actor as { mbox: string }).mbox === mbox && !voided.has(s.id as string),
        );
        const limit = Number(url.searchParams.get('limit'));
        const page = mine.reverse().slice(0, limit);
        return answer(200, JSON.stringify({ statements: page, more: mine.length > limit ? '/more/1' : '' }));
      }
      const id = url.searchParams.get('statementId') ?? url.searchParams.get('voidedStatementId')!;
      const wantVoided = url.searchParams.has('voidedStatementId');
      requests.push(`GET ${wantVoided ? 'voided ' : ''}${id}`);
      const s = held.get(id);
      return s && voided.has(id) === wantVoided
        ? answer(200, JSON.stringify(s))
        : answer(404, `There is no statement associated with the id: ${id}`);
    }
    const batch = JSON.parse(init?.body as string) as Array<Record<string, unknown>>;
    requests.push(`POST ${batch.length}`);
    const clash = batch.find((s) => held.has(s.id as string));
    if (options.conflictAlways || clash) {
      return answer(409, `A statement with ID ${String(clash?.id ?? batch[0]!.id)} already exists`);
    }
    for (const s of batch) {
      const result = s.result as { duration?: string } | undefined;
      const duration = result?.duration?.replace(
        /\.(\d)(\d)S$/,
        (_m, a: string, b: string) => `.${a}${Number(b) - 1}S`,
      );
      held.set(s.id as string, {
        ...s,
        ...(result ? { result: { ...result, duration } } : {}),
        stored: 'now',
        version: '1.0.0',
      });
      const object = s.object as { objectType: string; id: string };
      if (object.objectType === 'StatementRef') voided.add(object.id);
    }
    return answer(200, JSON.stringify(batch.map((s) => s.id)));
  };
  return { held, requests, fetchImpl };
}

const dest: DestinationConfig = {
  id: 'd',
  endpoint: 'https://lrs.example/xapi/',
  credentials: { kind: 'basic', username: 'u', password: 'p' },
  xapiVersion: '1.0.3',
};

function statement(i: number) {
  const id = crypto.randomUUID();
  return {
    id,
    actor: { objectType: 'Agent', mbox: 'mailto:learner@example.com' },
    verb: { id: 'http://activitystrea.ms/schema/1.0/read', display: { en: 'read' } },
    object: { objectType: 'Activity', id: `https://articles.example/${i}` },
    result: { duration: 'PT23M32.37S' },
    timestamp: '2026-11-23T09:00:00.000Z',
  };
}

async function queued(n: number) {
  const ob = Outbox.open(`conflicts-${Math.random()}`);
  const st = Array.from({ length: n }, (_, i) => statement(i));
  await ob.enqueue(
    st.map((s) => ({ id: s.id, json: JSON.stringify(s), meta: { kind: 'article', title: s.id } })),
    0,
    ['d'],
  );
  return { ob, st };
}

describe('a batch answered 409 is resolved by reading its ids back, not by bisection', () => {
  it('marks what the LRS holds (durations truncated) as sent, quarantines other content, sends the rest', async () => {
    const lrs = strictLrs();
    const { ob, st } = await queued(40);
    // After a lost answer the LRS holds the first 20 as we sent them; someone else holds #25 with other content.
    for (const s of st.slice(0, 20)) lrs.held.set(s.id, { ...s, result: { duration: 'PT23M32.36S' } });
    lrs.held.set(st[25]!.id, { ...st[25]!, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } });
    const engine = new SyncEngine({
      outbox: ob,
      clock: { now: () => 0 },
      fetch: lrs.fetchImpl,
      batchSize: 40,
    });
    const run = (await engine.syncAll([dest])).destinations[0]!;

    expect(run).toMatchObject({ sent: 39, quarantined: 1, state: { status: 'active' } });
    // One query for the learner's latest statements accounts for all 40 ids: three requests in all.
    expect(lrs.requests).toEqual(['POST 40', 'GET query', 'POST 19']);
    const [q] = await ob.deliveriesOf(st[25]!.id);
    expect(q?.quarantine?.status).toBe(409);
    expect(q?.quarantine?.message).toMatch(
      /different content under statement id .*: verb.id: sent http:\/\/activitystrea.ms\/schema\/1.0\/read, the LRS holds http:\/\/adlnet.gov\/expapi\/verbs\/experienced — HTTP 409: A statement with ID/,
    );
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 0, sent: 39, quarantined: 1 });
    ob.close();
  });

  it('reads one by one what the query cannot account for, and a statement voided in the same batch as voided', async () => {
    const lrs = strictLrs();
    const { ob, st } = await queued(150);
    const target = st[148]!;
    const voiding = {
      ...statement(0),
      id: st[149]!.id,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: target.id },
    };
    delete (voiding as { result?: unknown }).result;
    const ob2 = Outbox.open(`conflicts-${Math.random()}`);
    const all = [...st.slice(0, 149), voiding];
    await ob2.enqueue(
      all.map((s) => ({ id: s.id, json: JSON.stringify(s), meta: { kind: 'article', title: s.id } })),
      0,
      ['d'],
    );
    ob.close();
    // The whole batch was stored, answer lost; the query page (100) cannot hold all 150.
    const first = new SyncEngine({
      outbox: ob2,
      clock: { now: () => 0 },
      fetch: lrs.fetchImpl,
      batchSize: 150,
    });
    const lost: typeof fetch = async (input, init) => {
      await lrs.fetchImpl(input, init);
      throw new TypeError('fetch failed');
    };
    await new SyncEngine({ outbox: ob2, clock: { now: () => 0 }, fetch: lost, batchSize: 150 }).syncAll([
      dest,
    ]);
    lrs.requests.length = 0;
    const run = (await first.syncAll([dest], { force: true })).destinations[0]!;
    expect(run).toMatchObject({ sent: 150, quarantined: 0 });
    expect(lrs.requests.filter((r) => r.startsWith('POST'))).toEqual(['POST 150']);
    expect(lrs.requests).toContain(`GET voided ${target.id}`);
    expect(lrs.requests.length).toBeLessThan(60);
    ob2.close();
  });

  it('an LRS that answers 409 to everything: nothing is marked sent, nothing lost, and it says why', async () => {
    const lrs = strictLrs({ conflictAlways: true });
    const { ob } = await queued(5);
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 0 }, fetch: lrs.fetchImpl });
    const run = (await engine.syncAll([dest])).destinations[0]!;
    expect(run).toMatchObject({
      sent: 0,
      quarantined: 0,
      state: { status: 'backoff', lastErrorStatus: 409 },
    });
    expect(run.state.lastError).toMatch(/answers 409 \(conflict\) for statements it says it does not hold/);
    // One read-back, one retry, then it waits: no request storm.
    expect(lrs.requests.filter((r) => r.startsWith('POST'))).toEqual(['POST 5', 'POST 5']);
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 5, sent: 0, quarantined: 0 });
    ob.close();
  });

  it('credentials that may not read: everything stays queued with a message that says what to change', async () => {
    const lrs = strictLrs({ readStatus: 403 });
    const { ob, st } = await queued(3);
    lrs.held.set(st[0]!.id, st[0]!);
    const engine = new SyncEngine({ outbox: ob, clock: { now: () => 0 }, fetch: lrs.fetchImpl });
    const run = (await engine.syncAll([dest])).destinations[0]!;
    expect(run.state).toMatchObject({ status: 'backoff', lastErrorStatus: 403 });
    expect(run.state.lastError).toMatch(/may not read statements back .* allow this key to read statements/);
    expect(await ob.deliveryCounts('d')).toEqual({ pending: 3, sent: 0, quarantined: 0 });
    ob.close();
  });
});

import { describe, expect, it } from 'vitest';
import { Outbox, type NewItem } from '../outbox';
import { FILL_KEY, fillStep } from '../outbox/fill';
import { deleteItem } from './follow-ups';
import { isRecordCursor, parseRecordQuery, queryRecord, type RecordCursor, type RecordQuery } from './query';
import { recordPage, type RecordItemView } from './view';

const actor = { objectType: 'Agent', account: { homePage: 'https://trailnote.app/xapi', name: 'x' } };
const SKILLS = Array.from({ length: 5 }, (_, i) => ({
  id: `https://skills.example/${i}`,
  name: `Skill ${i}`,
}));
const KINDS = ['article', 'video', 'book'];
const BASE = Date.parse('2025-03-01T00:00:00Z');
const env = (ob: Outbox) => ({
  outbox: ob,
  now: () => BASE,
  source: { surface: 'extension' as const, version: '1.0.0' },
});

/** 150 items; captured in one order, happened in another (logged books are back-dated). */
async function record(): Promise<Outbox> {
  const ob = Outbox.open(`query-${Math.random()}`);
  const items: NewItem[] = Array.from({ length: 150 }, (_, n) => {
    const id = crypto.randomUUID();
    const at = BASE + ((n * 7919) % 150) * 3_600_000 + n; // distinct, not in seq order
    return {
      id,
      json: JSON.stringify({ id, actor, timestamp: new Date(at).toISOString() }),
      meta: {
        kind: KINDS[n % 3]!,
        title: `Item ${n}`,
        skills: n % 4 === 0 ? [] : [SKILLS[n % 5]!, SKILLS[(n * 3) % 5]!],
      },
      ...(n % 10 === 1 ? { review: true } : {}),
    };
  });
  await ob.enqueue(items, BASE, ['d']);
  // Some sent, one refused, some deleted.
  const claimed = await ob.claim('d', 40);
  await ob.markSent(
    claimed.slice(0, 30).map((c) => c.delivery),
    BASE,
  );
  await ob.quarantine(claimed[30]!.delivery, BASE, 400, 'Bad statement');
  for (const c of claimed.slice(31, 35)) await deleteItem(c.delivery.itemId, env(ob));
  return ob;
}

function matches(v: RecordItemView, q: RecordQuery): boolean {
  return (
    (q.status === undefined ? v.status !== 'voided' : v.status === q.status) &&
    (q.kind === undefined || v.kind === q.kind) &&
    (q.skill === undefined || v.skills.some((s) => s.id === q.skill)) &&
    (q.from === undefined || v.at >= q.from) &&
    (q.before === undefined || v.at < q.before)
  );
}

async function allPages(ob: Outbox, q: RecordQuery, limit: number): Promise<RecordItemView[]> {
  const out: RecordItemView[] = [];
  let next: RecordCursor | undefined;
  do {
    const page = await queryRecord(ob, ['d'], q, limit, { after: next });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    next = page.next;
  } while (next);
  return out;
}

describe('queryRecord (My learning at any size)', () => {
  it('pages through exactly the matching items, newest first by when they happened, for every filter', async () => {
    const ob = await record();
    const whole = await recordPage(ob, ['d'], 10_000);
    const from = BASE + 30 * 3_600_000;
    const before = BASE + 110 * 3_600_000;
    const queries: RecordQuery[] = [
      {},
      { kind: 'video' },
      { skill: SKILLS[2]!.id },
      { kind: 'book', skill: SKILLS[1]!.id },
      { from, before },
      { skill: SKILLS[3]!.id, from },
      { kind: 'article', before },
      { status: 'review' },
      { status: 'sent', kind: 'article' },
      { status: 'failing' },
      { status: 'voided' },
      { status: 'waiting', skill: SKILLS[4]!.id, from, before },
      { kind: 'mentoring' },
    ];
    for (const q of queries) {
      const expected = whole
        .filter((v) => matches(v, q))
        .sort((a, b) => b.at - a.at)
        .map((v) => v.id);
      const got = await allPages(ob, q, 23);
      expect(
        got.map((v) => v.id),
        JSON.stringify(q),
      ).toEqual(expected);
    }
    const failing = await queryRecord(ob, ['d'], { status: 'failing' }, 10);
    expect(failing.items).toMatchObject([{ refused: true, problem: 'Bad statement' }]);
    expect(failing.next).toBeUndefined();
  }, 30_000);

  it('while an older outbox is being prepared: the items prepared so far, and how many are left', async () => {
    const ob = await record();
    const whole = await recordPage(ob, ['d'], 10_000);
    // As opening a database an older version left leaves it (shared/outbox/db.ts v5), then one batch of 60.
    await Promise.all([ob.db.record.clear(), ob.db.tally.clear()]);
    await ob.db.meta.put({ key: FILL_KEY, value: 150 });
    expect(await queryRecord(ob, ['d'], {}, 23)).toEqual({ items: [], preparing: 150 });
    await fillStep(ob.db, 60);
    const ready = whole.filter((v) => matches(v, { kind: 'video' }));
    const seqs = new Map((await ob.list()).map((i) => [i.id, i.seq]));
    const page = await queryRecord(ob, ['d'], { kind: 'video' }, 100);
    expect(page.preparing).toBe(90);
    expect(page.items.map((v) => v.id)).toEqual(
      ready
        .filter((v) => seqs.get(v.id)! > 90)
        .sort((a, b) => b.at - a.at)
        .map((v) => v.id),
    );
    await ob.prepareRecord();
    const done = await queryRecord(ob, ['d'], { kind: 'video' }, 100);
    expect(done.preparing).toBeUndefined();
    expect(done.items).toHaveLength(ready.length);
  });

  it('a filter that matches little answers with what it found after a bounded walk, and where to go on', async () => {
    const ob = Outbox.open(`query-budget-${Math.random()}`);
    const budget = 300;
    const n = 700; // the first request reads two chunks (400) and stops; the second finds it
    const items: NewItem[] = Array.from({ length: n }, (_, i) => {
      const id = crypto.randomUUID();
      return {
        id,
        json: JSON.stringify({ id, timestamp: new Date(BASE + i * 1000).toISOString() }),
        meta: { kind: 'article', title: `A ${i}` },
        // The oldest one only is in review.
        ...(i === 0 ? { review: true } : {}),
      };
    });
    await ob.enqueue(items, BASE, ['d']);
    const first = await queryRecord(ob, ['d'], { status: 'review' }, 10, { budget });
    expect(first.items).toEqual([]);
    expect(first.next).toBeDefined();
    const second = await queryRecord(ob, ['d'], { status: 'review' }, 10, { after: first.next, budget });
    expect(second.items.map((i) => i.title)).toEqual(['A 0']);
    expect(second.next).toBeUndefined();
  });

  it('accepts only well-formed queries and cursors at the boundary', () => {
    expect(parseRecordQuery({})).toEqual({});
    expect(
      parseRecordQuery({ kind: 'book', skill: 'https://s/1', from: 1, before: 2, status: 'sent' }),
    ).toEqual({ kind: 'book', skill: 'https://s/1', from: 1, before: 2, status: 'sent' });
    for (const bad of [
      null,
      [],
      { kind: '' },
      { kind: 3 },
      { skill: 'x'.repeat(5000) },
      { from: Number.NaN },
      { before: '2025-01-01' },
      { status: 'lost' },
      { other: 1 },
    ]) {
      expect(parseRecordQuery(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(isRecordCursor({ at: 5, seq: 3 })).toBe(true);
    for (const bad of [
      { at: 5 },
      { at: 5, seq: 0 },
      { at: 5, seq: 1.5 },
      { at: Infinity, seq: 1 },
      { at: 1, seq: 1, x: 1 },
    ]) {
      expect(isRecordCursor(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

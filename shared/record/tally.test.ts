// The outbox's running totals (shared/outbox/tally.ts) against a count from scratch: after any sequence of the
// writes that change an item (capture, rebuild with tags, approve, release, discard, comment adding skills,
// delete), the tally gives exactly what timePerSkillPerWeek (shared/insights, the oracle) gives over the whole
// record, and the filter menus the kinds and skills the record has. Also when the record of a database an older
// version left is being prepared in batches (shared/outbox/fill.ts) while those writes happen.
import { describe, expect, it } from 'vitest';
import { tallyChart, tallyFacets, timePerSkillPerWeek, type TimePerSkill } from '../insights';
import { Outbox, type NewItem } from '../outbox';
import { FILL_KEY, fillStep } from '../outbox/fill';
import { addToTally, recordRow } from '../outbox/tally';
import type { WeekTally } from '../insights/tally';
import { addFollowUp, deleteItem } from './follow-ups';
import { recordPage, type RecordItemView } from './view';

/** A small seeded generator, so a failure replays. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const SKILLS = Array.from({ length: 6 }, (_, i) => ({
  id: `https://skills.example/${i}`,
  name: `Skill ${i}`,
}));
const KINDS = ['article', 'video', 'book', 'mentoring'];
const actor = { objectType: 'Agent', account: { homePage: 'https://trailnote.app/xapi', name: 'x' } };
const DAY = 86_400_000;
const BASE = Date.parse('2025-01-06T10:00:00Z');

type Rng = ReturnType<typeof random>;

function skillsOf(rng: Rng) {
  return Array.from({ length: rng.int(4) }, () => rng.pick(SKILLS)); // duplicates too: counted once
}

function statement(rng: Rng, id: string): string {
  const duration = rng.int(5) === 0 ? undefined : `PT${rng.int(90)}M${rng.int(60)}S`;
  return JSON.stringify({
    id,
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { id: `https://example.org/${id}` },
    ...(rng.int(8) === 0
      ? {}
      : { timestamp: new Date(BASE + rng.int(120) * DAY + rng.int(DAY)).toISOString() }),
    ...(duration ? { result: { duration } } : {}),
  });
}

/** The oracle: the whole record as My learning's views, counted from scratch. */
async function fromScratch(ob: Outbox): Promise<{ chart: TimePerSkill; views: RecordItemView[] }> {
  const views = (await recordPage(ob, ['d'], 1_000_000)).filter((v) => v.status !== 'voided');
  return { chart: timePerSkillPerWeek(views), views };
}

/** The tally keeps whole milliseconds per skill's share: the same figures as the oracle's within a few ms. */
function expectSameChart(actual: TimePerSkill, expected: TimePerSkill) {
  const shape = (c: TimePerSkill, n: (v: number) => unknown) => ({
    weeks: c.weeks.map((w) => ({
      start: w.start,
      total: n(w.total),
      seconds: Object.fromEntries(Object.entries(w.seconds).map(([k, v]) => [k, n(v)])),
    })),
    skills: c.skills.map((s) => ({ ...s, seconds: n(s.seconds) })),
    totalSeconds: n(c.totalSeconds),
  });
  expect(shape(actual, (v) => v)).toEqual(shape(expected, (v) => expect.closeTo(v, 1)));
}

/** The tally's rows exactly as counting every item from nothing gives them (the same arithmetic, all at once). */
async function expectRecount(ob: Outbox) {
  const rows = new Map<string, WeekTally>();
  for (const item of await ob.list()) addToTally(rows, item);
  const sorted = (list: WeekTally[]) =>
    list
      .map((r) => ({ ...r, skills: [...r.skills].sort((a, b) => a.id.localeCompare(b.id)) }))
      .sort((a, b) => a.week - b.week || a.kind.localeCompare(b.kind));
  expect(sorted(await ob.tally())).toEqual(sorted([...rows.values()]));
}

/**
 * What opening a database an older version left does (db.ts v5): nothing in the record table nor the tally, and
 * every item stored so far still to be prepared.
 */
async function asIfLeftByAnOlderVersion(ob: Outbox): Promise<void> {
  const counter = await ob.db.meta.get('seq');
  await Promise.all([ob.db.record.clear(), ob.db.tally.clear()]);
  await ob.db.meta.put({ key: FILL_KEY, value: counter?.value ?? 0 });
}

/** `olderAt`: the step at which the outbox becomes one an older version left; its fill runs among the writes. */
async function runSequence(seed: number, steps: number, olderAt?: number) {
  const rng = random(seed);
  const ob = Outbox.open(`tally-${seed}-${Math.random()}`);
  const env = { outbox: ob, now: () => BASE, source: { surface: 'extension' as const, version: '1.0.0' } };
  let now = BASE;
  let filling = false;
  /** Writes to an item still to be prepared, and batches run among the writes. */
  const met = { unprepared: 0, batches: 0 };
  for (let step = 0; step < steps; step++) {
    now += 1000;
    if (step === olderAt) {
      await asIfLeftByAnOlderVersion(ob);
      filling = true;
    }
    // A small batch now and then, between any two writes (as a running fill meets captures and edits).
    if (filling && rng.int(3) === 0) {
      filling = await fillStep(ob.db, 1 + rng.int(3));
      met.batches += 1;
    }
    const all = await ob.list();
    const mine = all.filter((i) => i.meta.kind !== 'comment' && i.meta.kind !== 'void');
    const op = rng.int(8);
    if (op <= 2 || mine.length === 0) {
      const batch: NewItem[] = Array.from({ length: 1 + rng.int(3) }, () => {
        const id = crypto.randomUUID();
        const hold = rng.int(3);
        return {
          id,
          json: statement(rng, id),
          meta: { kind: rng.pick(KINDS), title: id, skills: skillsOf(rng) },
          ...(hold === 1 ? { review: true } : hold === 2 ? { holdUntil: now + 5000 } : {}),
        };
      });
      // Now and then the same id again: it must count once.
      if (rng.int(6) === 0 && mine.length > 0) {
        const again = rng.pick(mine);
        batch.push({ id: again.id, json: again.json, meta: again.meta });
      }
      await ob.enqueue(batch, now, ['d']);
      continue;
    }
    const item = rng.pick(mine);
    if (item.seq <= ((await ob.db.meta.get(FILL_KEY))?.value ?? 0)) met.unprepared += 1;
    const unsent = item.state === 'held' || item.state === 'review';
    if (op === 3 && unsent) {
      // Rebuilt with other tags (and a statement that may say another time or duration), kind changed too.
      await ob.revise(item.id, statement(rng, item.id), {
        ...item.meta,
        kind: rng.pick(KINDS),
        skills: skillsOf(rng),
      });
    } else if (op === 4 && unsent) {
      if (rng.int(2) === 0) await ob.approve(item.id, now, ['d']);
      else await ob.discard(item.id);
    } else if (op === 5) {
      await ob.releaseDue(now, ['d']);
    } else if (op === 6 && item.state === 'ready') {
      await addFollowUp(item.id, { reflection: rng.int(2) ? 'More' : '', addSkills: skillsOf(rng) }, env);
    } else if (op === 7) {
      await deleteItem(item.id, env);
    }
  }
  return { ob, met };
}

describe('the record tally (issue 11 point 2)', () => {
  it.each([
    ['after any sequence of writes', undefined],
    ['also when writes happen while an older database is being prepared', 40],
  ])(
    'always equals the count from scratch, %s',
    async (_, olderAt) => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const { ob, met } = await runSequence(seed, olderAt === undefined ? 80 : 120, olderAt);
        if (olderAt !== undefined) {
          expect(met.unprepared, `seed ${seed}: writes to items not yet prepared`).toBeGreaterThan(5);
          expect(met.batches, `seed ${seed}: batches among the writes`).toBeGreaterThan(5);
          await ob.prepareRecord();
        }
        expect(await ob.db.record.toArray()).toEqual((await ob.list()).flatMap((i) => recordRow(i) ?? []));
        await expectRecount(ob);
        const rows = await ob.db.tally.toArray();
        const { chart, views } = await fromScratch(ob);
        expect(views.length, `seed ${seed}: the sequence built a record`).toBeGreaterThan(10);
        const tallied = tallyChart(rows);
        expectSameChart(tallied, chart);
        expect(tallied.items).toBe(views.length);
        // Nothing left over: no row and no skill with no item.
        expect(rows.every((r) => r.items > 0 && r.skills.every((s) => s.items > 0))).toBe(true);
        const kinds = [...new Set(views.map((v) => v.kind))].sort();
        const skills = [...new Map(views.flatMap((v) => v.skills).map((s) => [s.id, s])).values()];
        expect(tallyFacets(rows)).toEqual({
          kinds,
          skills: skills.sort((a, b) => a.name.localeCompare(b.name)),
        });
        // A kind or a skill alone: the chart of exactly those items.
        const kind = kinds[0]!;
        expectSameChart(
          tallyChart(rows, { kind }),
          timePerSkillPerWeek(views.filter((v) => v.kind === kind)),
        );
        const skill = skills[0]!.id;
        const withSkill = timePerSkillPerWeek(views.filter((v) => v.skills.some((s) => s.id === skill)));
        const skillOnly = tallyChart(rows, { skill });
        expect(skillOnly.skills.map((s) => s.id)).toEqual([skill]);
        expect(Math.round(skillOnly.totalSeconds)).toBe(
          Math.round(withSkill.skills.find((s) => s.id === skill)!.seconds),
        );
        ob.close();
      }
    },
    60_000,
  );
});

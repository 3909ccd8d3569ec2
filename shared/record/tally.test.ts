// The outbox's running totals (shared/outbox/tally.ts) against a count from scratch: after any sequence of the
// writes that change an item (capture, rebuild with tags, approve, release, discard, comment adding skills,
// delete), the tally gives exactly what timePerSkillPerWeek (shared/insights, the oracle) gives over the whole
// record, and the filter menus the kinds and skills the record has.
import { describe, expect, it } from 'vitest';
import { tallyChart, tallyFacets, timePerSkillPerWeek, type TimePerSkill } from '../insights';
import { Outbox, type NewItem } from '../outbox';
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

function expectSameChart(actual: TimePerSkill, expected: TimePerSkill) {
  const round = (c: TimePerSkill) => ({
    weeks: c.weeks.map((w) => ({
      start: w.start,
      total: Math.round(w.total),
      seconds: Object.fromEntries(Object.entries(w.seconds).map(([k, v]) => [k, Math.round(v)])),
    })),
    skills: c.skills.map((s) => ({ ...s, seconds: Math.round(s.seconds) })),
    totalSeconds: Math.round(c.totalSeconds),
  });
  expect(round(actual)).toEqual(round(expected));
}

async function runSequence(seed: number, steps: number) {
  const rng = random(seed);
  const ob = Outbox.open(`tally-${seed}-${Math.random()}`);
  const env = { outbox: ob, now: () => BASE, source: { surface: 'extension' as const, version: '1.0.0' } };
  let now = BASE;
  for (let step = 0; step < steps; step++) {
    now += 1000;
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
  return ob;
}

describe('the record tally (issue 11 point 2)', () => {
  it('always equals the count from scratch, after any sequence of writes', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const ob = await runSequence(seed, 80);
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
      expectSameChart(tallyChart(rows, { kind }), timePerSkillPerWeek(views.filter((v) => v.kind === kind)));
      const skill = skills[0]!.id;
      const withSkill = timePerSkillPerWeek(views.filter((v) => v.skills.some((s) => s.id === skill)));
      const skillOnly = tallyChart(rows, { skill });
      expect(skillOnly.skills.map((s) => s.id)).toEqual([skill]);
      expect(Math.round(skillOnly.totalSeconds)).toBe(
        Math.round(withSkill.skills.find((s) => s.id === skill)!.seconds),
      );
      ob.close();
    }
  }, 60_000);
});

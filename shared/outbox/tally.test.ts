import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { tallyChart, timePerSkillPerWeek } from '../insights';
import { Outbox } from './outbox';
import type { OutboxItem } from './types';

const skill = (i: number) => ({ id: `https://skills.example/${i}`, name: `Skill ${i}` });

/** Rows as version 3 stored them: no record keys, no tally. */
function v3Rows(): OutboxItem[] {
  return Array.from({ length: 60 }, (_, n) => {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const at = Date.parse('2025-01-01T12:00:00Z') + n * 86_400_000;
    return {
      id,
      seq: n + 1,
      state: n % 9 === 0 ? 'discarded' : n % 5 === 0 ? 'review' : 'ready',
      createdAt: at,
      json:
        n % 9 === 0
          ? ''
          : JSON.stringify({ id, timestamp: new Date(at).toISOString(), result: { duration: `PT${n}M` } }),
      meta: {
        kind: n % 7 === 0 ? 'comment' : n % 2 ? 'article' : 'video',
        title: `Item ${n}`,
        skills: n % 3 === 0 ? [] : [skill(n % 4), skill((n + 1) % 4)],
        ...(n % 11 === 0 ? { deleted: { at, voidId: 'v' } } : {}),
      },
    };
  });
}

describe('outbox schema v4 (the record keys and tally)', () => {
  it('upgrades a v3 database: every row kept, record keys added, the tally counted from the rows once', async () => {
    const name = `tally-upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores({
      items: 'id, &seq, state, [state+holdUntil], [state+seq]',
      deliveries: '[destinationId+seq], [destinationId+state+seq], itemId',
      destinations: 'id',
      meta: 'key',
    });
    const rows = v3Rows();
    await old.table('items').bulkAdd(rows);
    old.close();

    const ob = Outbox.open(name);
    const upgraded = await ob.list();
    expect(upgraded).toHaveLength(rows.length);
    for (const [n, row] of upgraded.entries()) {
      const { at, skillKeys, ...kept } = row;
      expect(kept).toEqual(rows[n]);
      const shown = row.state !== 'discarded' && row.meta.kind !== 'comment';
      expect(at).toBe(
        shown ? Date.parse((JSON.parse(row.json) as { timestamp: string }).timestamp) : undefined,
      );
      expect(skillKeys).toEqual(shown ? (row.meta.skills ?? []).map((s) => [s.id, at, row.seq]) : undefined);
    }
    const counted = upgraded
      .filter((r) => r.at !== undefined && !r.meta.deleted)
      .map((r) => ({
        at: r.at!,
        seconds: Number(/PT(\d+)M/.exec(r.json)![1]) * 60,
        skills: r.meta.skills ?? [],
      }));
    const chart = tallyChart(await ob.db.tally.toArray());
    expect(chart.items).toBe(counted.length);
    const { items: _items, ...figures } = chart;
    expect(figures).toEqual(timePerSkillPerWeek(counted));
    // The indexes answer: items of a skill, newest first.
    const bySkill = await ob.db.items
      .where('skillKeys')
      .between([skill(1).id, Dexie.minKey], [skill(1).id, Dexie.maxKey])
      .reverse()
      .primaryKeys();
    expect(bySkill).toEqual(
      upgraded
        .filter((r) => r.skillKeys?.some(([id]) => id === skill(1).id))
        .reverse()
        .map((r) => r.id),
    );
    ob.close();
  });
});

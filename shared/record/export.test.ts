import { describe, expect, it } from 'vitest';
import { recordCsv } from '../insights';
import { Outbox } from '../outbox';
import { exportPage, exportPages, type ExportPage } from './export';
import { exportRecord } from './follow-ups';
import { recordPage } from './view';

const NOW = Date.parse('2026-12-02T10:00:00Z');

async function outboxWith(n: number): Promise<Outbox> {
  const ob = Outbox.open(`export-${Math.random()}`);
  const item = (k: number, extra: object = {}) => ({
    id: `i${k}`,
    json: JSON.stringify({ id: `i${k}`, timestamp: new Date(1.7e12 + k * 60_000).toISOString() }),
    meta: { kind: 'article', title: k % 7 === 0 ? `=cmd ${k}, "quoted"` : `A ${k}`, reflection: `r${k}` },
    ...extra,
  });
  await ob.enqueue(
    Array.from({ length: n }, (_, k) => item(k)),
    1,
    ['d'],
  );
  await ob.enqueue([item(n, { review: true }), item(n + 1, { holdUntil: NOW * 2 })], 2, ['d']);
  await ob.followUp(
    'i3',
    { id: 'c1', json: '{"id":"c1"}', meta: { kind: 'comment', title: 'c' } },
    3,
    (m) => ({
      ...m,
      comments: [{ id: 'c1', at: 3, reflection: 'later' }],
    }),
  );
  return ob;
}

async function allPages(ob: Outbox, format: 'xapi' | 'csv', size: number): Promise<ExportPage[]> {
  const pages: ExportPage[] = [];
  for await (const page of exportPages(format, { outbox: ob, now: () => NOW }, ['d'], size)) pages.push(page);
  return pages;
}

describe('the export in pages (issue 11, point 2)', () => {
  it('xAPI JSON: the pages joined are the frozen statements, as stored, whatever the page size', async () => {
    const ob = await outboxWith(23);
    const whole = await ob.exportXapiJson({ states: ['ready'] });
    for (const size of [1, 5, 24, 25, 1000]) {
      const pages = await allPages(ob, 'xapi', size);
      expect(pages.map((p) => p.text).join('')).toBe(whole);
      expect(JSON.parse(pages.map((p) => p.text).join(''))).toHaveLength(24); // 23 + the comment
      expect(pages.every((p) => p.filename === 'trailnote-statements-2026-12-02.json')).toBe(true);
    }
    expect((await allPages(ob, 'xapi', 5)).length).toBe(6); // 26 items read 5 at a time
    ob.close();
  });

  it('CSV: a header, then one row per item newest first, the same as the whole record', async () => {
    const ob = await outboxWith(23);
    const items = await recordPage(ob, ['d'], 10_000);
    const whole = recordCsv(
      items.map((i) => ({
        ...i,
        reflections: [i.reflection, ...i.comments.map((c) => c.reflection ?? '')].filter((r) => r !== ''),
      })),
    );
    for (const size of [1, 4, 25, 26, 500]) {
      expect((await allPages(ob, 'csv', size)).map((p) => p.text).join('')).toBe(whole);
    }
    expect((await exportRecord('csv', { outbox: ob, now: () => NOW }, ['d'])).text).toBe(whole);
    ob.close();
  });

  it('an empty record is an empty array and a header row', async () => {
    const ob = Outbox.open(`export-empty-${Math.random()}`);
    const env = { outbox: ob, now: () => NOW };
    const json = await exportPage('xapi', env, []);
    expect(json.text).toBe('[]');
    expect(json).not.toHaveProperty('next');
    expect((await exportPage('csv', env, [])).text).toBe(
      'date,kind,title,url,duration,skills,reflection,status\r\n',
    );
    ob.close();
  });
});

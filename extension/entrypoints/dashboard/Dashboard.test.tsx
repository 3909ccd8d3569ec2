// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  all,
  button,
  click,
  get,
  mount,
  settle,
  text,
  type,
  type Mounted,
} from '../../../shared/ui/test-dom';
import { ESCO_ATTRIBUTION } from '../../../shared/skills/esco';
import type {
  PageToBackground,
  RecordContext,
  RecordItemView,
  SkillFrameworksView,
} from '../../platform/messages';
import type { SendToBackground } from '../../platform/send';
import { Dashboard, type DashboardApi } from './Dashboard';
import { groupByDay, localDate, NO_FILTER, queryOf } from '../../../shared/ui/record/filter';
import { applyToTally, emptyTally, tallyWeek, type WeekTally } from '../../../shared/insights';
import { RECORD_PAGE, type RecordCursor, type RecordQuery } from '../../../shared/record';
import { PREPARING_REFRESH_MS } from '../../../shared/ui/record/MyLearning';
import { act } from 'preact/test-utils';

const DAY = 86_400_000;
const NOW = new Date(2025, 2, 12, 15, 0).getTime(); // Wednesday 12 March 2025, 15:00 local
const negotiation = { id: 'https://s.example/negotiation', name: 'Negotiation' };
const design = { id: 'https://s.example/design', name: 'Design' };

function view(overrides: Partial<RecordItemView>): RecordItemView {
  return {
    id: 'a',
    kind: 'article',
    title: 'Negotiation basics',
    url: 'https://blog.example/a',
    state: 'ready',
    createdAt: NOW,
    at: NOW - 2 * 3_600_000,
    seconds: 1800,
    skills: [negotiation],
    reflection: 'Anchor high.',
    editable: false,
    commentable: true,
    status: 'sent',
    comments: [],
    ...overrides,
  };
}

const ITEMS: RecordItemView[] = [
  view({ id: 'a' }),
  view({
    id: 'b',
    kind: 'video',
    title: 'Design talk',
    at: NOW - DAY,
    seconds: 1200,
    skills: [negotiation, design],
    reflection: '',
    status: 'failing',
    problem: 'HTTP 401',
  }),
  view({
    id: 'c',
    kind: 'podcast',
    title: 'Held episode',
    state: 'held',
    at: NOW - 8 * DAY,
    seconds: undefined,
    skills: [],
    reflection: '',
    editable: true,
    commentable: false,
    status: 'waiting',
  }),
  view({ id: 'd', title: 'Deleted one', status: 'voided', commentable: false, voidSent: false }),
];

const context: RecordContext = {
  frameworksStamp: 'f1',
  allowCustomSkills: false,
  customSkillBaseIri: 'https://s.example/custom',
  destinations: [{ id: 'org', name: 'Acme LRS', origin: 'organisation', status: 'active', pending: 0 }],
};

const frameworks: SkillFrameworksView = {
  stamp: 'f1',
  frameworks: [
    { id: 'acme', name: 'Acme', attribution: 'Acme skills, CC BY.', skills: [negotiation, design] },
  ],
};

type Call = { type: keyof PageToBackground; payload: unknown };

/** What the background's query answers (shared/record/query.ts), over a list: the fake's own plain filter. */
function matches(v: RecordItemView, q: RecordQuery): boolean {
  return (
    (q.status === undefined ? v.status !== 'voided' : v.status === q.status) &&
    (q.kind === undefined || v.kind === q.kind) &&
    (q.skill === undefined || v.skills.some((s) => s.id === q.skill)) &&
    (q.from === undefined || v.at >= q.from) &&
    (q.before === undefined || v.at < q.before)
  );
}

/** A page of `items` as the background gives it: newest first, `limit` at a time, the cursor at its last. */
function listAnswer(
  items: readonly RecordItemView[],
  payload: { query?: RecordQuery; after?: RecordCursor; limit?: number },
) {
  const matching = items
    .map((v, i) => ({ v, seq: i + 1 }))
    .filter(({ v }) => matches(v, payload.query ?? {}))
    .sort((a, b) => b.v.at - a.v.at || b.seq - a.seq);
  const after = payload.after;
  const start = after ? matching.findIndex((m) => m.v.at === after.at && m.seq === after.seq) + 1 : 0;
  const page = matching.slice(start, start + (payload.limit ?? RECORD_PAGE));
  const last = page.at(-1);
  const more = start + page.length < matching.length;
  return {
    items: page.map((m) => m.v),
    ...(more && last ? { next: { at: last.v.at, seq: last.seq } } : {}),
  };
}

/** The running totals of `items` (shared/insights/tally.ts), as the outbox keeps them: deleted ones left out. */
function tallyOf(items: readonly RecordItemView[]): WeekTally[] {
  const rows = new Map<string, WeekTally>();
  for (const v of items.filter((i) => i.status !== 'voided')) {
    const entry = { kind: v.kind, at: v.at, seconds: v.seconds, skills: v.skills };
    const week = tallyWeek(entry);
    const row = rows.get(`${v.kind}|${week}`) ?? emptyTally(v.kind, week);
    rows.set(`${v.kind}|${week}`, row);
    applyToTally(row, entry, 1);
  }
  return [...rows.values()];
}

function fakeApi(answers: Partial<Record<keyof PageToBackground | 'record', unknown>> = {}) {
  const calls: Call[] = [];
  const downloads: Array<{ filename: string; mimeType: string; text: string | readonly string[] }> = [];
  const send = ((type: keyof PageToBackground, payload: unknown) => {
    calls.push({ type, payload });
    const record = (answers.record as RecordItemView[] | undefined) ?? ITEMS;
    if (type === 'record/list') return Promise.resolve(listAnswer(record, payload as object));
    if (type === 'record/tally') return Promise.resolve({ tally: tallyOf(record) });
    if (type === 'record/context') return Promise.resolve(context);
    if (type === 'skills/frameworks') return Promise.resolve(frameworks);
    const answer = answers[type] ?? { ok: true };
    return Promise.resolve(
      typeof answer === 'function' ? (answer as (p: unknown) => unknown)(payload) : answer,
    );
  }) as SendToBackground;
  const api: DashboardApi = { send, download: (file) => downloads.push(file) };
  return { api, calls, downloads };
}

let mounted: Mounted | undefined;
/** My learning over `api` with fake timers already in use: its root once drawn, and a way to let time pass. */
async function mountOnFakeTimers(api: DashboardApi) {
  mounted = mount(<Dashboard api={api} clock={() => NOW} />);
  const wait = async (ms: number) => {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  };
  await wait(10);
  return { root: mounted.container, wait };
}
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(api: DashboardApi) {
  mounted = mount(<Dashboard api={api} clock={() => NOW} />);
  await settle();
  return mounted.container;
}

const titles = (root: HTMLElement) => all(root, '.tn-entry .tn-card-title').map((h) => text(h));

describe('My learning', () => {
  it('offers "Send again" on an item an LRS refused, with its message, and queues it again', async () => {
    const refused = view({
      id: 'r',
      title: 'Too big',
      status: 'failing',
      problem: 'HTTP 413: too large',
      refused: true,
    });
    const { api, calls } = fakeApi({ record: [refused, view({ id: 'ok' })] });
    const root = await open(api);
    expect(text(get(root, '.tn-entry--failing .tn-entry-problem'))).toBe('Problem: HTTP 413: too large');
    expect(all(root, 'button').filter((b) => text(b) === 'Send again')).toHaveLength(1);
    click(button(root, 'Send again'));
    await settle();
    expect(calls.filter((c) => c.type === 'item/resend').map((c) => c.payload)).toEqual([{ id: 'r' }]);
    expect(text(root)).toContain('Queued to be sent again.');
  });

  it('reads a long record a page at a time: the newest 50, then older pages on request (issue 11)', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      view({ id: `i${i}`, title: `Item ${i}`, at: NOW - i * 3_600_000 }),
    );
    const { api, calls } = fakeApi({ record: many });
    const root = await open(api);
    expect(titles(root)).toHaveLength(50);
    expect(titles(root)[0]).toBe('Item 0');
    // The count comes from the running totals, not from what is loaded.
    expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('120 items');
    click(button(root, 'Show older items'));
    await settle();
    expect(titles(root)).toHaveLength(100);
    click(button(root, 'Show older items'));
    await settle();
    expect(titles(root)).toEqual(many.map((i) => i.title));
    expect(all(root, 'button').some((b) => text(b) === 'Show older items')).toBe(false);
    const pages = calls.filter((c) => c.type === 'record/list').map((c) => c.payload);
    expect(pages).toEqual([
      { query: {}, limit: 50 },
      { query: {}, after: { at: many[49]!.at, seq: 50 } },
      { query: {}, after: { at: many[99]!.at, seq: 100 } },
    ]);
    // After an action the pages drawn stay drawn: one request for as many as are shown.
    click(button(all(root, '.tn-entry')[0]!, 'Delete'));
    click(button(root, 'Yes, delete'));
    await settle();
    expect(calls.filter((c) => c.type === 'record/list').at(-1)?.payload).toEqual({ query: {}, limit: 120 });
  });

  it('says the record is being updated while the outbox is still opening, asks again, then shows the record', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const base = fakeApi();
      const message = 'Trailnote is updating the storage of your record for this version.';
      let opening = true;
      const send = ((type: keyof PageToBackground, payload: unknown) => {
        if (type === 'record/list' && opening) return Promise.resolve({ items: [], opening: message });
        // The tally and context wait for the open in the background: the page does not wait for them.
        if (opening && (type === 'record/tally' || type === 'record/context')) return new Promise(() => {});
        return base.api.send(type, payload as never);
      }) as SendToBackground;
      const { root, wait } = await mountOnFakeTimers({ ...base.api, send });
      expect(text(get(root, '.tn-preparing'))).toBe(message);
      expect(root.querySelector('.tn-dash-main')).toBeNull();
      expect(text(root)).not.toContain('Nothing recorded yet');
      opening = false; // upgraded meanwhile: the next ask gets the record
      await wait(PREPARING_REFRESH_MS);
      await wait(10);
      expect(root.querySelector('.tn-preparing')).toBeNull();
      expect(titles(root).length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says plainly while older items are still being prepared, counts "so far", and shows them as they come (issue 11)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const base = fakeApi();
      const old = view({ id: 'old', title: 'Read long ago', at: NOW - 30 * DAY });
      let left = 40_000; // an outbox an older version left, not one item of it prepared yet
      const send = ((type: keyof PageToBackground, payload: unknown) => {
        const ready = left > 0 ? [] : [old];
        if (type === 'record/list')
          return Promise.resolve({
            ...listAnswer(ready, payload as object),
            ...(left > 0 ? { preparing: left } : {}),
          });
        if (type === 'record/tally') return Promise.resolve({ tally: tallyOf(ready) });
        return base.api.send(type, payload as never);
      }) as SendToBackground;
      const { root, wait } = await mountOnFakeTimers({ ...base.api, send });
      expect(text(get(root, '.tn-preparing'))).toBe(
        'Older items are still being prepared: 40,000 left. The timeline, chart and counts show the items ready so far.',
      );
      expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('0 items so far');
      expect(text(root)).not.toContain('Nothing recorded yet');
      // Prepared meanwhile: the page loads again by itself and the message goes.
      left = 0;
      await wait(PREPARING_REFRESH_MS);
      await wait(10);
      expect(root.querySelector('.tn-preparing')).toBeNull();
      expect(titles(root)).toEqual(['Read long ago']);
      expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('1 item');
      const loads = base.calls.length; // each load asks the fake for its context: no more once none is left
      await wait(PREPARING_REFRESH_MS * 3);
      expect(base.calls.length).toBe(loads);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the timeline by day, newest first, without deleted items, with status and problems', async () => {
    const { api, calls } = await Promise.resolve(fakeApi());
    const root = await open(api);
    // The newest page (from the indexes) and the running totals: never the whole record.
    // Not the popup's whole state: the destinations and skill settings alone (`record/context`).
    expect(calls.map((c) => c.type).sort()).toEqual([
      'record/context',
      'record/list',
      'record/tally',
      'skills/frameworks',
    ]);
    expect(calls.filter((c) => c.type === 'record/list').map((c) => c.payload)).toEqual([
      { query: {}, limit: 50 },
    ]);
    expect(all(root, '.tn-day-heading').map((h) => text(h))).toEqual([
      'Wednesday, March 12, 2025',
      'Tuesday, March 11, 2025',
      'Tuesday, March 4, 2025',
    ]);
    expect(titles(root)).toEqual(['Negotiation basics', 'Design talk', 'Held episode']);
    expect(text(get(root, '.tn-entry--failing .tn-entry-problem'))).toBe('Problem: HTTP 401');
    expect(text(get(root, '.tn-entry--failing .tn-status'))).toBe('Status: failing');
    expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('3 items');
  });

  it('filters by kind, skill, status and date, each a query to the background, and clears the filters', async () => {
    const { api, calls } = fakeApi();
    const root = await open(api);
    const lastQuery = () =>
      (calls.filter((c) => c.type === 'record/list').at(-1)?.payload as { query: RecordQuery }).query;
    const [kind, skill, status] = all<HTMLSelectElement>(root, '.tn-filters select');
    const change = (el: HTMLSelectElement, value: string) => {
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    // The menus offer what the record has (from the running totals; deleted items left out).
    expect(all<HTMLOptionElement>(kind!, 'option').map((o) => o.value)).toEqual([
      '',
      'article',
      'podcast',
      'video',
    ]);
    expect(all(skill!, 'option').map((o) => text(o))).toEqual(['Any', 'Design', 'Negotiation']);
    change(kind!, 'video');
    await settle();
    expect(lastQuery()).toEqual({ kind: 'video' });
    expect(titles(root)).toEqual(['Design talk']);
    expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('1 item');
    change(kind!, '');
    change(skill!, design.id);
    await settle();
    expect(lastQuery()).toEqual({ skill: design.id });
    expect(titles(root)).toEqual(['Design talk']);
    change(skill!, '');
    change(status!, 'voided');
    await settle();
    expect(lastQuery()).toEqual({ status: 'voided' });
    expect(titles(root)).toEqual(['Deleted one']);
    // A status is known per item only: the count is of what is shown.
    expect(text(get(root, '.tn-dash-section [aria-live]'))).toBe('1 item shown');
    expect(text(get(root, '.tn-entry--voided'))).toContain('Withdrawal waiting to be sent.');
    click(button(root, 'Clear filters'));
    const [from] = all<HTMLInputElement>(root, '.tn-filters input[type="date"]');
    type(from!, '2025-03-11');
    await settle();
    expect(lastQuery()).toEqual({ from: new Date(2025, 2, 11).getTime() });
    expect(titles(root)).toEqual(['Negotiation basics', 'Design talk']);
  });

  it('charts time per skill per week, with the table alternative and totals', async () => {
    const root = await open(fakeApi().api);
    const svg = get(root, 'svg.tn-chart-svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(text(get(root, '.tn-chart-summary'))).toBe('50 min across 3 items');
    // The article (30 min, one skill) and half the talk (20 min, two skills) this week.
    const rows = all(root, '.tn-table tbody tr').map((r) => all(r, 'th, td').map((c) => text(c)));
    expect(rows).toEqual([
      ['Negotiation', '0', '40', '40'],
      ['Design', '0', '10', '10'],
    ]);
    expect(all(root, '.tn-table tfoot td').map((c) => text(c))).toEqual(['0', '50', '50']);
    expect(all(svg, 'rect title').map((t) => text(t))).toContain('Negotiation, week of Mar 10: 40 min');
  });

  it('attributes the skill labels of the filter menu and the chart to their frameworks, ESCO included', async () => {
    const { api, calls } = fakeApi();
    const root = await open(api);
    const skillMenu = all<HTMLSelectElement>(root, '.tn-filters select')[1]!;
    expect(text(get(root, '#tn-filter-attribution'))).toBe('Acme skills, CC BY.');
    expect(skillMenu.getAttribute('aria-describedby')).toBe('tn-filter-attribution');
    expect(text(get(root, '.tn-chart + .tn-attribution'))).toBe('Acme skills, CC BY.');
    click(button(root, 'Clear filters')); // a fresh record/list, not the frameworks again
    await settle();
    expect(calls.filter((c) => c.type === 'skills/frameworks')).toHaveLength(1);

    mounted?.unmount();
    // An ESCO skill whose framework the policy no longer names still owes ESCO's attribution.
    const esco = { id: 'http://data.europa.eu/esco/skill/0001', name: 'negotiate contracts' };
    const escoRoot = await open(fakeApi({ record: [view({ skills: [esco] })] }).api);
    expect(text(get(escoRoot, '#tn-filter-attribution'))).toBe(ESCO_ATTRIBUTION);
    expect(text(get(escoRoot, '.tn-chart + .tn-attribution'))).toBe(ESCO_ATTRIBUTION);
  });

  it('adds a reflection and skills to a sent item as a comment', async () => {
    const { api, calls } = fakeApi();
    const root = await open(api);
    const entry = all(root, '.tn-entry')[0]!;
    click(button(entry, 'Add a reflection or skills'));
    expect(text(entry)).toContain('This item was sent. What you add now is sent as a comment on it.');
    type(get<HTMLTextAreaElement>(entry, 'textarea'), 'Used it today.');
    click(button(entry, 'Send'));
    await settle();
    expect(calls.find((c) => c.type === 'item/comment')?.payload).toEqual({
      id: 'a',
      reflection: 'Used it today.',
      addSkills: [],
    });
  });

  it('edits an unsent item with item/update', async () => {
    const { api, calls } = fakeApi();
    const root = await open(api);
    const entry = all(root, '.tn-entry')[2]!;
    click(button(entry, 'Tag or reflect'));
    type(get<HTMLTextAreaElement>(entry, 'textarea'), 'Good episode.');
    click(button(entry, 'Save'));
    await settle();
    expect(calls.find((c) => c.type === 'item/update')?.payload).toEqual({
      id: 'c',
      skills: [],
      reflection: 'Good episode.',
    });
  });

  it('deletes after a confirmation that says a sent item will be voided', async () => {
    const { api, calls } = fakeApi();
    const root = await open(api);
    const entry = all(root, '.tn-entry')[0]!;
    click(button(entry, 'Delete'));
    expect(text(get(entry, '.tn-confirm p'))).toBe(
      'Delete “Negotiation basics”? It was sent: Trailnote will send a statement that withdraws it (voids it).',
    );
    click(button(entry, 'Yes, delete'));
    await settle();
    expect(calls.find((c) => c.type === 'item/delete')?.payload).toEqual({ id: 'a' });
    expect(text(get(root, '[role="status"]'))).toBe('“Negotiation basics” was deleted.');
  });

  it('exports xAPI JSON and CSV as downloads, page by page, and reports a failure', async () => {
    // Two pages: the second is asked for with the first one's cursor, and the file is saved as both parts.
    const { api, calls, downloads } = fakeApi({
      'record/export': (p: { cursor?: unknown }) =>
        p.cursor
          ? { ok: true, filename: 'x.json', mimeType: 'application/json', text: ',{"id":"b"}]' }
          : {
              ok: true,
              filename: 'x.json',
              mimeType: 'application/json',
              text: '[{"id":"a"}',
              next: { seq: 500, written: 1 },
            },
    });
    const root = await open(api);
    click(button(root, 'Export xAPI JSON'));
    await settle();
    expect(calls.filter((c) => c.type === 'record/export').map((c) => c.payload)).toEqual([
      { format: 'xapi' },
      { format: 'xapi', cursor: { seq: 500, written: 1 } },
    ]);
    expect(downloads).toEqual([
      { filename: 'x.json', mimeType: 'application/json', text: ['[{"id":"a"}', ',{"id":"b"}]'] },
    ]);
    expect(text(get(root, '[role="status"]'))).toBe('Saved xAPI JSON.');

    mounted?.unmount();
    const failing = fakeApi({ 'record/export': { ok: false, error: 'The outbox cannot be read.' } });
    const again = await open(failing.api);
    click(button(again, 'Export CSV'));
    await settle();
    expect(text(get(again, '[role="alert"]'))).toBe('The outbox cannot be read.');
    expect(failing.downloads).toEqual([]);
  });
});

describe('record filters', () => {
  it('reads local dates and keeps both ends of a range', () => {
    expect(localDate('2025-03-11')).toBe(new Date(2025, 2, 11).getTime());
    expect(localDate('11/03/2025')).toBeUndefined();
    expect(queryOf({ ...NO_FILTER, from: '2025-03-04', to: '2025-03-11' })).toEqual({
      from: new Date(2025, 2, 4).getTime(),
      before: new Date(2025, 2, 12).getTime(),
    });
    expect(queryOf(NO_FILTER)).toEqual({});
    expect(
      queryOf({ ...NO_FILTER, kind: 'book', skill: 'https://s/1', status: 'sent', to: 'nonsense' }),
    ).toEqual({
      kind: 'book',
      skill: 'https://s/1',
      status: 'sent',
    });
    expect(groupByDay(ITEMS).map((d) => d.items.map((i) => i.id))).toEqual([['a', 'd'], ['b'], ['c']]);
  });
});

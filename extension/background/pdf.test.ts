/**
 * The PDF tracker's browser side: a PDF tab opens a session only where any article could be captured, follows
 * the tab's title, window focus and idle state, and ends as one read item. WXT's in-memory browser (tabs,
 * windows, storage, alarms), Dexie on fake-indexeddb.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { thawStatement } from '../../shared/xapi';
import { finishSessions } from './capture';
import { checkPdfTabs, pdfTabSeen, pdfViewChanged, PDF_ALARM, type PdfDeps } from './pdf';
import { openSessionsOf } from './sessions';

vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const T0 = Date.parse('2026-12-02T09:00:00Z');
const PDF = 'https://docs.example/guides/estuaries.pdf';
let clock = T0;
let outbox: Outbox;
let idle = 'active';
const deps = (): PdfDeps => ({
  outbox,
  now: () => clock,
  version: '1.0.0',
  onQueued: () => Promise.resolve(),
  idleState: () => Promise.resolve(idle),
});

beforeEach(async () => {
  fakeBrowser.reset();
  clock = T0;
  idle = 'active';
  outbox = Outbox.open(`pdf-test-${Math.random()}`);
  await fakeBrowser.storage.local.set({
    learnerSettings: {
      capture: { articleMinSeconds: 30, holdMinutes: 0, blockedDomains: ['blocked.example'] },
    },
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  outbox.close();
});

async function pdfTab(url: string, active = true) {
  const win = await fakeBrowser.windows.create({ focused: true });
  const tab = { ...(await fakeBrowser.tabs.create({ url, windowId: win.id })), active };
  // The fake browser keeps no active tab: tabs.get answers with the one made here.
  const get = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => (id === tab.id ? tab : get(id)));
  return { ...tab, url, title: url, windowId: win.id!, incognito: false };
}

describe('PDF tabs', () => {
  it('opens no session for a blocked site, a private window or an address that is not a PDF', async () => {
    const blocked = await pdfTab('https://blocked.example/a.pdf');
    await pdfTabSeen(blocked, deps());
    const page = await pdfTab('https://docs.example/a.html');
    await pdfTabSeen(page, deps());
    const priv = await pdfTab(PDF);
    await pdfTabSeen({ ...priv, incognito: true }, deps());
    for (const t of [blocked, page, priv]) expect(await openSessionsOf(t.id!)).toEqual([]);
  });

  it('counts the time shown in the focused window while active, and becomes one read item named by its title', async () => {
    const tab = await pdfTab(PDF);
    await pdfTabSeen(tab, deps());
    expect(await fakeBrowser.alarms.get(PDF_ALARM)).toBeDefined();
    clock = T0 + 5_000;
    await pdfTabSeen({ ...tab, title: 'Estuaries: a field guide' }, deps());
    clock = T0 + 40_000;
    idle = 'idle';
    await checkPdfTabs(deps()); // the minute check: the learner went idle here
    clock = T0 + 100_000;
    await pdfViewChanged(() => ({ active: true }), deps()); // back at 100 s
    clock = T0 + 110_000;
    await finishSessions((s) => s.tabId === tab.id, deps());
    const [item] = await outbox.list({});
    const st = thawStatement(item!.json);
    expect(st.verb.id).toBe('http://activitystrea.ms/schema/1.0/read');
    expect((st.object as { id: string }).id).toBe(PDF);
    const name = (st.object as { definition: { name: Record<string, string> } }).definition.name;
    expect(Object.values(name)).toEqual(['Estuaries: a field guide']);
    expect(st.result?.duration).toBe('PT50S'); // 0-40 s, then 100-110 s
    expect(await openSessionsOf(tab.id!)).toEqual([]);
  });

  it('gives nothing to a PDF left in a background tab', async () => {
    const tab = await pdfTab(PDF, false);
    await pdfTabSeen(tab, deps());
    clock = T0 + 120_000;
    await finishSessions(() => true, deps());
    expect(await outbox.list({})).toEqual([]);
  });
});

/**
 * PDFs in the browser's own viewer (Chromium's and Firefox's): no content script runs there, so the background
 * measures them from the tab. A tab showing an address ending in `.pdf` opens a PDF session (same policy checks as
 * any article); tab activation, window focus and the idle state feed shared/capture/pdf.ts; a check every minute
 * (PDF_ALARM) confirms the learner is still there while PDF sessions are open. The session ends like any other:
 * the tab navigates away or closes, the browser restarts, or no event for the inactivity limit.
 */
import { browser } from 'wxt/browser';
import { createPdfState, isPdfUrl, reducePdf, type PdfView } from '../../shared/capture/pdf';
import { withoutHash } from '../../shared/capture/page-url';
import { allowed, type CaptureDeps } from './capture';
import { completeFinishing } from './finish';
import { allSessions, pdfSlot, withTab, type PdfSession, type Session } from './sessions';
import { loadSettings } from './settings';

export const PDF_ALARM = 'trailnote-pdf';

export interface PdfDeps extends CaptureDeps {
  /** The system's idle state (`browser.idle.queryState`): only `active` counts. */
  idleState: () => Promise<string>;
}

export interface PdfTab {
  id?: number;
  url?: string;
  title?: string;
  active: boolean;
  windowId: number;
  incognito: boolean;
}

async function windowFocused(windowId: number): Promise<boolean> {
  return browser.windows.get(windowId).then(
    (w) => w.focused,
    () => false,
  );
}

async function observe(tab: PdfTab, deps: PdfDeps): Promise<PdfView> {
  const [focused, idle] = await Promise.all([windowFocused(tab.windowId), deps.idleState()]);
  return { visible: tab.active, focused, active: idle === 'active' };
}

/**
 * A tab was created or changed: open a PDF session when it shows a PDF and has none, follow its title, and end
 * one whose tab now shows another document.
 */
export async function pdfTabSeen(tab: PdfTab, deps: PdfDeps): Promise<void> {
  const { id: tabId, url } = tab;
  if (tabId === undefined || tabId < 0 || !url) return;
  const resolved = await loadSettings();
  const ended = await withTab(tabId, async (t) => {
    const now = deps.now();
    const open = t.open(pdfSlot(tabId));
    if (open?.kind === 'pdf') {
      if (withoutHash(open.state.url) !== withoutHash(url)) return [await t.end(open, now)];
      if (tab.title && tab.title !== open.state.title)
        await t.save(
          {
            ...open,
            lastEventAt: now,
            state: reducePdf(open.state, { type: 'title', at: now, title: tab.title }),
          },
          now,
        );
      return [];
    }
    if (!isPdfUrl(url) || !(await allowed(resolved, [url], 'article', tab.incognito, now))) return [];
    const view = await observe(tab, deps);
    const saved = await t.save(
      {
        kind: 'pdf',
        tabId,
        frameId: 0,
        tabUrl: url,
        windowId: tab.windowId,
        lastEventAt: now,
        statementId: crypto.randomUUID(),
        state: reducePdf(createPdfState(), { type: 'open', at: now, url, title: tab.title, ...view }),
      },
      now,
    );
    if (saved) await browser.alarms.create(PDF_ALARM, { periodInMinutes: 1 });
    return [];
  });
  await completeFinishing(ended, deps);
}

/**
 * Apply a change of what the learner sees (tab activated, window focus, idle state) to every open PDF session;
 * `change` gives the facts that changed for a session, or nothing when it is not concerned.
 */
export async function pdfViewChanged(
  change: (s: PdfSession) => (Partial<PdfView> & { windowId?: number }) | undefined,
  deps: CaptureDeps,
): Promise<void> {
  const pdfs = (await allSessions()).filter((s): s is PdfSession => s.kind === 'pdf' && !s.finishing);
  await Promise.all(
    [...new Set(pdfs.map((s) => s.tabId))].map((tabId) =>
      withTab(tabId, async (t) => {
        const now = deps.now();
        const open = t.open(pdfSlot(tabId));
        const facts = open?.kind === 'pdf' ? change(open) : undefined;
        if (open?.kind !== 'pdf' || !facts) return;
        const { windowId, ...view } = facts;
        await t.save(
          {
            ...open,
            windowId: windowId ?? open.windowId,
            lastEventAt: now,
            state: reducePdf(open.state, { type: 'view', at: now, ...view }),
          },
          now,
        );
      }),
    ),
  );
}

/**
 * The periodic check: each open PDF session's tab, window and the idle state as they are now. A tab that no
 * longer exists ends its session; with no PDF session left the check stops.
 */
export async function checkPdfTabs(deps: PdfDeps): Promise<void> {
  const pdfs = (await allSessions()).filter((s) => s.kind === 'pdf' && !s.finishing);
  if (pdfs.length === 0) {
    await browser.alarms.clear(PDF_ALARM);
    return;
  }
  const gone: Session[] = [];
  const views = new Map<number, Partial<PdfView> & { windowId: number }>();
  for (const s of pdfs) {
    const tab = await browser.tabs.get(s.tabId).catch(() => undefined);
    if (!tab) gone.push(s);
    else views.set(s.tabId, { ...(await observe(tab, deps)), windowId: tab.windowId });
  }
  await pdfViewChanged((s) => views.get(s.tabId), deps);
  if (gone.length) {
    const ids = new Set(gone.map((s) => s.statementId));
    const ended = await Promise.all(
      gone.map((s) =>
        withTab(s.tabId, async (t) => {
          const open = t.open(pdfSlot(s.tabId));
          return open && ids.has(open.statementId) ? [await t.end(open, deps.now())] : [];
        }),
      ),
    );
    await completeFinishing(ended.flat(), deps);
  }
}

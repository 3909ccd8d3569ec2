/**
 * The background service worker: the composition root. It wires browser events to small handlers and keeps
 * no state of its own; sessions, settings and the outbox are persisted (extension/platform/storage.ts, Dexie).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Outbox } from '../../shared/outbox';
import { withoutHash } from '../../shared/capture/page-url';
import { admitMessage, finishSessions, forgetTab, handleCapture } from '../background/capture';
import { retryFinishing } from '../background/finish';
import { PDF_ALARM, checkPdfTabs, pdfTabSeen, pdfViewChanged, type PdfDeps } from '../background/pdf';
import { SYNC_ALARM, SYNC_AT_ALARM, requestSync } from '../background/sync';
import { keepStorageStatus } from '../background/badge';
import { openOutbox } from '../background/keep-alive';
import { refreshFrameworksIfDue } from '../background/frameworks';
import { pageFailure } from '../background/dispatch';
import { handlePageMessage, parsePageMessage, type LearnerDeps } from '../background/learner';
import { contentSender, isExtensionPage, parseContentMessage } from '../background/validate';
import { settingsChanged } from '../platform/storage';

/** Sessions with no event for this long are finished (a paused video, a tab left open overnight). */
const INACTIVE_MS = 30 * 60_000;
/** Input within this many seconds counts as the learner being there (a PDF's time; the browser's default). */
const IDLE_SECONDS = 60;

export default defineBackground({
  type: 'module',
  main() {
    const outbox = Outbox.open('trailnote-outbox');
    // An older version's database is upgraded as it opens, then its record prepared for My learning in batches
    // (capture and sync do not wait for that): the worker is kept alive until both are done.
    void openOutbox(outbox);
    const now = () => Date.now();
    const sync = (force = false) => requestSync(outbox, now, force);
    // A full disk (or room again) shows on the badge at once, and still after the worker restarts (badge.ts).
    const storageStatus = keepStorageStatus(outbox, () => void sync());
    const deps: PdfDeps = {
      outbox,
      now,
      version: browser.runtime.getManifest().version,
      onQueued: () => sync(),
      idleState: () => browser.idle.queryState(IDLE_SECONDS),
    };

    const learner: LearnerDeps = {
      outbox,
      now,
      sync,
      tab: (tabId: number) =>
        browser.tabs.get(tabId).then(
          (t) => ({ url: t.url, title: t.title, incognito: t.incognito }),
          () => undefined,
        ),
      version: deps.version,
    };

    browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (r: unknown) => void) => {
      // Our own pages (popup, options, My learning): typed requests with answers (background/learner.ts).
      if (isExtensionPage(sender, browser.runtime.id, `${self.location.origin}/`)) {
        const msg = parsePageMessage(raw);
        if (!msg) return undefined;
        handlePageMessage(msg, learner).then(sendResponse, (err: unknown) => sendResponse(pageFailure(err)));
        return true; // answer asynchronously
      }
      // Our content scripts: capture events, no answer. Anything else is dropped, and so is what exceeds the
      // tab's rate (counted, before parsing: a flood costs little).
      const from = contentSender(sender, browser.runtime.id);
      if (!from || !admitMessage(from.tabId, now())) return undefined;
      const msg = parseContentMessage(raw);
      if (!msg) return undefined;
      void handleCapture(msg, from, deps).catch((err: unknown) => console.error('Trailnote capture:', err));
      return undefined;
    });

    browser.tabs.onRemoved.addListener((tabId) => {
      forgetTab(tabId);
      void finishSessions((s) => s.tabId === tabId, deps);
    });
    browser.tabs.onUpdated.addListener((tabId, change, tab) => {
      const url = change.url;
      const left = url
        ? finishSessions((s) => s.tabId === tabId && withoutHash(s.tabUrl) !== withoutHash(url), deps)
        : Promise.resolve();
      // PDFs in the browser's viewer: no content script there, the tab is all there is (background/pdf.ts).
      if (url || change.title || change.status === 'complete') void left.then(() => pdfTabSeen(tab, deps));
    });
    browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
      void pdfViewChanged(
        (s) => (s.windowId === windowId ? { visible: s.tabId === tabId } : undefined),
        deps,
      );
    });
    browser.windows.onFocusChanged.addListener((windowId) => {
      void pdfViewChanged((s) => ({ focused: s.windowId === windowId }), deps);
    });
    browser.idle.setDetectionInterval(IDLE_SECONDS);
    browser.idle.onStateChanged.addListener((state) => {
      void pdfViewChanged(() => ({ active: state === 'active' }), deps);
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === SYNC_AT_ALARM) {
        void finishSessions((s) => now() - s.lastEventAt > INACTIVE_MS, deps)
          .then(() => retryFinishing(deps))
          .then(() => sync());
      }
      if (alarm.name === SYNC_ALARM) void refreshFrameworksIfDue(); // at most daily (frameworks.ts)
      if (alarm.name === PDF_ALARM) void checkPdfTabs(deps);
    });
    void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });

    // Sessions of tabs that no longer exist (the browser was closed mid-session) are finished at start-up.
    browser.runtime.onStartup.addListener(() => {
      void browser.tabs.query({}).then((tabs) => {
        const open = new Set(tabs.map((t) => t.id));
        return finishSessions((s) => !open.has(s.tabId), deps).then(() => sync());
      });
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed') void sync(); // policy changed: destinations or holds may differ
      // Skill frameworks given by URL: new or changed ones load at once (extension/background/frameworks.ts).
      if (settingsChanged(changes, area)) void refreshFrameworksIfDue();
    });
    self.addEventListener('online', () => void sync(true)); // back online: retry at once
    // Sessions whose finalisation a stopped worker left unfinished are completed first (background/finish.ts).
    void storageStatus.then(() => retryFinishing(deps)).then(() => sync());
    void refreshFrameworksIfDue();
  },
});

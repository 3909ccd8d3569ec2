/**
 * The desktop app without Electron, for the e2e test and the quick-log bench: the built renderer pages served
 * on loopback and opened in real Chromium, with a fake of the preload API (contract.ts UiApi / OutboxHostApi)
 * injected before the pages run. The fake forwards, as Electron's IPC would, to this Node process, where the
 * real main-side code answers: the IPC handlers of desktop/main/ipc.ts (sender check and payload validation
 * included) over the desktop services (core/app.ts). They talk to the real outbox page (Dexie in Chromium's IndexedDB, the
 * shared SyncEngine), which sends to a real LRS. Only Electron itself is missing.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from '../../test/e2e/support/chromium';
import { startFixtureServer } from '../../test/e2e/support/fixtures-server';
import type { PolicyDocument } from '../../shared/policy';
import { createDesktopApp, type DesktopApp } from '../core/app';
import { checkedAnswer } from '../core/outbox-answers';
import type { OutboxLink, OutboxRequest } from '../core/outbox-contract';
import { UI_CHANNELS } from '../core/ui-contract';
import { FrameworkStore } from '../../shared/learner/frameworks';
import { fileFrameworkCache } from '../core/frameworks';
import { loadPolicyFile } from '../core/policy-file';
import { SettingsStore } from '../core/settings-store';
import { SyncLoop } from '../core/sync-loop';
import { registerIpc } from '../main/ipc';
import { ElectronOutboxLink } from '../main/outbox-link';
import { memoryFile, sealingBox } from './fakes';
import type { WindowKind } from '../main/windows';

const POLICY_PATH = '/etc/trailnote/policy.json';

export const RENDERER_DIR = resolve(import.meta.dirname, '../dist/renderer');

/** Build the renderer pages (desktop/vite.config.ts, default mode). */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface DesktopHarness {
  app: DesktopApp;
  browser: RunningBrowser;
  origin: string;
  readonly outboxPage: Page;
  /** Open a UI window's page with the fake preload API. `keepOpen`: closeWindow does nothing (bench). */
  open(kind: Exclude<WindowKind, 'outbox'>, options?: { keepOpen?: boolean }): Promise<Page>;
  /** Close the outbox page and open a fresh one (same origin, same IndexedDB), then reconfigure it. */
  restartOutbox(): Promise<void>;
  /** Items in the outbox page's IndexedDB. */
  outboxItems(): Promise<Array<{ id: string; state: string; json: string }>>;
  /** Frameworks by URL, downloaded (Node's fetch) into a temporary userData/frameworks/ as main does. */
  frameworks: FrameworkStore;
  /** Every payload the IPC layer refused (sender or shape). */
  refused: string[];
  /** Files exported through My learning: the save dialog stands in for the learner choosing its own name. */
  saved: Array<{ path: string; filename: string; text: string }>;
  close(): Promise<void>;
}

/**
 * `policy`: the organisation policy, as a document or as the text of a policy file (read by the real loader,
 * so its problems reach the status window as they would from /etc/trailnote/policy.json).
 */
export async function startDesktopHarness(policy: PolicyDocument | string): Promise<DesktopHarness> {
  const server = await startFixtureServer([RENDERER_DIR]);
  const origin = `http://127.0.0.1:${server.port}`;
  const browser = await launchChromium('', '');
  const { context } = browser;

  // Set once the app exists; the outbox page's online binding is registered before that.
  // eslint-disable-next-line prefer-const
  let loop: SyncLoop | undefined;
  // The hidden outbox window: its page, with the outbox half of the preload API.
  const openOutbox = async (): Promise<Page> => {
    const page = await context.newPage();
    await page.exposeBinding('__trailnoteNetworkOnline', () => void loop?.request(true));
    // Init scripts are given as text: a function would be serialised after tsx/esbuild added helpers to it.
    await page.addInitScript({
      content: `window.trailnote = {
        serve(handler) { window.__trailnoteServe = handler; },
        networkOnline() { void window.__trailnoteNetworkOnline(); },
      };`,
    });
    await page.goto(`${origin}/outbox.html`);
    await page.waitForFunction(
      () => typeof (window as unknown as Record<string, unknown>).__trailnoteServe === 'function',
    );
    return page;
  };
  let outboxPage = await openOutbox();

  // As main's link: each answer checked against the op that asked.
  const link: OutboxLink = {
    request: async <R extends OutboxRequest>(request: R) =>
      checkedAnswer<R['op']>(
        request.op,
        await outboxPage.evaluate(
          (r) =>
            (window as unknown as { __trailnoteServe: (x: unknown) => Promise<unknown> }).__trailnoteServe(r),
          request,
        ),
      ),
  };
  const store = await SettingsStore.open(memoryFile(), sealingBox());
  const frameworks = new FrameworkStore({
    cache: fileFrameworkCache(join(await mkdtemp(join(tmpdir(), 'trailnote-userdata-')), 'frameworks')),
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
  });
  const policyText = typeof policy === 'string' ? policy : undefined;
  const policyDocument = typeof policy === 'string' ? {} : policy;
  const app = createDesktopApp({
    store,
    outbox: link,
    loadPolicy: () =>
      policyText !== undefined
        ? loadPolicyFile(POLICY_PATH, false, () => Promise.resolve(policyText))
        : Promise.resolve({ path: POLICY_PATH, found: true, document: policyDocument, issues: [] }),
    now: () => Date.now(),
    version: '0.0.0-test',
    frameworks,
    requestSync: (force) => void loop?.request(force),
  });
  loop = new SyncLoop({
    run: (force) => app.sync.run(force),
    now: () => Date.now(),
    timers: { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  });
  await app.settings.start();

  // main/ipc.ts, registered on a stand-in for ipcMain; events carry the page as sender.
  const handlers = new Map<string, Handler>();
  const fakeIpc = {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    on: () => undefined,
  };
  const pages = new Map<number, { page: Page; kind: WindowKind; keepOpen: boolean }>();
  const refused: string[] = [];
  const saved: DesktopHarness['saved'] = [];
  const exportDir = await mkdtemp(join(tmpdir(), 'trailnote-exports-'));
  registerIpc(fakeIpc as unknown as IpcMain, {
    app,
    link: new ElectronOutboxLink(),
    senderKind: (event) => {
      const entry = pages.get(event.sender.id);
      const frame = event.senderFrame;
      if (!entry || !frame || frame.parent !== null) return undefined;
      return new URL(frame.url).href === `${origin}/${entry.kind}.html` ? entry.kind : undefined;
    },
    closeSender: (event) => {
      const entry = pages.get(event.sender.id);
      if (entry && !entry.keepOpen) void entry.page.close();
    },
    onOutboxReady: () => undefined,
    onNetworkOnline: () => void loop?.request(true),
    setStartAtLogin: (enabled) => store.setStartAtLogin(enabled),
    saveFile: async (_event, file) => {
      const path = join(exportDir, file.filename);
      let text = '';
      for await (const page of file.pages) text += page;
      await writeFile(path, text, 'utf8');
      saved.push({ path, filename: file.filename, text });
      return { ok: true, path };
    },
    log: (message) => refused.push(message),
  });

  let nextId = 100;
  return {
    app,
    browser,
    origin,
    get outboxPage() {
      return outboxPage;
    },
    frameworks,
    refused,
    saved,
    async restartOutbox() {
      // As when the hidden window crashes and main loads it again: a new page, a new engine, the same database.
      await outboxPage.close();
      outboxPage = await openOutbox();
      await app.settings.start();
    },
    async open(kind, options = {}) {
      const page = await context.newPage();
      const id = nextId++;
      pages.set(id, { page, kind, keepOpen: options.keepOpen === true });
      await page.exposeBinding('__trailnoteInvoke', (source, channel: string, args: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) return Promise.reject(new Error(`No handler for ${channel}`));
        const event = {
          sender: { id },
          senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
        } as unknown as IpcMainInvokeEvent;
        return handler(event, ...args);
      });
      await page.addInitScript({
        content: `(() => {
          const channels = ${JSON.stringify(UI_CHANNELS)};
          const api = { onStatusChanged: () => () => undefined };
          for (const [method, channel] of Object.entries(channels)) {
            api[method] = (...args) => window.__trailnoteInvoke(channel, args);
          }
          window.trailnote = api;
        })();`,
      });
      await page.goto(`${origin}/${kind}.html`);
      return page;
    },
    async outboxItems() {
      return outboxPage.evaluate(
        () =>
          new Promise<Array<{ id: string; state: string; json: string }>>((resolvePromise, reject) => {
            const open = indexedDB.open('trailnote-desktop-outbox');
            open.onerror = () => reject(new Error(String(open.error)));
            open.onsuccess = () => {
              const tx = open.result.transaction('items', 'readonly');
              const all = tx.objectStore('items').getAll();
              all.onsuccess = () => {
                resolvePromise(all.result as Array<{ id: string; state: string; json: string }>);
                open.result.close();
              };
              all.onerror = () => reject(new Error(String(all.error)));
            };
          }),
      );
    },
    async close() {
      loop?.stop();
      await browser.close(true);
      await server.close();
    },
  };
}

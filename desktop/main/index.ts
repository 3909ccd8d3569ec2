/**
 * The desktop app's composition root: a tray app without a main window (issue 5). Everything with a rule in
 * it lives in desktop/core (tested in Node) or in the small adapters next to this file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, globalShortcut, ipcMain, net, powerMonitor, session } from 'electron';
import { createDesktopApp } from '../core/app';
import { STATUS_CHANGED_CHANNEL } from '../core/ui-contract';
import { FrameworkStore } from '../../shared/learner/frameworks';
import { fileFrameworkCache } from '../core/frameworks';
import { loadSystemPolicy } from '../core/policy-file';
import { SettingsStore, diskFile } from '../core/settings-store';
import { SyncLoop } from '../core/sync-loop';
import type { TrayAction } from '../core/tray-menu';
import { registerIpc } from './ipc';
import { setStartAtLogin } from './login-item';
import { createMediaWatcher, type MediaWatcher } from './media';
import { notifyHeld } from './notifications';
import { ElectronOutboxLink } from './outbox-link';
import { registerAppScheme, serveRenderer } from './protocol';
import { saveWithDialog } from './save-file';
import { finishBeforeQuit } from './quit';
import { safeStorageBox } from './secret-box';
import { PARTITION, hardenContents, hardenSession } from './security';
import { TrayIcon } from './tray';
import { Windows } from './windows';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIST = join(HERE, '..');
const LOG_SHORTCUT = 'CommandOrControl+Alt+L';
/** How often main checks whether the skill frameworks are due a download (core/frameworks.ts decides). */
const FRAMEWORK_TICK_MS = 60 * 60_000;

registerAppScheme();
// dbus-next rethrows a failed connection handshake as an unhandled rejection (desktop/main/media/README.md): the
// watcher already reports the bus as unreachable, so log it rather than let Node end the tray app.
process.on('unhandledRejection', (reason) => console.error('Trailnote: unhandled rejection', reason));
if (!app.requestSingleInstanceLock()) app.quit();
else void start();

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.fromPartition(PARTITION);
  hardenSession(ses);
  serveRenderer(ses, join(DIST, 'renderer'));
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  const store = await SettingsStore.open(
    diskFile(join(app.getPath('userData'), 'settings.json')),
    safeStorageBox(),
  );
  const windows = new Windows(join(DIST, 'preload', 'index.cjs'));
  const link = new ElectronOutboxLink();
  // Assigned once each, further down; the callbacks above them may run before (hence `let`).
  // eslint-disable-next-line prefer-const
  let watcher: MediaWatcher | undefined;
  // eslint-disable-next-line prefer-const
  let tray: TrayIcon | undefined;
  // eslint-disable-next-line prefer-const
  let shortcut: string | undefined;

  // Frameworks by URL: downloaded through Chromium's network stack (system proxy settings apply), kept in
  // userData/frameworks/ for offline use.
  const frameworks = new FrameworkStore({
    cache: fileFrameworkCache(join(app.getPath('userData'), 'frameworks')),
    fetch: (url, init) => net.fetch(url, init),
    now: () => Date.now(),
    onChange: () => refresh(),
    onError: (error) => console.warn('Trailnote frameworks:', error),
  });
  const desktop = createDesktopApp({
    store,
    outbox: link,
    loadPolicy: () => loadSystemPolicy(process.platform, process.env),
    now: () => Date.now(),
    version: app.getVersion(),
    language: app.getLocale(),
    mediaStatus: () => mediaStatusText(watcher),
    onChange: () => refresh(),
    requestSync: (force) => void loop.request(force),
    onHeld: (item) => notifyHeld(item, (id) => windows.show('settings', `item=${id}`)),
    frameworks,
  });
  const checkFrameworks = async () => {
    await desktop.settings.reloadPolicy();
    await frameworks.refreshIfDue(desktop.settings.resolved().resolved.settings.skills);
  };
  const frameworkTimer = setInterval(
    () => void checkFrameworks().catch((error: unknown) => console.warn('Trailnote frameworks:', error)),
    FRAMEWORK_TICK_MS,
  );
  const refresh = () => {
    tray?.update(desktop.tray.state(shortcut));
    windows.broadcastStatus(STATUS_CHANGED_CHANNEL);
  };
  const loop = new SyncLoop({
    run: (force) => desktop.sync.run(force),
    now: () => Date.now(),
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    onError: (error) => console.warn('Trailnote sync:', error),
  });

  const applyStartAtLogin = async (enabled: boolean) => {
    await setStartAtLogin(app, enabled);
    await desktop.tray.setStartAtLogin(enabled);
  };

  registerIpc(ipcMain, {
    app: desktop,
    link,
    senderKind: (event) => windows.senderKind(event),
    closeSender: (event) => {
      for (const kind of ['quick-log', 'settings', 'my-learning'] as const) {
        const window = windows.get(kind);
        if (window?.webContents.id === event.sender.id) window.close();
      }
    },
    onOutboxReady: (event) => {
      link.attach(event.sender);
      // (Re)configure on every load of the outbox window: its credentials live only in its memory.
      void desktop.settings.start().then(
        () => {
          void loop.request(false);
          void checkFrameworks().catch((error: unknown) => console.warn('Trailnote frameworks:', error));
        },
        (error) => console.warn('Trailnote outbox:', error),
      );
    },
    onNetworkOnline: () => void loop.request(true),
    setStartAtLogin: applyStartAtLogin,
    saveFile: saveWithDialog,
  });

  const outboxWindow = windows.show('outbox');
  outboxWindow.webContents.on('render-process-gone', () => {
    link.detach('the outbox window stopped');
    // Everything it held is in IndexedDB; a new page picks up where it left off.
    outboxWindow.webContents.reload();
  });
  powerMonitor.on('resume', () => void loop.request(true));

  const act = (action: TrayAction) => void runTrayAction(action);
  async function runTrayAction(action: TrayAction): Promise<void> {
    switch (action) {
      case 'log':
        windows.show('quick-log');
        return;
      case 'my-learning':
        windows.show('my-learning');
        return;
      case 'settings':
        windows.show('settings');
        return;
      case 'send-now':
        return desktop.sync.sendNow();
      case 'resend-refused':
        // A sync follows when anything went back in the queue (core/refused-service.ts).
        await desktop.refused.resend();
        return;
      case 'pause-hour':
      case 'pause-tomorrow':
      case 'pause-resumed':
        return desktop.tray.pause(
          action === 'pause-hour' ? 'hour' : action === 'pause-tomorrow' ? 'tomorrow' : 'resumed',
        );
      case 'resume':
        return desktop.tray.pause('resume');
      case 'toggle-start-at-login':
        return applyStartAtLogin(!store.startAtLogin);
      case 'quit':
        app.quit();
        return;
    }
  }
  tray = new TrayIcon(
    join(DIST, '..', 'assets', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    act,
  );
  tray.update(desktop.tray.state());
  shortcut = globalShortcut.register(LOG_SHORTCUT, () => windows.show('quick-log'))
    ? LOG_SHORTCUT
    : undefined;
  tray.update(desktop.tray.state(shortcut));
  await setStartAtLogin(app, store.startAtLogin).catch(() => undefined);

  let lastMediaStatus = '';
  watcher = createMediaWatcher(process.platform, {
    // The pause in its one stored form: "until resumed" is the latest instant (shared/learner/pause.ts).
    getSettings: () => ({
      settings: desktop.settings.resolved().resolved.settings,
      pausedUntil: store.pausedUntil,
    }),
    onFinished: async (item) => {
      await desktop.capture.finished(item);
    },
    // Players signal on every change (track, play/pause, metadata); the tray shows nothing of the watcher and
    // the settings window only its status line, so windows hear of it only when that line changes.
    onStatus: () => {
      const text = mediaStatusText(watcher);
      if (text === lastMediaStatus) return;
      lastMediaStatus = text;
      windows.broadcastStatus(STATUS_CHANGED_CHANNEL);
    },
  });
  void watcher.start();

  app.on('second-instance', () => windows.show('quick-log'));
  // A tray app: closing its windows does not quit it (the hidden outbox window stays anyway).
  app.on('window-all-closed', () => undefined);
  // Quitting finishes what is playing and waits (bounded) until the outbox window has queued it.
  finishBeforeQuit(app, {
    finish: () => watcher?.stop() ?? Promise.resolve(),
    release: () => {
      loop.stop();
      clearInterval(frameworkTimer);
      globalShortcut.unregisterAll();
      tray?.destroy();
    },
    log: (message) => console.warn('Trailnote:', message),
  });
}

function mediaStatusText(watcher: MediaWatcher | undefined): string {
  if (!watcher) return '';
  const status = watcher.status();
  if (status.message) return status.message;
  const players = status.players.filter((p) => !p.skipped).map((p) => p.name);
  return players.length > 0 ? `Watching ${players.join(', ')}.` : 'Watching for desktop players.';
}

/**
 * The app's windows, opened on demand: quick log, settings/status, My learning, and the hidden outbox window that lives as
 * long as the app. All share one secure configuration (security.ts) and the app origin. `senderKind` tells the
 * IPC layer which of our windows a message came from, or that it came from none of them.
 */
import { BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN, isAppUrl } from './protocol';
import { PARTITION, hardenContents } from './security';

export type WindowKind = 'quick-log' | 'settings' | 'my-learning' | 'outbox';

const PAGES: Record<WindowKind, string> = {
  'quick-log': '/quick-log.html',
  settings: '/settings.html',
  'my-learning': '/my-learning.html',
  outbox: '/outbox.html',
};

const SIZES: Record<WindowKind, { width: number; height: number }> = {
  'quick-log': { width: 520, height: 720 },
  settings: { width: 720, height: 820 },
  'my-learning': { width: 1000, height: 860 },
  outbox: { width: 400, height: 300 },
};

export class Windows {
  private readonly open = new Map<WindowKind, BrowserWindow>();

  constructor(private readonly preload: string) {}

  /** Show (creating if needed) a window; the outbox window is created hidden and never shown. */
  show(kind: WindowKind, hash = ''): BrowserWindow {
    const existing = this.open.get(kind);
    if (existing && !existing.isDestroyed()) {
      if (kind !== 'outbox') {
        if (hash) void existing.loadURL(`${APP_ORIGIN}${PAGES[kind]}#${hash}`);
        existing.show();
        existing.focus();
      }
      return existing;
    }
    const hidden = kind === 'outbox';
    const window = new BrowserWindow({
      ...SIZES[kind],
      show: false,
      title: 'Trailnote',
      autoHideMenuBar: true,
      // Written out here, not built by a helper, so reviewers and electronegativity see every flag.
      webPreferences: {
        preload: this.preload,
        partition: PARTITION,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
        // The outbox window is hidden; its timers (sync) must not be throttled.
        backgroundThrottling: !hidden,
      },
    });
    hardenContents(window.webContents);
    this.open.set(kind, window);
    window.on('closed', () => {
      if (this.open.get(kind) === window) this.open.delete(kind);
    });
    if (!hidden) window.once('ready-to-show', () => window.show());
    void window.loadURL(`${APP_ORIGIN}${PAGES[kind]}${hash ? `#${hash}` : ''}`);
    return window;
  }

  get(kind: WindowKind): BrowserWindow | undefined {
    const window = this.open.get(kind);
    return window && !window.isDestroyed() ? window : undefined;
  }

  /**
   * Which of our windows sent this message: the sender must be one of our windows' web contents and the
   * frame that sent it that window's own top-level page (not a subframe, not another address).
   */
  senderKind(event: IpcMainEvent | IpcMainInvokeEvent): WindowKind | undefined {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return undefined;
    for (const [kind, window] of this.open) {
      if (window.isDestroyed() || window.webContents.id !== event.sender.id) continue;
      let url: URL;
      try {
        url = new URL(frame.url);
      } catch {
        return undefined;
      }
      return isAppUrl(url) && url.pathname === PAGES[kind] ? kind : undefined;
    }
    return undefined;
  }

  /** Tell every open UI window that the status changed. */
  broadcastStatus(channel: string): void {
    for (const [kind, window] of this.open) {
      if (kind !== 'outbox' && !window.isDestroyed()) window.webContents.send(channel);
    }
  }

  closeAll(): void {
    for (const window of this.open.values()) if (!window.isDestroyed()) window.destroy();
    this.open.clear();
  }
}

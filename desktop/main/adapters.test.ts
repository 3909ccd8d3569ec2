// The Electron adapters with `electron` mocked at that one boundary (its binary cannot run here; see
// ENVIRONMENT.md): the fakes below record what the adapters ask of Electron, so the tests check the security
// settings, the sender checks and the use of safeStorage without an Electron process.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    static nextId = 1;
    id = FakeContents.nextId++;
    listeners = new Map<string, Listener>();
    openHandler: (() => { action: string }) | undefined;
    sent: unknown[][] = [];
    on(name: string, fn: Listener) {
      this.listeners.set(name, fn);
      return this;
    }
    setWindowOpenHandler(fn: () => { action: string }) {
      this.openHandler = fn;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
  }
  class FakeWindow {
    static created: FakeWindow[] = [];
    webContents = new FakeContents();
    url = '';
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.created.push(this);
    }
    static fromWebContents(contents: unknown) {
      return FakeWindow.created.find((w) => w.webContents === contents) ?? null;
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    isDestroyed() {
      return false;
    }
    show() {}
    focus() {}
  }
  return {
    FakeWindow,
    FakeContents,
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((s: string) => Buffer.from(`enc(${s})`)),
      decryptString: vi.fn((b: Buffer) => b.toString().slice(4, -1)),
    },
    exposed: [] as Array<[string, unknown]>,
    invoked: [] as unknown[][],
    notifications: [] as Array<{
      options: Record<string, unknown>;
      handlers: Map<string, () => void>;
      shown: boolean;
    }>,
    menus: [] as unknown[],
    saveDialog: vi.fn<() => Promise<{ canceled: boolean; filePath?: string }>>(),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  Notification: class {
    static isSupported = () => true;
    entry: (typeof electron.notifications)[number];
    constructor(options: Record<string, unknown>) {
      this.entry = { options, handlers: new Map(), shown: false };
      electron.notifications.push(this.entry);
    }
    on(name: string, fn: () => void) {
      this.entry.handlers.set(name, fn);
    }
    show() {
      this.entry.shown = true;
    }
  },
  Menu: { buildFromTemplate: (template: unknown) => (electron.menus.push(template), template) },
  Tray: class {
    menu: unknown;
    setToolTip() {}
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    destroy() {}
  },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  safeStorage: electron.safeStorage,
  app: { getPath: (name: string) => `/home/learner/${name}` },
  dialog: { showSaveDialog: (...args: unknown[]) => electron.saveDialog(...(args as [])) },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      electron.invoked.push(args);
      return Promise.resolve();
    },
    on: vi.fn(),
    send: vi.fn(),
    removeListener: vi.fn(),
  },
}));

import type { IpcMain, IpcMainInvokeEvent, Session } from 'electron';
import type { DesktopApp } from '../core/app';
import { OUTBOX_CHANNELS } from '../core/outbox-contract';
import { UI_CHANNELS } from '../core/ui-contract';
import { registerIpc } from './ipc';
import { ElectronOutboxLink } from './outbox-link';
import { resolveAppPath, serveRenderer } from './protocol';
import { safeStorageBox } from './secret-box';
import { OUTBOX_CSP, UI_CSP, hardenSession } from './security';
import { Windows } from './windows';
import { notifyHeld } from './notifications';
import { autostartEntry, setStartAtLogin } from './login-item';
import { TrayIcon } from './tray';
import { saveWithDialog } from './save-file';
import type { MenuItemConstructorOptions } from 'electron';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

beforeEach(() => {
  electron.FakeWindow.created.length = 0;
});

describe('windows', () => {
  it('every window is isolated, sandboxed, without Node, with web security, on the app origin', () => {
    const windows = new Windows('/app/preload/index.cjs');
    for (const kind of ['quick-log', 'settings', 'my-learning', 'outbox'] as const) windows.show(kind);
    expect(electron.FakeWindow.created).toHaveLength(4);
    for (const window of electron.FakeWindow.created) {
      expect(window.options.webPreferences).toMatchObject({
        preload: '/app/preload/index.cjs',
        partition: 'persist:trailnote',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(window.url).toMatch(/^app:\/\/trailnote\/(quick-log|settings|my-learning|outbox)\.html$/);
    }
    expect(electron.FakeWindow.created[2]?.options.show).toBe(false);
  });

  it('window.open is denied and navigation is prevented', () => {
    const window = new Windows('/p.cjs').show('quick-log') as unknown as InstanceType<
      typeof electron.FakeWindow
    >;
    const contents = window.webContents;
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.listeners.get(name)?.(event, 'https://evil.example/');
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('knows a sender only by its contents id, its top frame and its own page address', () => {
    const windows = new Windows('/p.cjs');
    const quick = windows.show('quick-log') as unknown as InstanceType<typeof electron.FakeWindow>;
    const outbox = windows.show('outbox') as unknown as InstanceType<typeof electron.FakeWindow>;
    const event = (id: number, url: string, parent: unknown = null) =>
      ({ sender: { id }, senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
    expect(windows.senderKind(event(quick.webContents.id, 'app://trailnote/quick-log.html'))).toBe(
      'quick-log',
    );
    expect(windows.senderKind(event(outbox.webContents.id, 'app://trailnote/outbox.html'))).toBe('outbox');
    expect(windows.senderKind(event(quick.webContents.id, 'app://trailnote/outbox.html'))).toBeUndefined();
    expect(
      windows.senderKind(event(quick.webContents.id, 'https://evil.example/quick-log.html')),
    ).toBeUndefined();
    expect(
      windows.senderKind(event(quick.webContents.id, 'app://trailnote/quick-log.html', {})),
    ).toBeUndefined();
    expect(windows.senderKind(event(9999, 'app://trailnote/quick-log.html'))).toBeUndefined();
  });
});

describe('session and protocol', () => {
  it('every permission request and check is denied', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    } as unknown as Session);
    const answer = vi.fn();
    request?.({}, 'notifications', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
  });

  it('serves only files inside the renderer folder, each with its CSP header', async () => {
    expect(resolveAppPath('/app/renderer', '/quick-log.html')).toBe('/app/renderer/quick-log.html');
    expect(resolveAppPath('/app/renderer', '/../main/index.js')).toBeUndefined();
    expect(resolveAppPath('/app/renderer', '/%2e%2e/secret')).toBeUndefined();
    let handler: ((r: Request) => Promise<Response>) | undefined;
    const dir = (await import('node:path')).resolve(import.meta.dirname, '../renderer');
    serveRenderer(
      { protocol: { handle: (_s: string, fn: typeof handler) => (handler = fn) } } as unknown as Session,
      dir,
    );
    const page = await handler!(new Request('app://trailnote/quick-log.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(UI_CSP);
    const outbox = await handler!(new Request('app://trailnote/outbox.html'));
    expect(outbox.headers.get('content-security-policy')).toBe(OUTBOX_CSP);
    expect((await handler!(new Request('app://elsewhere/quick-log.html'))).status).toBe(404);
    expect(UI_CSP).toContain("connect-src 'none'");
    expect(UI_CSP).not.toContain('unsafe');
  });
});

describe('safeStorage SecretBox', () => {
  it('encrypts through safeStorage and stores base64', () => {
    const box = safeStorageBox('linux');
    const sealed = box.encrypt('pw');
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith('pw');
    expect(sealed).toBe(Buffer.from('enc(pw)').toString('base64'));
    expect(box.decrypt(sealed)).toBe('pw');
  });

  it("counts Linux's basic_text fallback as no encryption", () => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text');
    expect(safeStorageBox('linux').isAvailable()).toBe(false);
    electron.safeStorage.isEncryptionAvailable.mockReturnValueOnce(false);
    expect(safeStorageBox('win32').isAvailable()).toBe(false);
    expect(safeStorageBox('win32').isAvailable()).toBe(true);
  });
});

describe('IPC handlers', () => {
  function setup(kind: string | undefined) {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipc = {
      handle: (c: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(c, fn),
      on: (c: string, fn: (event: unknown, ...args: unknown[]) => unknown) => listeners.set(c, fn),
    } as unknown as IpcMain;
    // Only the service these tests reach; the IPC layer must refuse before it is called.
    const saveQuickLog = vi.fn().mockResolvedValue({ ok: true });
    const app = { capture: { saveQuickLog } } as unknown as DesktopApp;
    const link = new ElectronOutboxLink();
    const settle = vi.spyOn(link, 'settle');
    const log: string[] = [];
    registerIpc(ipc, {
      app,
      link,
      senderKind: () => kind as never,
      closeSender: vi.fn(),
      onOutboxReady: vi.fn(),
      onNetworkOnline: vi.fn(),
      setStartAtLogin: vi.fn(),
      saveFile: vi.fn(),
      log: (m) => log.push(m),
    });
    return { handlers, listeners, saveQuickLog, settle, log };
  }
  const form = {
    kind: 'book',
    title: 'T',
    link: '',
    when: '',
    minutes: '',
    mentor: '',
    completed: true,
    skills: [],
    reflection: '',
  };

  it('registers one handler per UI method', () => {
    const { handlers } = setup('quick-log');
    expect([...handlers.keys()].sort()).toEqual(Object.values(UI_CHANNELS).sort());
  });

  it('answers the right window with a valid payload', async () => {
    const { handlers, saveQuickLog } = setup('quick-log');
    await expect(handlers.get(UI_CHANNELS.saveQuickLog)!({}, form)).resolves.toEqual({ ok: true });
    expect(saveQuickLog).toHaveBeenCalledWith(form);
  });

  it('refuses unknown senders and windows the channel is not for', () => {
    for (const kind of [undefined, 'settings', 'outbox']) {
      const { handlers, saveQuickLog, log } = setup(kind);
      expect(() => handlers.get(UI_CHANNELS.saveQuickLog)!({}, form)).toThrow(/not available here/);
      expect(saveQuickLog).not.toHaveBeenCalled();
      expect(log[0]).toMatch(/refused saveQuickLog/);
    }
  });

  it('refuses bad payloads before anything acts on them', () => {
    const { handlers, saveQuickLog } = setup('quick-log');
    expect(() => handlers.get(UI_CHANNELS.saveQuickLog)!({}, { ...form, completed: 'yes' })).toThrow(
      /invalid request/,
    );
    expect(() => handlers.get(UI_CHANNELS.saveQuickLog)!({}, form, 'extra')).toThrow(/invalid request/);
    expect(saveQuickLog).not.toHaveBeenCalled();
  });

  it('takes outbox replies only from the outbox window, and only well-formed ones', () => {
    const fromUi = setup('settings');
    fromUi.listeners.get(OUTBOX_CHANNELS.reply)!({}, { requestId: 1, ok: true, value: null });
    expect(fromUi.settle).not.toHaveBeenCalled();
    const fromOutbox = setup('outbox');
    fromOutbox.listeners.get(OUTBOX_CHANNELS.reply)!({}, { requestId: 1, ok: 'yes' });
    expect(fromOutbox.settle).not.toHaveBeenCalled();
    fromOutbox.listeners.get(OUTBOX_CHANNELS.reply)!({}, { requestId: 1, ok: true, value: null });
    expect(fromOutbox.settle).toHaveBeenCalledWith({ requestId: 1, ok: true, value: null });
  });
});

describe('outbox link', () => {
  it('waits for the outbox window, then settles each request by its id', async () => {
    const link = new ElectronOutboxLink();
    const pending = link.request({ op: 'summary' });
    const contents = new electron.FakeContents();
    link.attach(contents as never);
    expect(contents.sent).toEqual([[OUTBOX_CHANNELS.request, { requestId: 1, op: 'summary' }]]);
    const summary = { waiting: 0, destinations: [], items: [] };
    link.settle({ requestId: 1, ok: true, value: summary });
    await expect(pending).resolves.toEqual(summary);
  });

  it('accepts only an answer that fits the request it settles', async () => {
    const link = new ElectronOutboxLink();
    link.attach(new electron.FakeContents() as never);
    const summary = link.request({ op: 'summary' });
    link.settle({ requestId: 1, ok: true, value: { waiting: '3' } });
    await expect(summary).rejects.toThrow('malformed answer to "summary"');
    const file = link.request({ op: 'export', format: 'csv' });
    link.settle({ requestId: 2, ok: true, value: { filename: '../x.csv', mimeType: 'text/csv', text: '' } });
    await expect(file).rejects.toThrow('malformed answer to "export"');
  });

  it('a window that goes away fails what it had not answered (the quick log then says so)', async () => {
    const link = new ElectronOutboxLink();
    link.attach(new electron.FakeContents() as never);
    const pending = link.request({
      op: 'enqueue',
      item: { id: 'x', json: '{}', meta: { kind: 'book', title: 't' } },
    });
    link.detach('the outbox window stopped');
    await expect(pending).rejects.toThrow('the outbox window stopped');
  });
});

describe('preload', () => {
  it('exposes one API object as window.trailnote, functions only, forwarding to the contract channels', async () => {
    vi.stubGlobal('window', { location: { pathname: '/quick-log.html' } });
    await import('../preload/index');
    expect(electron.exposed.map(([key]) => key)).toEqual(['trailnote']);
    const api = electron.exposed[0]![1] as Record<string, unknown>;
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.keys(api)).not.toContain('serve');
    await (api.saveQuickLog as (x: unknown) => Promise<unknown>)({ title: 'x' });
    expect(electron.invoked.at(-1)).toEqual([UI_CHANNELS.saveQuickLog, { title: 'x' }]);
    vi.unstubAllGlobals();
  });
});

describe('tray and notifications', () => {
  it('the tray menu is built from the core model and routes each click to its action', () => {
    const act = vi.fn();
    const tray = new TrayIcon('/assets/tray.png', act);
    tray.update({ now: 0, waiting: 2, pausedUntil: undefined, startAtLogin: true });
    const template = electron.menus.at(-1) as MenuItemConstructorOptions[];
    expect(template[0]?.label).toBe('Log a learning experience…');
    (template[0]?.click as () => void)();
    expect(act).toHaveBeenCalledWith('log');
    const pause = template.find((i) => i.label === 'Pause capture');
    const submenu = pause?.submenu as MenuItemConstructorOptions[];
    (submenu[2]?.click as () => void)();
    expect(act).toHaveBeenLastCalledWith('pause-resumed');
    expect(template.find((i) => i.label === 'Start at login')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
  });

  it('a held item gets a notification that opens it for tagging', () => {
    const open = vi.fn();
    notifyHeld({ id: 'item-1', title: 'Episode 12' }, open);
    const shown = electron.notifications.at(-1)!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({
      title: 'Captured: Episode 12',
      actions: [{ type: 'button', text: 'Tag or reflect' }],
    });
    shown.handlers.get('action')?.();
    expect(open).toHaveBeenCalledWith('item-1');
  });
});

describe('start at login', () => {
  it('macOS and Windows use app.setLoginItemSettings', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    await setStartAtLogin(app as never, true, 'win32');
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('Linux writes and removes an XDG autostart entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trailnote-autostart-'));
    vi.stubEnv('XDG_CONFIG_HOME', dir);
    vi.stubEnv('APPIMAGE', '/opt/Trailnote $1.AppImage');
    const file = join(dir, 'autostart', 'trailnote.desktop');
    await setStartAtLogin({} as never, true, 'linux');
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Trailnote $1.AppImage'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Trailnote \\$1.AppImage" --hidden');
    await setStartAtLogin({} as never, false, 'linux');
    expect(existsSync(file)).toBe(false);
    vi.unstubAllEnvs();
  });
});

describe('exports: a save dialog in main', () => {
  // The file arrives in pages (shared/record/export.ts), written as each comes.
  async function* pages(...texts: Array<string | Error>): AsyncGenerator<string> {
    for (const t of texts) {
      const page = await Promise.resolve(t); // each page arrives from the outbox window in its own time
      if (page instanceof Error) throw page;
      yield page;
    }
  }
  const stream = (...texts: Array<string | Error>) => ({
    filename: 'trailnote-record-2026-11-30.csv',
    mimeType: 'text/csv',
    pages: pages(...texts),
  });
  const file = stream('date,kind\r\n');
  const event = { sender: new electron.FakeContents() } as unknown as IpcMainInvokeEvent;

  it('writes the file where the learner chose, offering the downloads folder and the name', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'trailnote-save-')), 'mine.csv');
    electron.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: path });
    expect(await saveWithDialog(event, stream('date,kind\r\n', '2026,book\r\n', '2025,video\r\n'))).toEqual({
      ok: true,
      path,
    });
    expect(readFileSync(path, 'utf8')).toBe('date,kind\r\n2026,book\r\n2025,video\r\n');
    expect(electron.saveDialog).toHaveBeenLastCalledWith(
      expect.objectContaining({ defaultPath: '/home/learner/downloads/trailnote-record-2026-11-30.csv' }),
    );
  });

  it('says so when the learner cancels, and when the file cannot be written', async () => {
    electron.saveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await saveWithDialog(event, file)).toEqual({ ok: true, cancelled: true });
    electron.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/nonexistent-dir/x/y.csv' });
    const failed = await saveWithDialog(event, file);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/^The file could not be saved \(ENOENT/);
  });

  it('removes a file left half-written when a page cannot be read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'trailnote-save-')), 'half.csv');
    electron.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: path });
    const failed = await saveWithDialog(
      event,
      stream('date,kind\r\n', new Error('the outbox window stopped')),
    );
    expect(failed).toEqual({ ok: false, error: 'The file could not be saved (the outbox window stopped).' });
    expect(existsSync(path)).toBe(false);
  });
});

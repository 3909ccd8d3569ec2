/**
 * A stand-in for the `electron` module at that one boundary (its binary cannot run here; see ENVIRONMENT.md), for
 * the desktop/main adapter tests: each fake records what the adapters ask of Electron, so a test checks window
 * options, sender checks, safeStorage use and the preload's API without an Electron process. A test file uses it
 * with `vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule)` and reads
 * what was recorded from `electron`.
 */
import { vi } from 'vitest';

function createFakes() {
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
}

/** What the adapters asked of Electron, shared by every test file that mocks it with `electronModule`. */
export const electron = createFakes();

/** The fake `electron` module. */
export const electronModule = {
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
};

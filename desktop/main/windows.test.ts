// The windows and the session's hardening with `electron` mocked at that one boundary (desktop/testing/
// fake-electron.ts): window options, navigation and window.open denied, sender identity, permissions, the app://
// protocol with its CSPs, and safeStorage as the SecretBox.
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule);

import type { IpcMainInvokeEvent, Session } from 'electron';
import { electron } from '../testing/fake-electron';
import { resolveAppPath, serveRenderer } from './protocol';
import { safeStorageBox } from './secret-box';
import { OUTBOX_CSP, UI_CSP, hardenSession } from './security';
import { Windows } from './windows';

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

// Main's IPC, the outbox link and the preload with `electron` mocked at that one boundary (desktop/testing/
// fake-electron.ts): one handler per UI request, senders and payloads refused before a service acts, outbox answers
// checked against their op, and the preload's one API object.
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule);

import type { IpcMain } from 'electron';
import type { DesktopApp } from '../core/app';
import { OUTBOX_CHANNELS } from '../core/outbox-contract';
import { UI_CHANNELS } from '../core/ui-contract';
import { electron } from '../testing/fake-electron';
import { registerIpc } from './ipc';
import { ElectronOutboxLink } from './outbox-link';

beforeEach(() => {
  electron.FakeWindow.created.length = 0;
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
    const summary = { waiting: 0, refused: 0, destinations: [], items: [] };
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

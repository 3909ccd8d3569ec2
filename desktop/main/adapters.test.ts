// The tray, notifications, start at login and the export save dialog with `electron` mocked at that one boundary
// (its binary cannot run here; desktop/testing/fake-electron.ts records what the adapters ask of Electron).
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule);

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { electron } from '../testing/fake-electron';
import { autostartEntry, setStartAtLogin } from './login-item';
import { notifyHeld } from './notifications';
import { saveWithDialog } from './save-file';
import { TrayIcon } from './tray';

beforeEach(() => {
  electron.FakeWindow.created.length = 0;
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

import { describe, expect, it } from 'vitest';
import { PAUSED_UNTIL_RESUMED } from '../../shared/learner/pause';
import { trayMenu, type TrayMenuItem } from './tray-menu';

const NOW = new Date(2026, 2, 10, 15, 30).getTime();
const labels = (items: TrayMenuItem[]) => items.filter((i) => i.kind !== 'separator').map((i) => i.label);

describe('trayMenu', () => {
  it('offers every entry of issue 5 part 1 in order', () => {
    const items = trayMenu({
      now: NOW,
      waiting: 3,
      pausedUntil: undefined,
      startAtLogin: true,
      logShortcut: 'CommandOrControl+Alt+L',
    });
    expect(labels(items)).toEqual([
      'Log a learning experience…',
      '3 items waiting',
      'Send now',
      'Pause capture',
      'Open My learning',
      'Settings and status…',
      'Start at login',
      'Quit Trailnote',
    ]);
    expect(items[0]).toMatchObject({ action: 'log', accelerator: 'CommandOrControl+Alt+L' });
    expect(items.find((i) => i.kind === 'submenu')?.submenu?.map((i) => i.action)).toEqual([
      'pause-hour',
      'pause-tomorrow',
      'pause-resumed',
    ]);
    expect(items.find((i) => i.action === 'toggle-start-at-login')).toMatchObject({
      kind: 'checkbox',
      checked: true,
    });
  });

  it('says the disk is full, right below the quick log it refuses, only while it is', () => {
    const base = { now: NOW, waiting: 1, pausedUntil: undefined, startAtLogin: false };
    expect(labels(trayMenu(base)).some((l) => l?.startsWith('Storage is full'))).toBe(false);
    const items = trayMenu({ ...base, storageFull: true });
    expect(items.slice(0, 4)).toEqual([
      expect.objectContaining({ action: 'log' }),
      { kind: 'separator' },
      { kind: 'info', label: 'Storage is full: new items cannot be kept', enabled: false },
      { kind: 'separator' },
    ]);
  });

  it('while paused says until when and offers to resume; with nothing waiting, send now is off', () => {
    const items = trayMenu({ now: NOW, waiting: 0, pausedUntil: PAUSED_UNTIL_RESUMED, startAtLogin: false });
    expect(labels(items)).toContain('Capture paused');
    expect(items.find((i) => i.action === 'resume')).toBeDefined();
    expect(items.find((i) => i.action === 'send-now')?.enabled).toBe(false);
    expect(labels(items)).toContain('Nothing waiting to be sent');
  });

  it('says which destination is paused and why (the LRS message), and that it resumes by itself', () => {
    const base = { now: NOW, waiting: 40, pausedUntil: undefined, startAtLogin: false };
    expect(labels(trayMenu(base)).some((l) => l?.includes('paused:'))).toBe(false);
    const items = trayMenu({
      ...base,
      refused: { count: 1, message: 'HTTP 413: statement too large' },
      paused: [
        { name: 'Acme LRS', pausedFor: 'refusing', lastError: 'refusing statements: HTTP 400: bad version' },
        { name: 'My LRS', pausedFor: 'credentials' },
        { name: 'Old LRS', pausedFor: 'unknown' },
      ],
    });
    const list = labels(items);
    const at = list.indexOf('Acme LRS paused: refusing statements: HTTP 400: bad version');
    expect(at).toBeGreaterThan(list.indexOf('Send refused items again'));
    expect(list.slice(at + 1, at + 4)).toEqual([
      'My LRS paused: the LRS refused the credentials',
      'Old LRS paused: a problem with the LRS',
      'Resumes by itself when its configuration changes',
    ]);
    expect(items.filter((i) => i.label?.includes(' paused: ')).every((i) => i.enabled === false)).toBe(true);
  });

  it('shows refused items, what the LRS said and "Send refused items again" only while some are refused', () => {
    const base = { now: NOW, waiting: 2, pausedUntil: undefined, startAtLogin: false };
    for (const refused of [undefined, { count: 0 }]) {
      const items = trayMenu({ ...base, refused });
      expect(labels(items).some((l) => l?.includes('refused'))).toBe(false);
      expect(items.find((i) => i.action === 'resend-refused')).toBeUndefined();
    }
    const message = `HTTP 400: ${'verb is not a valid IRI '.repeat(10)}`;
    const items = trayMenu({ ...base, refused: { count: 3, message } });
    const at = labels(items).indexOf('3 refused by an LRS');
    expect(at).toBeGreaterThan(labels(items).indexOf('Send now'));
    expect(labels(items)[at + 1]).toMatch(/^HTTP 400: verb is not a valid IRI .*…$/);
    expect(labels(items)[at + 1]!.length).toBeLessThanOrEqual(80);
    expect(labels(items)[at + 2]).toBe('Send refused items again');
    expect(items.find((i) => i.action === 'resend-refused')).toMatchObject({ kind: 'action' });
    expect(labels(trayMenu({ ...base, refused: { count: 1 } }))).toContain('1 refused by an LRS');
  });

  it('a pause that has ended shows capture running again', () => {
    const items = trayMenu({ now: NOW, waiting: 1, pausedUntil: NOW - 1, startAtLogin: false });
    expect(items.find((i) => i.action === 'resume')).toBeUndefined();
  });
});

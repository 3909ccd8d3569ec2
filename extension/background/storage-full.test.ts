import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, STORAGE_FULL_MESSAGE } from '../../shared/outbox';
import { limitWrites, restoreDisk } from '../../test/support/full-disk';
import { updateBadge } from './badge';
import { handlePageMessage } from './learner';
import { handleRecordMessage, type RecordDeps } from './record';

// A full disk in the background: fake-indexeddb refusing writes (test/support/full-disk.ts) under WXT's
// in-memory browser.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-11-23T10:00:00Z');
let outbox: Outbox;
let deps: RecordDeps;

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    learnerSettings: {
      destinations: [{ id: 'lrs', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' }],
    },
  });
  outbox = Outbox.open(`storage-full-${Math.random()}`);
  deps = {
    outbox,
    now: () => NOW,
    sync: () => Promise.resolve(),
    tab: () => Promise.resolve({ url: 'https://blog.example/post', title: 'A post', incognito: false }),
  };
});
afterEach(() => {
  restoreDisk();
  outbox.close();
});

describe('a full disk (issue 11, point 3)', () => {
  it('refuses new captures with a clear message, shows it in the popup and badge, keeps what was queued', async () => {
    const first = await handleRecordMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps);
    expect(first).toMatchObject({ ok: true });
    const before = await outbox.list();

    limitWrites(0);
    const refused = await handleRecordMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps);
    expect(refused).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    const popup = await handlePageMessage({ type: 'popup/state' }, { ...deps, now: () => NOW });
    expect(popup).toMatchObject({ storageFull: STORAGE_FULL_MESSAGE });
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toContain(STORAGE_FULL_MESSAGE);
    expect(await outbox.list()).toEqual(before);

    restoreDisk(); // space freed: the next capture is kept and the status clears
    expect(
      await handleRecordMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps),
    ).toMatchObject({
      ok: true,
    });
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).not.toHaveProperty(
      'storageFull',
      STORAGE_FULL_MESSAGE,
    );
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).not.toBe('!');
    expect(await outbox.list()).toHaveLength(2);
  });
});

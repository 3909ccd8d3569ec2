import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, STORAGE_FULL_MESSAGE } from '../../shared/outbox';
import { limitWrites, restoreDisk } from '../../test/support/full-disk';
import { createReadingState, reduceReading } from '../../shared/capture';
import { keepStorageStatus, updateBadge } from './badge';
import { completeFinishing, MAX_FINISH_ATTEMPTS, retryFinishing } from './finish';
import { handlePageMessage } from './learner';
import type { RecordDeps } from './record';
import { finishingSessions, type ReadingSession } from './sessions';
import { loadSettings } from './settings';

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
    const first = await handlePageMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps);
    expect(first).toMatchObject({ ok: true });
    const before = await outbox.list();

    limitWrites(0);
    const refused = await handlePageMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps);
    expect(refused).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    const popup = await handlePageMessage({ type: 'popup/state' }, { ...deps, now: () => NOW });
    expect(popup).toMatchObject({ storageFull: STORAGE_FULL_MESSAGE });
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toContain(STORAGE_FULL_MESSAGE);
    expect(await outbox.list()).toEqual(before);

    restoreDisk(); // space freed: the next capture is kept and the status clears
    expect(await handlePageMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, deps)).toMatchObject({
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

  it('keeps the status across a worker restart, until an item is stored again', async () => {
    const name = `storage-full-restart-${Math.random()}`;
    const first = Outbox.open(name);
    await keepStorageStatus(first, () => undefined);
    await warmUp(first);
    limitWrites(0);
    const refused = await handlePageMessage(
      { type: 'capture/page', tabId: 1, kind: 'article' },
      { ...deps, outbox: first },
    );
    expect(refused).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    await vi.waitFor(async () =>
      expect(await fakeBrowser.storage.local.get('storageFullSince')).toEqual({ storageFullSince: NOW }),
    );
    first.close();

    // A new worker: a new outbox object over the same database, nothing in memory.
    const second = Outbox.open(name);
    await keepStorageStatus(second, () => undefined);
    const again = { ...deps, outbox: second };
    expect(await handlePageMessage({ type: 'popup/state' }, again)).toMatchObject({
      storageFull: STORAGE_FULL_MESSAGE,
    });
    await updateBadge(second, ['lrs']);
    expect(await fakeBrowser.action.getTitle({})).toContain(STORAGE_FULL_MESSAGE);

    restoreDisk();
    expect(await handlePageMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, again)).toMatchObject(
      {
        ok: true,
      },
    );
    expect(second.storageFullSince).toBeUndefined();
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get('storageFullSince')).toEqual({}));
    second.close();
  });

  /** However many tries, the session waits with the storage-full message (no capture problem), nothing queued. */
  async function expectWaitingForSpace(
    session: ReturnType<typeof readArticle>,
    finish: Parameters<typeof completeFinishing>[1],
  ): Promise<void> {
    await completeFinishing([session], finish);
    for (let i = 0; i < MAX_FINISH_ATTEMPTS + 2; i++) await retryFinishing(finish);
    const [waiting] = await finishingSessions();
    expect(waiting?.statementId).toBe(session.statementId);
    expect(waiting?.finishing).toMatchObject({ attempts: 0, lastError: STORAGE_FULL_MESSAGE });
    expect(await fakeBrowser.storage.local.get('captureProblems')).toEqual({});
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).toMatchObject({
      storageFull: STORAGE_FULL_MESSAGE,
    });
    expect(await outbox.list()).toEqual([]);
  }

  it('an automatic capture waits for space with the same message, however many tries, and is then queued', async () => {
    await keepStorageStatus(outbox, () => undefined);
    const session = readArticle(NOW - 120_000);
    const finish = { outbox, now: () => NOW, version: '1.0.0', onQueued: () => Promise.resolve() };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await warmUp(outbox);
    limitWrites(0);
    await expectWaitingForSpace(session, finish);

    restoreDisk();
    await retryFinishing(finish);
    expect((await outbox.list()).map((i) => i.id)).toEqual([session.statementId]);
    expect(await finishingSessions()).toEqual([]);
    expect(outbox.storageFullSince).toBeUndefined();
    warn.mockRestore();
  });

  it('a session that ends while the disk cannot take the first install id waits for space, then is queued under it', async () => {
    await keepStorageStatus(outbox, () => undefined);
    const session = readArticle(NOW - 120_000);
    const finish = { outbox, now: () => NOW, version: '1.0.0', onQueued: () => Promise.resolve() };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await warmUp(outbox);
    // The disk filled after the session was stored: storage.local refuses the install id, the first write it
    // has to make for a capture on this install (everything else of the session is already kept).
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const refuse = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockImplementation((items: Record<string, unknown>) =>
        'installId' in items
          ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
          : set(items),
      );
    await expectWaitingForSpace(session, finish);

    refuse.mockRestore(); // space freed
    await retryFinishing(finish);
    const { installId } = (await fakeBrowser.storage.local.get('installId')) as { installId?: string };
    const [item] = await outbox.list();
    expect(item?.id).toBe(session.statementId);
    expect((JSON.parse(item!.json) as { actor: { account?: { name: string } } }).actor.account?.name).toBe(
      installId,
    );
    expect(await finishingSessions()).toEqual([]);
    expect(outbox.storageFullSince).toBeUndefined();
    warn.mockRestore();
  });
});

/** Opens the database and moves the stored secret to IndexedDB (platform/secrets.ts) while there is room. */
async function warmUp(ob: Outbox): Promise<void> {
  await loadSettings();
  await ob.counts();
}

/** An article read for a minute, ended: what the content script's events make of it. */
function readArticle(at: number): ReadingSession {
  let state = reduceReading(createReadingState(), {
    type: 'start',
    at,
    url: 'https://blog.example/long-read',
    title: 'A long read',
    lang: 'en',
    visible: true,
    focused: true,
  });
  for (let s = 10; s <= 60; s += 10) state = reduceReading(state, { type: 'activity', at: at + s * 1000 });
  state = reduceReading(state, { type: 'end', at: at + 60_000 });
  return {
    kind: 'reading',
    tabId: 1,
    frameId: 0,
    tabUrl: 'https://blog.example/long-read',
    lastEventAt: at,
    statementId: crypto.randomUUID(),
    state,
  };
}

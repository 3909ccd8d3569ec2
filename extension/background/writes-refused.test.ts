import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, STORAGE_FULL_MESSAGE } from '../../shared/outbox';
import { limitWrites, restoreDisk } from '../../test/support/full-disk';
import { getLearnerSettings, SECRETS_MOVE_RETRY_MS, SECRETS_NOT_MOVED } from '../platform/secrets';
import { keepStorageStatus, updateBadge } from './badge';
import { handlePageMessage } from './learner';
import type { RecordDeps } from './record';
import { installId, loadSettings } from './settings';
import { requestSync } from './sync';
import { removeDestination, saveDestination } from './options';

// A disk so full that every write fails: IndexedDB (fake-indexeddb refusing add/put: test/support/full-disk.ts)
// and storage.local (WXT's in-memory browser, its set and remove rejecting as the browser's do), issue 11 point 3.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-12-02T10:00:00Z');
const MINE = { id: 'mine', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' };
let outbox: Outbox;
let deps: RecordDeps;
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** storage.local refuses every write, as on a full disk; returns the way back. */
function refuseLocalWrites(): () => void {
  const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(quota());
  const remove = vi.spyOn(fakeBrowser.storage.local, 'remove').mockRejectedValue(quota());
  return () => {
    set.mockRestore();
    remove.mockRestore();
  };
}
const capture = (d: RecordDeps = deps) =>
  handlePageMessage({ type: 'capture/page', tabId: 1, kind: 'article' }, d);
const local = () => fakeBrowser.storage.local.get(null);
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fakeBrowser.reset();
  await new Promise((done) => {
    const req = indexedDB.deleteDatabase('trailnote-secrets'); // the credentials' store (platform/secrets.ts)
    req.onsuccess = req.onerror = () => done(undefined);
  });
  // As an earlier version left them: the learner's token in storage.local.
  await fakeBrowser.storage.local.set({ learnerSettings: { destinations: [MINE] } });
  outbox = Outbox.open(`writes-refused-${Math.random()}`);
  deps = {
    outbox,
    now: () => NOW,
    sync: () => Promise.resolve(),
    tab: () => Promise.resolve({ url: 'https://blog.example/post', title: 'A post', incognito: false }),
  };
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  restoreDisk();
  vi.restoreAllMocks();
  outbox.close();
});

describe('every write refused (issue 11, point 3)', () => {
  it('the status shows in the popup and badge though it cannot be stored, is stored once it can be, and nothing queued is lost', async () => {
    await keepStorageStatus(outbox, () => undefined);
    expect(await capture()).toMatchObject({ ok: true }); // room: the secret moves, one item is queued
    const before = await outbox.list();
    expect(before).toHaveLength(1);

    limitWrites(0);
    const allowLocal = refuseLocalWrites();
    expect(await capture()).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).toMatchObject({
      storageFull: STORAGE_FULL_MESSAGE,
    });
    // A sync pass whose own writes are refused (the LRS unreachable: its backoff cannot be stored) still
    // updates the badge.
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    await requestSync(outbox, () => NOW).catch(() => undefined);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toContain(STORAGE_FULL_MESSAGE);
    expect(await local()).not.toHaveProperty('storageFullSince'); // the write was refused...
    expect(outbox.storageFullSince).toBe(NOW); // ...the status is kept in memory
    expect(await outbox.list()).toEqual(before);

    // storage.local takes writes again, IndexedDB is still full: the next badge update stores the status,
    // so a new worker shows it before any capture.
    allowLocal();
    await updateBadge(outbox, ['mine']);
    await vi.waitFor(async () => expect(await local()).toMatchObject({ storageFullSince: NOW }));
    const restarted = Outbox.open(outbox.db.name);
    await keepStorageStatus(restarted, () => undefined);
    expect(await handlePageMessage({ type: 'popup/state' }, { ...deps, outbox: restarted })).toMatchObject({
      storageFull: STORAGE_FULL_MESSAGE,
    });
    restarted.close();

    // Space freed: the next capture is kept and the status cleared, in memory and in storage.
    restoreDisk();
    expect(await capture()).toMatchObject({ ok: true });
    expect(outbox.storageFullSince).toBeUndefined();
    await vi.waitFor(async () => expect(await local()).not.toHaveProperty('storageFullSince'));
    expect((await outbox.list()).slice(0, 1)).toEqual(before);
    expect(await outbox.list()).toHaveLength(2);
  });

  it('an install id that a full first-run disk cannot store refuses the capture as a full outbox does, and the next one stores it', async () => {
    await keepStorageStatus(outbox, () => undefined);
    const allowLocal = refuseLocalWrites(); // first run: no install id yet; IndexedDB has room
    expect(await capture()).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).toMatchObject({
      storageFull: STORAGE_FULL_MESSAGE,
    });
    await updateBadge(outbox, ['mine']);
    expect(await fakeBrowser.action.getTitle({})).toBe(`Trailnote: ${STORAGE_FULL_MESSAGE}`);
    expect(await local()).not.toHaveProperty('installId'); // no id kept in memory only
    expect(await outbox.list()).toEqual([]);

    allowLocal(); // room again: the id is stored, the item kept under it, the status cleared
    expect(await capture()).toMatchObject({ ok: true });
    const { installId } = (await local()) as { installId?: string };
    const [item] = await outbox.list();
    expect((JSON.parse(item!.json) as { actor: { account?: { name: string } } }).actor.account?.name).toBe(
      installId,
    );
    expect(outbox.storageFullSince).toBeUndefined();
    await updateBadge(outbox, ['mine']);
    expect(await fakeBrowser.action.getBadgeText({})).not.toBe('!');
  });

  it("reads Chromium's storage.local refusals as a full disk too; any other failure stays itself", async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    for (const message of ['QUOTA_BYTES quota exceeded', 'IO error: 000003.log: No space left on device']) {
      set.mockRejectedValueOnce(new Error(message));
      await expect(installId({ outbox, now: NOW })).rejects.toThrow(STORAGE_FULL_MESSAGE);
    }
    set.mockRejectedValueOnce(new Error('Extension context invalidated.'));
    await expect(installId()).rejects.toThrow('Extension context invalidated.');
    expect(outbox.storageFullSince).toBe(NOW);
  });

  it('a status listener that throws neither hides the full disk nor turns a kept item into a refused one', async () => {
    outbox.onStorageChange = () => {
      throw new Error('listener failed');
    };
    limitWrites(0);
    expect(await capture()).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    expect(outbox.storageFullSince).toBe(NOW);
    restoreDisk();
    expect(await capture()).toMatchObject({ ok: true });
    expect(outbox.storageFullSince).toBeUndefined();
    expect(await outbox.list()).toHaveLength(1);
  });

  it('a worker that cannot read its stored status still starts, and finds the full disk at its first capture', async () => {
    expect(await capture()).toMatchObject({ ok: true });
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'));
    await expect(keepStorageStatus(outbox, () => undefined)).resolves.toBeUndefined();
    limitWrites(0);
    refuseLocalWrites();
    expect(await capture()).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    await updateBadge(outbox, ['mine']);
    expect(await fakeBrowser.action.getTitle({})).toContain(STORAGE_FULL_MESSAGE);
  });
});

describe("the learner's secret on a full disk (issue 11, points 3 and 8)", () => {
  it('moving it out of storage.local waits for room: the old copy keeps working, nothing is lost, the move is retried', async () => {
    // Settings are read at every capture event: a move that failed is tried again a minute later, not at once.
    const t = Date.now() + 3_600_000; // past any wait an earlier test left
    limitWrites(0); // IndexedDB full: the secret cannot be written to its new place
    expect(await getLearnerSettings(t)).toEqual({ destinations: [MINE] });
    expect(warn).toHaveBeenCalledWith(SECRETS_NOT_MOVED, expect.anything());
    const resolved = await loadSettings(); // within the minute: not tried, the old copy used
    expect(resolved.settings.destinations).toEqual([expect.objectContaining({ id: 'mine', token: 't0ken' })]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(await local())).toContain('t0ken'); // still in its old place

    // IndexedDB has room, storage.local refuses: the secret is in both places, still working.
    restoreDisk();
    const allowLocal = refuseLocalWrites();
    expect(await getLearnerSettings(t + SECRETS_MOVE_RETRY_MS)).toEqual({ destinations: [MINE] });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(await local())).toContain('t0ken');

    allowLocal(); // a later read moves it
    expect(await getLearnerSettings(t + 2 * SECRETS_MOVE_RETRY_MS)).toEqual({ destinations: [MINE] });
    expect(JSON.stringify(await local())).not.toContain('t0ken');
    expect(await getLearnerSettings()).toEqual({ destinations: [MINE] });
  });

  it('saving the settings on a full disk says so and keeps the saved settings and their secrets as they were', async () => {
    await fakeBrowser.storage.managed.set({ allowLearnerDestinations: true });
    // Moved while there was room (past any wait an earlier test left).
    expect(await getLearnerSettings(Date.now() + 3_600_000)).toEqual({ destinations: [MINE] });
    expect(JSON.stringify(await local())).not.toContain('t0ken');
    const sync = () => Promise.resolve();
    const edit = {
      id: 'mine',
      name: 'My LRS',
      endpoint: 'https://lrs.example/xapi/',
      auth: 'token' as const,
      username: '',
      password: '',
      token: 'n3w-t0ken',
      xapiVersion: 'auto' as const,
    };

    // storage.local full, IndexedDB not: the new token was written there first and is taken back.
    const allowLocal = refuseLocalWrites();
    await expect(saveDestination(edit, { sync })).rejects.toThrow(
      /^Storage is full: your settings could not be saved/,
    );
    await expect(removeDestination('mine', { sync })).rejects.toThrow(/^Storage is full/);
    allowLocal();
    expect(await getLearnerSettings()).toEqual({ destinations: [MINE] });

    limitWrites(0); // IndexedDB full as well
    refuseLocalWrites();
    await expect(saveDestination(edit, { sync })).rejects.toThrow(/^Storage is full/);
    restoreDisk();
    vi.restoreAllMocks();
    expect(await getLearnerSettings()).toEqual({ destinations: [MINE] });
    expect(await saveDestination(edit, { sync })).toMatchObject({ ok: true });
    expect(await getLearnerSettings()).toEqual({
      destinations: [{ ...MINE, token: 'n3w-t0ken', xapiVersion: 'auto' }],
    });
  });
});

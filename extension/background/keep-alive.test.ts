import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { KEEP_ALIVE_MS, keepAlive, openOutbox } from './keep-alive';

vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('opening the outbox in the service worker', () => {
  it('calls an extension API every 20 s while a long upgrade runs, and stops when it is done', async () => {
    vi.useFakeTimers();
    let done!: () => void;
    const upgrading = new Promise<void>((resolve) => (done = resolve));
    const outbox = {
      db: { open: () => upgrading },
      prepareRecord: () => Promise.resolve(),
    } as unknown as Outbox;
    const ping = vi.fn(() => Promise.resolve());
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    let clock = 0;
    const opening = openOutbox(outbox, ping, () => clock);

    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 12); // four minutes: a v1 outbox of 100,000 rows
    expect(ping).toHaveBeenCalledTimes(12);
    clock = KEEP_ALIVE_MS * 12;
    done();
    await opening;
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(ping).toHaveBeenCalledTimes(12);
    expect(info).toHaveBeenCalledWith('Trailnote: the outbox database was upgraded in 240 s');
  });

  it('keeps it alive through any long work (a sync pass), and stops when the work ends, fulfilled or not', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(() => Promise.resolve());
    const slow =
      (ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(() => (fail ? reject(new Error('pass failed')) : resolve('done')), ms),
        );
    const ok = keepAlive(slow(KEEP_ALIVE_MS * 2 + 1), ping);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2 + 1);
    await expect(ok).resolves.toBe('done');
    const failed = keepAlive(slow(KEEP_ALIVE_MS + 1, true), ping);
    const settled = expect(failed).rejects.toThrow('pass failed');
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS + 1);
    await settled;
    expect(ping).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 5);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('opens a database version 1 left, and the outbox is usable after', async () => {
    const name = `open-outbox-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ items: 'id, seq, state, [state+holdUntil]', meta: 'key' });
    await v1.table('items').add({
      id: 'a1',
      seq: 1,
      state: 'ready',
      createdAt: 5,
      statement: { n: 1 },
      meta: { kind: 'article', title: 'A' },
    });
    await v1.table('meta').put({ key: 'seq', value: 1 });
    v1.close();
    const outbox = Outbox.open(name);
    const ping = vi.fn(() => Promise.resolve());
    await openOutbox(outbox, ping);
    expect(outbox.db.isOpen()).toBe(true);
    // Its record prepared for My learning after opening (shared/outbox/fill.ts).
    expect(await outbox.recordLeft()).toBe(0);
    expect((await outbox.tally()).map((r) => r.items)).toEqual([1]);
    await outbox.ensureDestinations(['lrs'], 10);
    expect((await outbox.claim('lrs', 5)).map((c) => c.item?.json)).toEqual(['{"n":1}']);
    outbox.close();
  });

  it('a database that cannot be opened is said once, and does not throw', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outbox = { db: { open: () => Promise.reject(new Error('UnknownError')) } } as unknown as Outbox;
    await expect(openOutbox(outbox, () => Promise.resolve())).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      'Trailnote: the outbox database could not be opened:',
      expect.any(Error),
    );
  });
});

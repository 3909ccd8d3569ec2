import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { SYNC_AT_ALARM, requestSync } from './sync';

// The background's sync run against WXT's in-memory browser (storage, alarms); the outbox is Dexie on
// fake-indexeddb. The real worker and LRS are exercised by the e2e suites.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

afterEach(() => fakeBrowser.reset());

const T0 = Date.parse('2026-11-30T09:00:00Z');
const HOLD = 5 * 60_000;

async function heldItem(): Promise<Outbox> {
  const outbox = Outbox.open(`sync-alarm-${Math.random()}`);
  await outbox.enqueue(
    { id: crypto.randomUUID(), json: '{}', meta: { kind: 'article', title: 'Held' }, holdUntil: T0 + HOLD },
    T0,
    [],
  );
  return outbox;
}

describe('sync at hold expiry (issue 3: "synced … when a hold expires")', () => {
  it('asks for an alarm at the moment the next hold ends, and releases the item when it fires', async () => {
    const outbox = await heldItem();

    await requestSync(outbox, () => T0 + 1_000);
    expect((await fakeBrowser.alarms.get(SYNC_AT_ALARM))?.scheduledTime).toBe(T0 + HOLD);
    expect((await outbox.list())[0]?.state).toBe('held');

    await requestSync(outbox, () => T0 + HOLD); // what the alarm's handler does when it fires
    expect((await outbox.list())[0]?.state).toBe('ready');
  });

  it('never asks for an alarm in the past, however late the run', async () => {
    const outbox = await heldItem();
    await outbox.enqueue(
      {
        id: crypto.randomUUID(),
        json: '{}',
        meta: { kind: 'video', title: 'Later' },
        holdUntil: T0 + 2 * HOLD,
      },
      T0,
      [],
    );
    const late = T0 + HOLD + 30_000; // the first hold ended while the browser was closed
    await requestSync(outbox, () => late);
    expect((await fakeBrowser.alarms.get(SYNC_AT_ALARM))?.scheduledTime).toBe(T0 + 2 * HOLD);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { handlePageMessage, parsePageMessage, type LearnerDeps } from './learner';

// "Send my earlier record to <destination> (N items)" in the background (docs/policy.md § Meaning, `destinations`):
// WXT's in-memory browser, the outbox on fake-indexeddb.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-11-23T10:00:00Z');
let outbox: Outbox;
let deps: LearnerDeps & { synced: number };

const item = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  json: JSON.stringify({ actor: { mbox: 'mailto:ada@acme.example' }, n }),
  meta: { kind: 'article', title: `Item ${n}` },
});

beforeEach(async () => {
  fakeBrowser.reset();
  outbox = Outbox.open(`earlier-bg-${Math.random()}`);
  deps = {
    outbox,
    now: () => NOW,
    synced: 0,
    sync: () => {
      deps.synced += 1;
      return Promise.resolve();
    },
    tab: () => Promise.resolve(undefined),
  };
  // Captured while no destination was configured: the learner's earlier record.
  await outbox.enqueue([item(1), item(2), item(3)], NOW - 60_000, []);
});
afterEach(() => outbox.close());

const mine = {
  learner: { email: 'ada@acme.example' },
  destinations: [{ id: 'lrs', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' }],
};

describe('the earlier record of a destination', () => {
  it('is counted, sent only when the learner chooses, and then is nothing', async () => {
    await fakeBrowser.storage.local.set({ learnerSettings: mine });
    expect(await handlePageMessage({ type: 'earlier/count', id: 'lrs' }, deps)).toEqual({ count: 3 });
    expect(await outbox.deliveryCounts('lrs')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect((await outbox.getDestination('lrs'))?.since).toBe(NOW);

    expect(await handlePageMessage({ type: 'earlier/send', id: 'lrs' }, deps)).toEqual({
      ok: true,
      queued: 3,
    });
    expect(deps.synced).toBe(1);
    expect(await outbox.deliveryCounts('lrs')).toEqual({ pending: 3, sent: 0, quarantined: 0 });
    expect(await handlePageMessage({ type: 'earlier/count', id: 'lrs' }, deps)).toEqual({ count: 0 });
  });

  it('waits for the learner to identify where the organisation requires it', async () => {
    await fakeBrowser.storage.managed.set({
      destinations: [{ id: 'org', endpoint: 'https://lrs.acme.example/xapi/', token: 'k' }],
      learner: { mustIdentify: true },
    });
    expect(await handlePageMessage({ type: 'earlier/count', id: 'org' }, deps)).toEqual({
      count: 0,
      reason: 'identify-first',
    });
    expect(await handlePageMessage({ type: 'earlier/send', id: 'org' }, deps)).toMatchObject({
      ok: false,
    });
    expect(await outbox.deliveryCounts('org')).toEqual({ pending: 0, sent: 0, quarantined: 0 });
  });

  it('answers an unknown destination with nothing, and drops a malformed request', async () => {
    expect(await handlePageMessage({ type: 'earlier/count', id: 'gone' }, deps)).toEqual({
      count: 0,
      reason: 'not-configured',
    });
    expect(parsePageMessage({ type: 'earlier/count', id: 5 })).toBeUndefined();
    expect(parsePageMessage({ type: 'earlier/send', id: 'x'.repeat(201) })).toBeUndefined();
    expect(parsePageMessage({ type: 'earlier/send', id: 'lrs' })).toEqual({
      type: 'earlier/send',
      id: 'lrs',
    });
  });
});

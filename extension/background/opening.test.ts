import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_OPENING_MESSAGE } from '../../shared/outbox';
import { heldOutbox } from '../../test/support/held-outbox';
import { handlePageMessage } from './learner';

// An older version's database still being upgraded as the popup or My learning asks (shared/outbox/opening.ts):
// they get the message within about a second instead of waiting for the upgrade. The open is held back by another
// connection (test/support/held-outbox.ts); WXT's in-memory browser.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-12-03T10:00:00Z');

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    learnerSettings: {
      destinations: [{ id: 'lrs', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' }],
    },
  });
});

describe('the outbox still opening', () => {
  it('answers the popup and My learning with the message, then with the record once it is open', async () => {
    const { outbox, release } = await heldOutbox();
    const deps = {
      outbox,
      now: () => NOW,
      sync: () => Promise.resolve(),
      tab: () => Promise.resolve({ url: 'https://blog.example/post', title: 'A post', incognito: false }),
    };
    const popup = await handlePageMessage({ type: 'popup/state', tabId: 1 }, deps);
    expect(popup).toMatchObject({ opening: OUTBOX_OPENING_MESSAGE, destinations: [], waiting: [] });
    expect(await handlePageMessage({ type: 'record/list' }, deps)).toEqual({
      items: [],
      opening: OUTBOX_OPENING_MESSAGE,
    });

    release();
    await outbox.db.open();
    const open = await handlePageMessage({ type: 'popup/state', tabId: 1 }, deps);
    expect(open).not.toHaveProperty('opening');
    expect(open.destinations).toEqual([expect.objectContaining({ id: 'lrs', pending: 0 })]);
    expect(await handlePageMessage({ type: 'record/list' }, deps)).toEqual({ items: [] });
    outbox.close();
  });
});

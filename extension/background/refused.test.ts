import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import { updateBadge } from './badge';
import { handlePageMessage, parsePageMessage } from './learner';
import type { RecordDeps } from './record';

// Refused items in the background (issue 11, point 4): the popup and badge show them with the LRS's message, and
// the learner sends one or all again. WXT's in-memory browser, the outbox on fake-indexeddb.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');

const NOW = Date.parse('2026-11-23T10:00:00Z');
let outbox: Outbox;
let deps: RecordDeps & { forced: number };

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    learnerSettings: {
      destinations: [{ id: 'lrs', name: 'My LRS', endpoint: 'https://lrs.example/xapi/', token: 't0ken' }],
    },
  });
  outbox = Outbox.open(`refused-${Math.random()}`);
  deps = {
    outbox,
    now: () => NOW,
    forced: 0,
    sync: (force) => {
      if (force) deps.forced += 1;
      return Promise.resolve();
    },
    tab: () => Promise.resolve(undefined),
  };
  const item = (id: string, title: string) => ({
    id,
    json: JSON.stringify({ id }),
    meta: { kind: 'article', title },
  });
  await outbox.enqueue([item('a', 'Too big'), item('b', 'Fine')], NOW, ['lrs']);
  const [a] = await outbox.claim('lrs', 1);
  await outbox.quarantine(a!.delivery, NOW, 413, 'HTTP 413: statement too large');
});
afterEach(() => outbox.close());

describe('refused items', () => {
  it('shows in the popup and the badge with the LRS message, and goes back in the queue on "send again"', async () => {
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).toMatchObject({
      refused: {
        count: 1,
        items: [
          { id: 'a', title: 'Too big', destination: 'My LRS', message: 'HTTP 413: statement too large' },
        ],
      },
    });
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toContain('HTTP 413: statement too large');

    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(parsePageMessage({ type: 'item/resend', id: uuid })).toEqual({ type: 'item/resend', id: uuid });
    expect(parsePageMessage({ type: 'item/resend', id: 'a' })).toBeUndefined(); // item ids are UUIDs
    expect(await handlePageMessage({ type: 'item/resend', id: 'a' }, deps)).toEqual({ ok: true });
    expect(deps.forced).toBe(1);
    expect(await outbox.deliveryCounts('lrs')).toEqual({ pending: 2, sent: 0, quarantined: 0 });
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).not.toHaveProperty('refused.count');
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).not.toBe('!');
  });

  it('sends all refused items again, and says so when there is nothing to send', async () => {
    expect(await handlePageMessage({ type: 'refused/resend' }, deps)).toEqual({ ok: true });
    expect((await outbox.deliveryCounts('lrs')).quarantined).toBe(0);
    expect(await handlePageMessage({ type: 'refused/resend' }, deps)).toEqual({
      ok: false,
      error: 'Nothing refused to send again.',
    });
    expect(parsePageMessage({ type: 'item/resend', id: '' })).toBeUndefined();
  });

  it('shows a destination refusing statements, with the LRS message, in the popup and the badge', async () => {
    const message = 'refusing statements: HTTP 400: xAPI version header rejected by proxy';
    await outbox.putDestination({
      id: 'lrs',
      status: 'paused',
      failures: 1,
      nextAttemptAt: NOW + 3600_000,
      lastError: message,
      lastErrorStatus: 400,
      withheld: 2,
    });
    const row = {
      id: 'lrs',
      status: 'paused',
      pausedFor: 'refusing',
      lastError: message,
      pending: 1,
      withheld: 2,
    };
    expect(await handlePageMessage({ type: 'popup/state' }, deps)).toMatchObject({ destinations: [row] });
    // The options page's rows alone: the same rows, nothing else of the popup's state.
    const alone = await handlePageMessage({ type: 'destinations/status' }, deps);
    expect(Object.keys(alone)).toEqual(['destinations']);
    expect(alone.destinations).toEqual([expect.objectContaining(row)]);
    // My learning's context: the same rows and the skill settings, none of the popup's tab or queue state.
    const context = await handlePageMessage({ type: 'record/context' }, deps);
    expect(Object.keys(context).sort()).toEqual([
      'allowCustomSkills',
      'customSkillBaseIri',
      'destinations',
      'frameworksStamp',
    ]);
    expect(context.destinations).toEqual([expect.objectContaining(row)]);
    await updateBadge(outbox, ['lrs']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toBe(
      `Trailnote: an LRS is not accepting statements (${message}) — open the popup for details`,
    );
  });
});

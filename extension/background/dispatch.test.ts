import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../shared/outbox';
import type { PageRequest } from '../platform/messages';
import { pageFailure, type PageRoute, type PageRoutesFor } from './dispatch';
import { handlePageMessage, pageRoutes, parsePageMessage, type LearnerDeps } from './learner';

// The page contract's one route table (issue 10): every request has a route, a message is answered only after
// its route's parser accepted it, and a handler that throws answers a failure the page's send rejects with.
vi.mock('wxt/browser', async () => ({
  browser: (await import('wxt/testing/fake-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { sendToBackground } = await import('../platform/send');

const ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const REQUESTS = Object.keys(pageRoutes) as PageRequest[];

describe('the page route table', () => {
  it('takes only the contract’s own request types, never inherited names', () => {
    expect(REQUESTS).toContain('popup/state');
    expect(REQUESTS).toContain('settings/import');
    for (const type of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'record/drop', '', 42]) {
      expect(parsePageMessage({ type }), String(type)).toBeUndefined();
    }
    expect(parsePageMessage(null)).toBeUndefined();
    expect(parsePageMessage([{ type: 'sync/now' }])).toBeUndefined();
  });

  it('hands the handler only what the parser built: never the raw message, never a surprise field', () => {
    const raw = { type: 'item/discard', id: ID };
    const msg = parsePageMessage(raw);
    expect(msg).toEqual({ type: 'item/discard', id: ID });
    expect(msg).not.toBe(raw);
    for (const type of REQUESTS) {
      const parsed = parsePageMessage({ type, id: ID, injected: { secret: 1 } });
      expect(parsed ?? {}, type).not.toHaveProperty('injected'); // refused as a whole, or dropped
    }
  });

  it('never throws on hostile payloads, whatever the request', () => {
    const hostile = [null, 1, 'x', [], {}, { length: 1e9 }, 'x'.repeat(100_000)];
    for (const type of REQUESTS) {
      for (const value of hostile) {
        const raw = { type, id: value, tabId: value, skills: value, settings: value, destination: value };
        expect(() => parsePageMessage(raw), type).not.toThrow();
      }
    }
  });

  it('answers a request with its own route and the response the contract gives it', async () => {
    const outbox = Outbox.open(`dispatch-${Math.random()}`);
    let forced = 0;
    const deps: LearnerDeps = {
      outbox,
      now: () => Date.parse('2026-12-02T10:00:00Z'),
      sync: (force) => {
        if (force) forced += 1;
        return Promise.resolve();
      },
      tab: () => Promise.resolve(undefined),
    };
    const msg = parsePageMessage({ type: 'sync/now' });
    expect(msg).toBeDefined();
    if (msg) expect(await handlePageMessage(msg, deps)).toEqual({ ok: true });
    expect(forced).toBe(1);
    // A handler's thrown error reaches the learner as the contract's own `{ ok: false, error }`.
    const answer = await handlePageMessage({ type: 'item/discard', id: ID }, deps);
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/\w/);
  });
});

describe('the route table’s types (checked by tsc: each @ts-expect-error must be an error)', () => {
  it('ties a handler’s answer to its request and asks for every request', () => {
    const syncNow: PageRoute<'sync/now', unknown> = {
      parse: () => ({}),
      // @ts-expect-error `sync/now` answers { ok }, not the record's state
      handle: () => Promise.resolve({ items: [] }),
    };
    const pause: PageRoute<'capture/pause', unknown> = {
      // @ts-expect-error the payload of `capture/pause` has `until`, not `minutes`
      parse: () => ({ minutes: 5 }),
      handle: () => Promise.resolve({ ok: true }),
    };
    // @ts-expect-error a table of the record's requests without `capture/resume`'s route
    const partial: PageRoutesFor<'capture/pause' | 'capture/resume', unknown> = { 'capture/pause': pause };
    expect([syncNow, pause, partial]).toHaveLength(3);
  });
});

describe('sendToBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('resolves with the answer, rejects with the background’s failure, and when nothing answered', async () => {
    const answers: unknown[] = [{ ok: true }, pageFailure(new Error('The disk is full.')), undefined];
    const sent: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      sent.push(message);
      return Promise.resolve(answers.shift());
    });
    await expect(sendToBackground('item/approve', { id: 'a' })).resolves.toEqual({ ok: true });
    expect(sent[0]).toEqual({ type: 'item/approve', id: 'a' });
    await expect(sendToBackground('sync/now', {})).rejects.toThrow('The disk is full.');
    await expect(sendToBackground('sync/now', {})).rejects.toThrow(
      'No answer from the background to "sync/now".',
    );
  });
});

/**
 * The capture path between a session's end and its outbox item, under failure: a worker stopped at each step, a
 * step that throws (full storage, a builder that throws, a failing outbox), a flood of messages, and the
 * previous version's stored sessions. WXT's in-memory browser for storage, Dexie on fake-indexeddb for the
 * outbox. A "worker restart" is a fresh copy of the background modules over the same storage and database;
 * the stopped worker is left frozen at the step it reached, as Chrome leaves a stopped worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from 'wxt/testing/fake-browser';
import { Outbox } from '../../shared/outbox';
import { thawStatement } from '../../shared/xapi';
import type { ContentMessage } from '../platform/content-messages';
import type * as CaptureModule from './capture';
import type * as FinaliseModule from './finalise';
import type * as FinishModule from './finish';
import type * as LimitsModule from './limits';
import type * as SessionsModule from './sessions';

// One fake browser for every copy of the modules (vi.resetModules would otherwise make a new, empty one).
const shared = vi.hoisted(() => ({ browser: null as FakeBrowser | null }));
vi.mock('wxt/browser', async () => {
  shared.browser ??= (await import('wxt/testing/fake-browser')).fakeBrowser;
  return { browser: shared.browser };
});
const fakeBrowser = (await import('wxt/browser')).browser as unknown as FakeBrowser;

const T0 = Date.parse('2026-12-02T09:00:00Z');
const TAB = { tabId: 7, frameId: 0, tabUrl: 'https://blog.example/post', incognito: false };
const never = () => new Promise<never>(() => undefined);

type Modules = {
  capture: typeof CaptureModule;
  finish: typeof FinishModule;
  sessions: typeof SessionsModule;
  limits: typeof LimitsModule;
};

/** A fresh service worker: new module state (sessions in memory, queues, limiters) over the same storage. */
async function worker(): Promise<Modules> {
  vi.resetModules();
  return {
    capture: await import('./capture'),
    finish: await import('./finish'),
    sessions: await import('./sessions'),
    limits: await import('./limits'),
  };
}

let outbox: Outbox;
let clock: number;
let queued: number;
const deps = (over: Partial<FinishModule.FinishDeps> = {}) => ({
  outbox,
  now: () => clock,
  version: '1.0.0',
  onQueued: () => {
    queued++;
    return Promise.resolve();
  },
  ...over,
});

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    learnerSettings: { capture: { articleMinSeconds: 30, holdMinutes: 0, mediaMinSeconds: 2 } },
  });
  outbox = Outbox.open(`capture-test-${Math.random()}`);
  clock = T0;
  queued = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
  outbox.close();
});

const reading = (event: Extract<ContentMessage, { type: 'reading' }>['event']): ContentMessage => ({
  type: 'reading',
  event,
});

/** Start an article, read it for 40 s (activity every 10 s); the caller sends `end`. */
async function readFor40s(m: Modules, d = deps()): Promise<string> {
  const start = reading({
    type: 'start',
    at: T0,
    url: TAB.tabUrl,
    title: 'A post',
    visible: true,
    focused: true,
  });
  await m.capture.handleCapture(start, TAB, d);
  for (let s = 10; s <= 40; s += 10) {
    clock = T0 + s * 1000;
    await m.capture.handleCapture(reading({ type: 'activity', at: clock }), TAB, d);
  }
  const [session] = await m.sessions.openSessionsOf(TAB.tabId);
  return session!.statementId;
}

const storedSessionKeys = async () =>
  Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('session:'));

async function itemsInOutbox() {
  return outbox.list({});
}

describe('a finished session becomes exactly one item', () => {
  it('enqueues under the statement id fixed at the start, then removes the session', async () => {
    const m = await worker();
    const id = await readFor40s(m);
    expect(await storedSessionKeys()).toEqual([`session:${id}`]);
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, deps());
    const items = await itemsInOutbox();
    expect(items.map((i) => i.id)).toEqual([id]);
    expect(thawStatement(items[0]!.json).result?.duration).toBe('PT40S');
    expect(await storedSessionKeys()).toEqual([]);
    expect(queued).toBe(1);
  });

  // Each point between "ended" and "queued" where a worker can stop. The stopped worker stays frozen there.
  const stops: Array<[string, (m: Modules) => Partial<FinishModule.FinishDeps>]> = [
    [
      'while storing the finished mark',
      () => {
        freezeStorage('set', (v) => Object.values(v).some((s) => isRec(s) && 'finishing' in s));
        return {};
      },
    ],
    [
      'before building the statement (reading the settings)',
      () => {
        freezeStorage('set', () => false); // only watches for the finished mark
        const managed = fakeBrowser.storage.managed;
        const get = managed.get.bind(managed);
        let done = false;
        vi.spyOn(managed, 'get').mockImplementation(((keys: never) => {
          if (!done && marked) {
            done = true;
            reached = true;
            return never();
          }
          return get(keys);
        }) as never);
        return {};
      },
    ],
    ['while enqueueing', () => ({ outbox: withEnqueue(() => never()) })],
    [
      'after the item is enqueued, before the session is removed',
      () => ({
        outbox: withEnqueue(async (...a) => {
          await outbox.enqueue(...a);
          return never();
        }),
      }),
    ],
    [
      'while removing the session',
      () => {
        freezeStorage('remove', (keys) => String(keys).startsWith('session:'));
        return {};
      },
    ],
    [
      'after removing, before asking for a sync',
      () => ({
        onQueued: () => {
          reached = true;
          return never();
        },
      }),
    ],
  ];

  it.each(stops)('a worker stopped %s: the next one finds exactly one item', async (_point, stopHere) => {
    const first = await worker();
    const id = await readFor40s(first);
    const frozen = deps(stopHere(first));
    void first.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, frozen);
    await vi.waitFor(() => expect(reached).toBe(true), { timeout: 2000, interval: 5 });
    vi.restoreAllMocks();

    clock += 60_000;
    const next = await worker();
    await next.finish.retryFinishing(deps());
    // A session the stopped worker never marked finished is still open: closing its tab ends it.
    await next.capture.finishSessions((s) => s.tabId === TAB.tabId, deps());
    const items = await itemsInOutbox();
    expect(items.map((i) => i.id)).toEqual([id]);
    expect(await storedSessionKeys()).toEqual([]);
    // And once more, as after yet another restart: still one.
    await (await worker()).finish.retryFinishing(deps());
    expect(await itemsInOutbox()).toHaveLength(1);
  });

  it('a builder that throws keeps the session for a retry, which queues it once', async () => {
    const m = await worker();
    const id = await readFor40s(m);
    let calls = 0;
    const flaky = deps({
      finalise: (...a: Parameters<typeof FinaliseModule.finaliseSession>) => {
        if (++calls === 1) throw new Error('builder broke');
        return realFinalise(...a);
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, flaky);
    expect(await itemsInOutbox()).toEqual([]);
    const [kept] = await m.sessions.finishingSessions();
    expect(kept?.finishing).toMatchObject({ attempts: 1, lastError: 'builder broke' });
    expect(warn).toHaveBeenCalled();
    await m.finish.retryFinishing(flaky);
    expect((await itemsInOutbox()).map((i) => i.id)).toEqual([id]);
    expect(await storedSessionKeys()).toEqual([]);
  });

  it('a builder that always throws is set aside with its error after the last try, never dropped silently', async () => {
    const m = await worker();
    const id = await readFor40s(m);
    const broken = deps({
      finalise: () => {
        throw new Error('cannot build');
      },
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, broken);
    for (let i = 1; i < m.finish.MAX_FINISH_ATTEMPTS; i++) {
      expect(await storedSessionKeys()).toEqual([`session:${id}`]);
      await m.finish.retryFinishing(broken);
    }
    expect(await storedSessionKeys()).toEqual([]);
    const { captureProblems } = await fakeBrowser.storage.local.get('captureProblems');
    expect(captureProblems).toEqual([
      expect.objectContaining({
        error: 'cannot build',
        session: expect.objectContaining({ statementId: id }) as unknown,
      }),
    ]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('failed 5 times'), expect.any(Error));
    expect(await itemsInOutbox()).toEqual([]);
  });

  it('storage full when marking the end: the item is queued from memory', async () => {
    const m = await worker();
    const id = await readFor40s(m);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((v: Record<string, unknown>) =>
      Object.values(v).some((s) => isRec(s) && 'finishing' in s)
        ? Promise.reject(new Error('QUOTA_BYTES quota exceeded'))
        : set(v),
    );
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, deps());
    expect((await itemsInOutbox()).map((i) => i.id)).toEqual([id]);
    expect(await storedSessionKeys()).toEqual([]);
  });

  it('an outbox or storage failure after the end is retried under the same id', async () => {
    const m = await worker();
    const id = await readFor40s(m);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = deps({ outbox: withEnqueue(() => Promise.reject(new Error('IndexedDB closed'))) });
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, failing);
    const remove = vi
      .spyOn(fakeBrowser.storage.local, 'remove')
      .mockRejectedValueOnce(new Error('storage unavailable'));
    await m.finish.retryFinishing(deps()); // enqueued, but the session could not be removed
    expect(remove).toHaveBeenCalled();
    expect(await storedSessionKeys()).toEqual([`session:${id}`]);
    await m.finish.retryFinishing(deps());
    expect((await itemsInOutbox()).map((i) => i.id)).toEqual([id]);
    expect(await storedSessionKeys()).toEqual([]);
  });
});

describe('bounded under a flood', () => {
  const loaded = (n: number): ContentMessage => ({
    type: 'media',
    element: `e${n}`,
    key: `k${n}`,
    event: { type: 'loaded', at: T0, mediaId: `m${n}`, src: `https://cdn.example/${n}.webm`, kind: 'video' },
    page: { url: TAB.tabUrl, title: 'x'.repeat(1000), keywords: ['k'.repeat(500)] },
  });

  it('caps the sessions a tab may open, counts what it refuses, and stores each session under its own key', async () => {
    const m = await worker();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    for (let n = 0; n < 30; n++) await m.capture.handleCapture(loaded(n), TAB, deps());
    expect(await storedSessionKeys()).toHaveLength(m.limits.LIMITS.sessionsPerTab);
    // Every write is one session, never a map of all of them; keywords are not kept.
    const sessionWrites = set.mock.calls
      .map(([v]) => Object.keys(v))
      .filter((k) => k[0]?.startsWith('session:'));
    expect(sessionWrites.every((k) => k.length === 1)).toBe(true);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(JSON.stringify(stored).length).toBeLessThan(m.limits.LIMITS.sessionsPerTab * 3000);
    // Another tab still opens its own.
    await m.capture.handleCapture(loaded(99), { ...TAB, tabId: 8 }, deps());
    expect(await m.sessions.openSessionsOf(8)).toHaveLength(1);
    await m.limits.flushDropped();
    expect((await fakeBrowser.storage.local.get('captureDropped')).captureDropped).toMatchObject({
      sessions: 30 - m.limits.LIMITS.sessionsPerTab,
    });
  });

  it("drops a tab's messages over its rate, counts and logs them once, and leaves other tabs alone", async () => {
    const m = await worker();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let admitted = 0;
    for (let i = 0; i < 1000; i++) if (m.capture.admitMessage(TAB.tabId, T0)) admitted++;
    expect(admitted).toBe(m.limits.LIMITS.messageBurst);
    expect(m.capture.admitMessage(8, T0)).toBe(true);
    // The rate refills with time.
    expect(m.capture.admitMessage(TAB.tabId, T0 + 1000)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    await m.limits.flushDropped();
    expect((await fakeBrowser.storage.local.get('captureDropped')).captureDropped).toMatchObject({
      messages: 1000 - admitted,
    });
  });

  it('throttles seeking on one media item', async () => {
    const m = await worker();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const media = (event: Extract<ContentMessage, { type: 'media' }>['event']): ContentMessage => ({
      type: 'media',
      element: 'e',
      key: 'k',
      event,
      page: { url: TAB.tabUrl, title: 'A talk' },
    });
    await m.capture.handleCapture(
      media({
        type: 'loaded',
        at: T0,
        mediaId: 'm',
        src: 'https://cdn.example/a.webm',
        kind: 'video',
        duration: 60,
      }),
      TAB,
      deps(),
    );
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    for (let i = 0; i < 100; i++)
      await m.capture.handleCapture(
        media({ type: i % 2 ? 'seeked' : 'seeking', at: T0, position: i }),
        TAB,
        deps(),
      );
    expect(set.mock.calls.length).toBe(m.limits.LIMITS.seekBurst);
    await m.limits.flushDropped();
    expect((await fakeBrowser.storage.local.get('captureDropped')).captureDropped).toMatchObject({
      seeks: 100 - m.limits.LIMITS.seekBurst,
    });
  });

  it('refuses a change that would grow a stored session past its size limit, and keeps the stored one', async () => {
    const m = await worker();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await m.capture.handleCapture(loaded(1), TAB, deps());
    const [session] = await m.sessions.openSessionsOf(TAB.tabId);
    const grown = { ...session!, page: { url: TAB.tabUrl, title: 'x'.repeat(m.limits.LIMITS.sessionChars) } };
    expect(await m.sessions.withTab(TAB.tabId, (t) => t.save(grown, T0))).toBe(false);
    expect((await m.sessions.openSessionsOf(TAB.tabId))[0]).toEqual(session);
    expect(Object.values(await fakeBrowser.storage.local.get(null))).toContainEqual(session);
    await m.limits.flushDropped();
    expect((await fakeBrowser.storage.local.get('captureDropped')).captureDropped).toMatchObject({
      oversized: 1,
    });
  });

  it("a tab whose work is stuck does not hold up another tab's events", async () => {
    const m = await worker();
    freezeStorage('set', (v) => Object.keys(v).some((k) => k.startsWith('session:')));
    void m.capture.handleCapture(loaded(1), TAB, deps()); // stuck on its write
    await vi.waitFor(() => expect(reached).toBe(true));
    vi.restoreAllMocks();
    await m.capture.handleCapture(loaded(2), { ...TAB, tabId: 8 }, deps());
    expect(await m.sessions.openSessionsOf(8)).toHaveLength(1);
  });
});

describe('upgrading from the previous version', () => {
  it('moves the stored sessions map to one key per session, and still finishes them', async () => {
    const first = await worker();
    await readFor40s(first);
    const [open] = await first.sessions.openSessionsOf(TAB.tabId);
    const { statementId: _drop, ...legacy } = open!;
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      learnerSettings: { capture: { articleMinSeconds: 30, holdMinutes: 0 } },
      sessions: { '7:0:reading': legacy },
    });
    const m = await worker();
    const [moved] = await m.sessions.allSessions();
    expect(moved).toMatchObject({ kind: 'reading', tabUrl: TAB.tabUrl });
    expect(moved!.statementId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored.sessions).toBeUndefined();
    expect(Object.keys(stored).filter((k) => k.startsWith('session:'))).toEqual([
      `session:${moved!.statementId}`,
    ]);
    await m.capture.handleCapture(reading({ type: 'end', at: clock }), TAB, deps());
    expect((await itemsInOutbox()).map((i) => i.id)).toEqual([moved!.statementId]);
  });
});

// ---- helpers

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const { finaliseSession: realFinalise } = await import('./finalise');
/** The stopped worker got to its stop; it has stored a session's finished mark. */
let reached = false;
let marked = false;
beforeEach(() => {
  reached = false;
  marked = false;
});

/** The next storage call of `method` that `matches` never returns (the worker stopped there). */
function freezeStorage(method: 'set' | 'remove', matches: (arg: never) => boolean): void {
  const area = fakeBrowser.storage.local;
  const original = area[method].bind(area) as (arg: unknown) => Promise<void>;
  let done = false;
  vi.spyOn(area, method).mockImplementation(((arg: never) => {
    if (method === 'set' && Object.values(arg).some((s) => isRec(s) && 'finishing' in s)) marked = true;
    if (!done && matches(arg)) {
      done = true;
      reached = true;
      return never();
    }
    return original(arg);
  }) as never);
}

/** The outbox with its `enqueue` replaced (the rest is the real one). */
function withEnqueue(enqueue: (...a: Parameters<Outbox['enqueue']>) => Promise<string[]>): Outbox {
  const wrapped = Object.create(outbox) as Outbox;
  wrapped.enqueue = (...a) => {
    reached = true;
    return enqueue(...a);
  };
  return wrapped;
}

/**
 * The capture handler: content-script events in, persisted sessions, finished sessions out to the outbox.
 * A session starts only where the policy allows capture (domain lists, sensitive sites, kinds, pause,
 * private windows) and is checked again when it is finalised. Each tab's events are handled in order, tabs
 * alongside each other (sessions.ts); the tab's message rate is bounded before a message gets here (limits.ts).
 */
import { createMediaState, createReadingState, reduceMedia, reduceReading } from '../../shared/capture';
import { captureDecision, type CaptureKind, type ResolvedSettings } from '../../shared/policy';
import type { ContentMessage, PageFacts } from '../platform/content-messages';
import { storedPause } from '../platform/pause';
import { completeFinishing, type FinishDeps } from './finish';
import { countDropped, LIMITS, RateLimiter } from './limits';
import { allSessions, mediaSlot, readingSlot, withTab, type Session } from './sessions';
import { loadSettings } from './settings';

export type CaptureDeps = FinishDeps;

export interface From {
  tabId: number;
  frameId: number;
  tabUrl: string;
  incognito: boolean;
}

/** Whether capture of `kind` is allowed on every one of `urls` now (policy, pause, private window). */
export async function allowed(
  resolved: ResolvedSettings,
  urls: string[],
  kind: CaptureKind,
  incognito: boolean,
  now: number,
): Promise<boolean> {
  const pausedUntil = await storedPause();
  return urls.every(
    (url) => captureDecision(url, resolved.settings, { incognito, pausedUntil, now, kind }).capture,
  );
}

const tabMessages = new RateLimiter(LIMITS.messagesPerSecond, LIMITS.messageBurst);
const seeks = new RateLimiter(LIMITS.seeksPerSecond, LIMITS.seekBurst);

/**
 * Charge one message to its tab, before it is parsed: false means it is over the tab's rate and dropped
 * (counted). Cheap on purpose: it runs for every message of a flood.
 */
export function admitMessage(tabId: number, now: number): boolean {
  if (tabMessages.take(tabId, now)) return true;
  countDropped('messages', tabId, now);
  return false;
}

/** Forget a closed tab's rate state. */
export function forgetTab(tabId: number): void {
  tabMessages.forget(tabId);
}

/** Only what finalising needs of the page (keywords and the description are not used there). */
function storedFacts({ keywords: _k, description: _d, ...facts }: PageFacts): PageFacts {
  return facts;
}

export async function handleCapture(msg: ContentMessage, from: From, deps: CaptureDeps): Promise<void> {
  const now = deps.now();
  const resolved = await loadSettings();
  const ended = await withTab(from.tabId, async (tab) => {
    const ended: Session[] = [];
    if (msg.type === 'reading') {
      const slot = readingSlot(from.tabId, from.frameId);
      const e = msg.event;
      const open = tab.open(slot);
      if (e.type === 'start') {
        if (open) ended.push(await tab.end(open, now));
        if (await allowed(resolved, [from.tabUrl, e.url], 'article', from.incognito, now)) {
          await tab.save(
            {
              kind: 'reading',
              tabId: from.tabId,
              frameId: from.frameId,
              tabUrl: from.tabUrl,
              lastEventAt: now,
              statementId: crypto.randomUUID(),
              state: reduceReading(createReadingState(), e),
            },
            now,
          );
        }
        return ended;
      }
      if (open?.kind !== 'reading') return ended;
      const next = { ...open, state: reduceReading(open.state, e), lastEventAt: now };
      if (e.type === 'end') ended.push(await tab.end(next, now));
      else await tab.save(next, now);
      return ended;
    }
    const slot = mediaSlot(from.tabId, from.frameId, msg.key);
    const e = msg.event;
    if ((e.type === 'seeking' || e.type === 'seeked') && !seeks.take(slot, now)) {
      countDropped('seeks', from.tabId, now);
      return ended;
    }
    if (e.type === 'loaded') {
      // The same element now plays something else: the previous item is finished.
      for (const s of tab.live())
        if (
          s.kind === 'media' &&
          s.frameId === from.frameId &&
          s.element === msg.element &&
          s.key !== msg.key
        )
          ended.push(await tab.end(s, now));
      if (
        !tab.open(slot) &&
        (await allowed(resolved, [from.tabUrl, msg.page.url], e.kind, from.incognito, now))
      ) {
        await tab.save(
          {
            kind: 'media',
            tabId: from.tabId,
            frameId: from.frameId,
            tabUrl: from.tabUrl,
            lastEventAt: now,
            statementId: crypto.randomUUID(),
            element: msg.element,
            key: msg.key,
            page: storedFacts(msg.page),
            state: reduceMedia(createMediaState(), e),
          },
          now,
        );
      }
      return ended;
    }
    const open = tab.open(slot);
    if (open?.kind !== 'media') return ended;
    const next = {
      ...open,
      state: reduceMedia(open.state, e),
      page: storedFacts(msg.page),
      lastEventAt: now,
    };
    if (e.type === 'ended') ended.push(await tab.end(next, now));
    else await tab.save(next, now);
    return ended;
  });
  await completeFinishing(ended, deps);
}

/** Finalise the sessions `pick` selects (tab closed, navigated away, inactive, browser restarted). */
export async function finishSessions(pick: (s: Session) => boolean, deps: CaptureDeps): Promise<void> {
  const tabs = new Set((await allSessions()).filter((s) => !s.finishing && pick(s)).map((s) => s.tabId));
  await Promise.all(
    [...tabs].map(async (tabId) => {
      const ended = await withTab(tabId, async (tab) => {
        const now = deps.now();
        const out: Session[] = [];
        for (const s of tab.live()) if (pick(s)) out.push(await tab.end(s, now));
        return out;
      });
      await completeFinishing(ended, deps);
    }),
  );
}

/**
 * The capture handler: content-script events in, persisted sessions, finished sessions out to the outbox.
 * A session starts only where the policy allows capture (domain lists, sensitive sites, kinds, pause,
 * private windows) and is checked again when it is finalised.
 */
import { createMediaState, createReadingState, reduceMedia, reduceReading } from '../../shared/capture';
import {
  captureDecision,
  syncDestinations,
  type CaptureKind,
  type ResolvedSettings,
} from '../../shared/policy';
import type { Outbox } from '../../shared/outbox';
import type { ContentMessage } from '../platform/messages';
import { getLocal } from '../platform/storage';
import { finaliseSession } from './finalise';
import {
  mediaSessionId,
  readingSessionId,
  takeSessions,
  updateSessions,
  type Session,
  type Sessions,
} from './sessions';
import { currentActor, loadSettings } from './settings';

export interface CaptureDeps {
  outbox: Outbox;
  now: () => number;
  version: string;
  /** Called after items were queued (to schedule a sync). */
  onQueued: () => Promise<void>;
}

export interface From {
  tabId: number;
  frameId: number;
  tabUrl: string;
  incognito: boolean;
}

async function allowed(
  resolved: ResolvedSettings,
  urls: string[],
  kind: CaptureKind,
  incognito: boolean,
  now: number,
) {
  const pausedUntil = await getLocal('pausedUntil');
  return urls.every(
    (url) => captureDecision(url, resolved.settings, { incognito, pausedUntil, now, kind }).capture,
  );
}

export async function handleCapture(msg: ContentMessage, from: From, deps: CaptureDeps): Promise<void> {
  const now = deps.now();
  const resolved = await loadSettings();
  const finished = await updateSessions(async (sessions) => {
    if (msg.type === 'reading') {
      const id = readingSessionId(from.tabId, from.frameId);
      const e = msg.event;
      if (e.type === 'start') {
        const done = takeSessions(sessions, (_s, sid) => sid === id);
        if (await allowed(resolved, [from.tabUrl, e.url], 'article', from.incognito, now)) {
          sessions[id] = {
            kind: 'reading',
            tabId: from.tabId,
            frameId: from.frameId,
            tabUrl: from.tabUrl,
            lastEventAt: now,
            state: reduceReading(createReadingState(), e),
          };
        }
        return done;
      }
      const s = sessions[id];
      if (s?.kind !== 'reading') return [];
      s.state = reduceReading(s.state, e);
      s.lastEventAt = now;
      return e.type === 'end' ? takeSessions(sessions, (_x, sid) => sid === id) : [];
    }
    const id = mediaSessionId(from.tabId, from.frameId, msg.key);
    const e = msg.event;
    if (e.type === 'loaded') {
      // The same element now plays something else: the previous item is finished.
      const done = takeSessions(
        sessions,
        (s) =>
          s.kind === 'media' &&
          s.tabId === from.tabId &&
          s.frameId === from.frameId &&
          s.element === msg.element &&
          s.key !== msg.key,
      );
      if (
        !sessions[id] &&
        (await allowed(resolved, [from.tabUrl, msg.page.url], e.kind, from.incognito, now))
      ) {
        sessions[id] = {
          kind: 'media',
          tabId: from.tabId,
          frameId: from.frameId,
          tabUrl: from.tabUrl,
          lastEventAt: now,
          element: msg.element,
          key: msg.key,
          page: msg.page,
          state: reduceMedia(createMediaState(), e),
        };
      }
      return done;
    }
    const s = sessions[id];
    if (s?.kind !== 'media') return [];
    s.state = reduceMedia(s.state, e);
    s.page = msg.page;
    s.lastEventAt = now;
    return e.type === 'ended' ? takeSessions(sessions, (_x, sid) => sid === id) : [];
  });
  await queueFinished(finished, resolved, deps);
}

/** Finalise the sessions `pick` selects (tab closed, navigated away, inactive, browser restarted). */
export async function finishSessions(pick: (s: Session) => boolean, deps: CaptureDeps): Promise<void> {
  const finished = await updateSessions((sessions: Sessions) => takeSessions(sessions, pick));
  if (finished.length) await queueFinished(finished, await loadSettings(), deps);
}

async function queueFinished(
  finished: Session[],
  resolved: ResolvedSettings,
  deps: CaptureDeps,
): Promise<void> {
  if (finished.length === 0) return;
  const now = deps.now();
  const actor = await currentActor(resolved);
  const pausedUntil = await getLocal('pausedUntil');
  // Paused or switched off since the session started: nothing from it is kept.
  if ((pausedUntil !== undefined && now < pausedUntil) || !resolved.settings.capture.enabled) return;
  const items = finished
    .map((s) => finaliseSession(s, { settings: resolved.settings, actor, now, version: deps.version }))
    .filter((x) => x !== undefined);
  if (items.length === 0) return;
  await deps.outbox.enqueue(
    items,
    now,
    syncDestinations(resolved).map((d) => d.id),
  );
  await deps.onQueued();
}

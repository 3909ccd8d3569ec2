/**
 * Open capture sessions, one per frame's article and per media item, persisted after every event so a
 * stopped service worker loses nothing (Chrome stops it after 30 s idle). Updates are serialised: the
 * worker handles messages concurrently and each update is a read-modify-write of one storage key.
 */
import type { MediaState, ReadingState } from '../../shared/capture';
import type { PageFacts } from '../platform/messages';
import { getLocal, setLocal } from '../platform/storage';

interface SessionBase {
  tabId: number;
  frameId: number;
  /** Top-level page URL when the session started (a different URL later means the tab navigated away). */
  tabUrl: string;
  /** Wall time of the last event, for the inactivity sweep. */
  lastEventAt: number;
}

export interface ReadingSession extends SessionBase {
  kind: 'reading';
  state: ReadingState;
}

export interface MediaSession extends SessionBase {
  kind: 'media';
  element: string;
  key: string;
  state: MediaState;
  page: PageFacts;
}

export type Session = ReadingSession | MediaSession;
export type Sessions = Record<string, Session>;

export const readingSessionId = (tabId: number, frameId: number) => `${tabId}:${frameId}:reading`;
export const mediaSessionId = (tabId: number, frameId: number, key: string) =>
  `${tabId}:${frameId}:media:${key}`;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `fn` on the stored sessions and store what it leaves. `fn` returns the sessions it removed (to finalise
 * them after the update is saved). One update at a time.
 */
export function updateSessions<T>(fn: (sessions: Sessions) => T | Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const sessions = (await getLocal('sessions')) ?? {};
    const result = await fn(sessions);
    await setLocal('sessions', sessions);
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Remove and return the sessions matching `pick`. */
export function takeSessions(sessions: Sessions, pick: (s: Session, id: string) => boolean): Session[] {
  const taken: Session[] = [];
  for (const [id, s] of Object.entries(sessions)) {
    if (pick(s, id)) {
      taken.push(s);
      delete sessions[id];
    }
  }
  return taken;
}

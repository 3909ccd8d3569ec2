/**
 * Open capture sessions, one per frame's article, per media item and per PDF tab. Each is stored under a key of
 * its own (`session:<statement id>`) after every event that changes it, so a stopped service worker loses nothing
 * (Chrome stops it after 30 s idle) and an event costs one small write, not a rewrite of every session.
 *
 * The worker keeps a copy of the stored sessions in memory (read once per worker, the background being their only
 * writer) and runs each tab's updates one at a time: a flood in one tab never waits for another tab's work, nor
 * makes it wait. Caps (limits.ts) bound how many sessions a tab, and the extension, may hold.
 *
 * A session that ended is marked `finishing` before it is turned into an item (finish.ts), and removed only
 * after its item is in the outbox: a worker stopped in between finds it at its next start.
 */
import type { MediaState, ReadingState } from '../../shared/capture';
import type { PdfState } from '../../shared/capture/pdf';
import type { PageFacts } from '../platform/content-messages';
import { getLocal, getPrefixed, removeKeys, setKeys } from '../platform/storage';
import { countDropped, LIMITS } from './limits';

interface SessionBase {
  tabId: number;
  frameId: number;
  /** Top-level page URL when the session started (a different URL later means the tab navigated away). */
  tabUrl: string;
  /** Wall time of the last event, for the inactivity sweep. */
  lastEventAt: number;
  /** Fixed when the session starts: however often its finalisation is retried, it makes one statement. */
  statementId: string;
  /** Set when the session ended; `at` is the end used for its verdict. Cleared only by removing the session. */
  finishing?: { at: number; attempts: number; lastError?: string };
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

/** A PDF shown in the browser's own viewer: measured from the tab (pdf.ts), no content script involved. */
export interface PdfSession extends SessionBase {
  kind: 'pdf';
  windowId: number;
  state: PdfState;
}

export type Session = ReadingSession | MediaSession | PdfSession;

export const SESSION_PREFIX = 'session:';
const storageKey = (s: Pick<SessionBase, 'statementId'>) => `${SESSION_PREFIX}${s.statementId}`;

/** Where a session sits in its tab: one open session per slot (a new one there ends the old one). */
export function slotOf(s: Session): string {
  switch (s.kind) {
    case 'reading':
      return readingSlot(s.tabId, s.frameId);
    case 'media':
      return mediaSlot(s.tabId, s.frameId, s.key);
    case 'pdf':
      return pdfSlot(s.tabId);
  }
}
export const readingSlot = (tabId: number, frameId: number) => `${tabId}:${frameId}:reading`;
export const mediaSlot = (tabId: number, frameId: number, key: string) => `${tabId}:${frameId}:media:${key}`;
export const pdfSlot = (tabId: number) => `${tabId}:pdf`;

let loading: Promise<Map<string, Session>> | undefined;

/** The worker's copy of the stored sessions, by statement id: loaded (and migrated) once per worker. */
function sessions(): Promise<Map<string, Session>> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined; // try again at the next event
    throw err;
  });
  return loading;
}

async function load(): Promise<Map<string, Session>> {
  const stored = await getPrefixed<Session>(SESSION_PREFIX);
  const map = new Map<string, Session>();
  for (const s of stored.values()) map.set(s.statementId, s);
  const legacy = await getLocal('sessions');
  if (legacy && Object.keys(legacy).length > 0) {
    // The previous version's one map: each session gets its statement id now and a key of its own. The new keys
    // and the emptied map are written in one call, so a worker stopped here migrates nothing twice.
    const moved: Record<string, Session> = {};
    for (const old of Object.values(legacy)) {
      const s = { ...old, statementId: old.statementId ?? crypto.randomUUID() } as Session;
      moved[storageKey(s)] = s;
      map.set(s.statementId, s);
    }
    await setKeys({ ...moved, sessions: {} });
  }
  if (legacy) await removeKeys('sessions').catch(() => undefined); // empty by now: harmless if it stays
  return map;
}

/** Every stored session (open and finishing). */
export async function allSessions(): Promise<Session[]> {
  return [...(await sessions()).values()];
}

/** The open (not finishing) sessions of one tab, e.g. for the popup. */
export async function openSessionsOf(tabId: number): Promise<Session[]> {
  return [...(await sessions()).values()].filter((s) => s.tabId === tabId && !s.finishing);
}

const tails = new Map<number, Promise<unknown>>();

/** Run `fn` on one tab's sessions after that tab's earlier updates; other tabs run alongside. */
export function withTab<T>(tabId: number, fn: (tab: TabSessions) => T | Promise<T>): Promise<T> {
  const run = (tails.get(tabId) ?? Promise.resolve()).then(async () =>
    fn(new TabSessions(tabId, await sessions())),
  );
  const tail = run.catch(() => undefined);
  tails.set(tabId, tail);
  void tail.then(() => {
    if (tails.get(tabId) === tail) tails.delete(tabId);
  });
  return run;
}

/** One tab's sessions, inside `withTab`. Writes go to storage first, then to the worker's copy. */
export class TabSessions {
  constructor(
    readonly tabId: number,
    private readonly map: Map<string, Session>,
  ) {}

  /** The open session in `slot`, if any. */
  open(slot: string): Session | undefined {
    return this.live().find((s) => slotOf(s) === slot);
  }

  /** This tab's open sessions. */
  live(): Session[] {
    return [...this.map.values()].filter((s) => s.tabId === this.tabId && !s.finishing);
  }

  /**
   * Store a new or changed session. A new one is refused when the tab or the extension holds its cap of
   * sessions, a change when the session would grow past its size limit (the stored one stays as it was); both
   * are counted as dropped. Returns whether it was stored.
   */
  async save(s: Session, now: number): Promise<boolean> {
    if (!this.map.has(s.statementId)) {
      const ofTab = [...this.map.values()].filter((x) => x.tabId === this.tabId).length;
      if (ofTab >= LIMITS.sessionsPerTab || this.map.size >= LIMITS.sessionsTotal) {
        countDropped('sessions', this.tabId, now);
        return false;
      }
    }
    if (JSON.stringify(s).length > LIMITS.sessionChars) {
      countDropped('oversized', this.tabId, now);
      return false;
    }
    await setKeys({ [storageKey(s)]: s });
    this.map.set(s.statementId, s);
    return true;
  }

  /**
   * Mark a session finished at `at` and return it for finalisation. The mark is stored when it can be: if that
   * write fails (storage full), the session is finalised from memory all the same, and the stored one would be
   * ended again later under the same statement id.
   */
  async end(s: Session, at: number): Promise<Session> {
    const ended = { ...s, finishing: { at, attempts: 0 } } as Session;
    this.map.set(s.statementId, ended);
    await setKeys({ [storageKey(ended)]: ended }).catch((err: unknown) =>
      console.error('Trailnote capture: could not store a finished session (finalising it anyway):', err),
    );
    return ended;
  }
}

/**
 * Store a finishing session's retry count (outside its tab's queue: only the finisher touches it). The worker's
 * copy is updated first, so attempts are counted even while storage refuses writes.
 */
export async function saveFinishing(s: Session): Promise<void> {
  (await sessions()).set(s.statementId, s);
  await setKeys({ [storageKey(s)]: s });
}

/** Remove a session for good (after its item is in the outbox, or it did not count). */
export async function removeSession(s: Session): Promise<void> {
  await removeKeys(storageKey(s));
  (await sessions()).delete(s.statementId);
}

/** The sessions whose finalisation did not complete (a stopped worker, a failed step): to be retried. */
export async function finishingSessions(): Promise<Session[]> {
  return [...(await sessions()).values()].filter((s) => s.finishing);
}

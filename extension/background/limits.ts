/**
 * Bounds on what one tab can make the background do (issue 9: a hostile page floods the worker). Every capture
 * message is charged to its tab before it is even parsed; the excess is dropped and counted, never queued, so a
 * flooding tab costs the worker little and other tabs nothing. The counts are kept in `storage.local`
 * (`captureDropped`) for the popup or a debug view; each tab is named in the log once.
 */
import type { DroppedCounts } from '../platform/storage';
import { getLocal, setLocal } from '../platform/storage';

export const LIMITS = {
  /**
   * Messages per second a tab may send, and the burst it may save up. The detectors send a few per minute
   * (activity every 15 s, a media position every 5 s), a page loading a dozen players a few dozen at once.
   */
  messagesPerSecond: 20,
  messageBurst: 100,
  /** `seeking`/`seeked` of one media item: a click on the timeline sends two; a drag sends dozens. */
  seeksPerSecond: 2,
  seekBurst: 6,
  /** Open sessions per tab (each frame's article, each media item), and in all. */
  sessionsPerTab: 12,
  sessionsTotal: 64,
  /** One stored session, in characters of JSON (page facts are bounded by validate.ts). */
  sessionChars: 64 * 1024,
} as const;

/** A token bucket per key: `take` says whether one more event fits now. In memory: a new worker starts afresh. */
export class RateLimiter {
  private readonly buckets = new Map<string | number, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    /** Keys kept at most (the least recently refilled go first), so the limiter's own memory is bounded. */
    private readonly maxKeys = 1000,
  ) {}

  take(key: string | number, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.perSecond);
    const allowed = tokens >= 1;
    this.buckets.delete(key); // re-inserted last: Map order is then least recently used first
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }

  forget(key: string | number): void {
    this.buckets.delete(key);
  }
}

export type DropReason = keyof Omit<DroppedCounts, 'since' | 'lastAt'>;

/** How often the counts are written at most (a flood must not turn into a flood of storage writes). */
const SAVE_EVERY_MS = 2_000;
let pending: DroppedCounts | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const named = new Set<number>();

/** Count one dropped event of `tabId`; the first drop of each tab is logged (once per worker). */
export function countDropped(reason: DropReason, tabId: number, now: number): void {
  if (!named.has(tabId)) {
    named.add(tabId);
    console.warn(
      `Trailnote capture: tab ${tabId} exceeds the capture limits (${reason}); the excess is dropped.`,
    );
  }
  const counts = (pending ??= { messages: 0, seeks: 0, sessions: 0, oversized: 0, since: now, lastAt: now });
  counts[reason] += 1;
  counts.lastAt = now;
  saveTimer ??= setTimeout(() => void flushDropped(), SAVE_EVERY_MS);
}

/** Add the counts gathered since the last write to the stored ones. */
export async function flushDropped(): Promise<void> {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = undefined;
  const add = pending;
  pending = undefined;
  if (!add) return;
  const stored = await getLocal('captureDropped');
  const sum: DroppedCounts = stored
    ? {
        messages: stored.messages + add.messages,
        seeks: stored.seeks + add.seeks,
        sessions: stored.sessions + add.sessions,
        oversized: stored.oversized + add.oversized,
        since: stored.since,
        lastAt: add.lastAt,
      }
    : add;
  await setLocal('captureDropped', sum).catch((err: unknown) =>
    console.error('Trailnote capture: could not store the dropped-event counts:', err),
  );
}

/**
 * Long IndexedDB work in the service worker. Chrome stops an extension's service worker after 30 s without an
 * extension event or API call, and IndexedDB work is neither. A database an older version left is upgraded in one
 * IndexedDB transaction as it opens (shared/outbox/db.ts: seconds at 100,000 rows for a version 3 one, more for
 * versions 1 and 2, bench/results/upgrade.json), then its record is prepared for My learning in small batches
 * (shared/outbox/fill.ts), and a sync pass can be long (a slow LRS, a version 1 backlog queued page by page).
 * Stopped in the middle, an upgrade is aborted (nothing is lost) and the next worker starts it over; the batches
 * and pages resume where they were. So while such work runs, a cheap extension API call every 20 s keeps the
 * worker alive.
 */
import { browser } from 'wxt/browser';
import type { Outbox } from '../../shared/outbox';

export const KEEP_ALIVE_MS = 20_000;

type Ping = () => Promise<unknown>;
const platformInfo: Ping = () => browser.runtime.getPlatformInfo();

/** Runs `work`, keeping the worker alive until it settles. */
export async function keepAlive<T>(work: () => Promise<T>, ping: Ping = platformInfo): Promise<T> {
  const timer = setInterval(() => void ping().catch(() => undefined), KEEP_ALIVE_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Opens (and so upgrades) the outbox at start-up, then prepares the record an older version left, the worker kept
 * alive meanwhile. Capture and sync do not wait for the preparing. Never rejects.
 */
export async function openOutbox(
  outbox: Outbox,
  ping: Ping = platformInfo,
  now: () => number = Date.now,
): Promise<void> {
  const started = now();
  try {
    await keepAlive(() => outbox.db.open(), ping);
  } catch (err) {
    // Every later use of the outbox says so too; this is the one place that tells why, once.
    console.error('Trailnote: the outbox database could not be opened:', err);
    return;
  }
  const ms = now() - started;
  if (ms >= KEEP_ALIVE_MS)
    console.info(`Trailnote: the outbox database was upgraded in ${Math.round(ms / 1000)} s`);
  try {
    await keepAlive(() => outbox.prepareRecord(), ping);
  } catch (err) {
    // What was prepared is kept; the rest is prepared from there at the next start. My learning says so meanwhile.
    console.error("Trailnote: My learning's record could not be prepared:", err);
  }
}

/**
 * Long IndexedDB work in the service worker. Chrome stops an extension's service worker after 30 s without an
 * extension event or API call, and IndexedDB work is neither. A database an older version left is upgraded in one
 * IndexedDB transaction as it opens (shared/outbox/db.ts), which takes minutes at 100,000 rows
 * (bench/results/upgrade.json), and the first sync pass after a version 1 database queues its whole backlog in
 * one more (35 s at 100,000): stopped in the middle, the transaction is aborted (nothing is lost) and the next
 * worker starts it over, for ever. So while such work runs, a cheap extension API call every 20 s keeps the
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

/** Opens (and so upgrades) the outbox at start-up, the worker kept alive meanwhile. Never rejects. */
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
}

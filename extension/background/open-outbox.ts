/**
 * Opening the outbox in the service worker. A database an older version left is upgraded in one IndexedDB
 * transaction (shared/outbox/db.ts), which takes minutes at 100,000 rows (bench/results/upgrade.json). Chrome stops
 * an extension's service worker after 30 s without an extension event or API call, and IndexedDB work is neither:
 * stopped mid-upgrade, the transaction is aborted (nothing is lost) and the next worker starts it over, for ever.
 * So while the database opens, a cheap extension API call every 20 s keeps the worker alive.
 */
import { browser } from 'wxt/browser';
import type { Outbox } from '../../shared/outbox';

export const KEEP_ALIVE_MS = 20_000;

export async function openOutbox(
  outbox: Outbox,
  ping: () => Promise<unknown> = () => browser.runtime.getPlatformInfo(),
  now: () => number = Date.now,
): Promise<void> {
  const timer = setInterval(() => void ping().catch(() => undefined), KEEP_ALIVE_MS);
  const started = now();
  try {
    await outbox.db.open();
  } catch (err) {
    // Every later use of the outbox says so too; this is the one place that tells why, once.
    console.error('Trailnote: the outbox database could not be opened:', err);
  } finally {
    clearInterval(timer);
  }
  const ms = now() - started;
  if (ms >= KEEP_ALIVE_MS)
    console.info(`Trailnote: the outbox database was upgraded in ${Math.round(ms / 1000)} s`);
}

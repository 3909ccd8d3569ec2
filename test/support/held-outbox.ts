/**
 * An outbox whose opening is held back (shared/outbox/opening.ts): another connection at version 1 (Dexie's
 * native 10) that does not let go blocks the upgrade, as a long upgrade keeps a browser's open waiting. For the
 * pages' "still opening" message; `release` lets the open go on (the database is upgraded from that empty version 1).
 */
import { Outbox } from '../../shared/outbox';

export async function heldOutbox(): Promise<{ outbox: Outbox; release: () => void }> {
  const name = `held-${Math.random()}`;
  const old = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 10);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('items', { keyPath: 'id' });
      req.result.createObjectStore('meta', { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
  return { outbox: Outbox.open(name), release: () => old.close() };
}

/**
 * The learner's own settings, with the credentials of their own LRS kept apart: in the extension's IndexedDB,
 * which belongs to the extension's origin, where no content script can reach (content scripts can read
 * `storage.local`). `storage.local` keeps the rest of the document. A document stored by an earlier version with
 * its secrets in `storage.local` is migrated on first read: secrets written here first, then removed there.
 */
import type { PolicyDocument } from '../../shared/policy';
import { isRecord } from '../../shared/guards';
import { getLocal, setLocal } from './storage';

type Secret = { id: string; username?: string; password?: string; token?: string };
const SECRET_KEYS = ['username', 'password', 'token'] as const;
const DB_NAME = 'trailnote-secrets';
const STORE = 'secrets';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(req);
}

async function readSecrets(): Promise<Map<string, Secret>> {
  const db = await openDb();
  try {
    const all = await request(
      db.transaction(STORE, 'readonly').objectStore(STORE).getAll() as IDBRequest<Secret[]>,
    );
    return new Map(all.map((s) => [s.id, s]));
  } finally {
    db.close();
  }
}

async function writeSecrets(secrets: readonly Secret[]): Promise<void> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    store.clear();
    for (const s of secrets) store.put(s);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('could not store the credentials'));
    });
  } finally {
    db.close();
  }
}

/** The document without credentials, and the credentials by destination id. */
function split(doc: PolicyDocument): { bare: PolicyDocument; secrets: Secret[] } {
  if (!Array.isArray(doc.destinations)) return { bare: doc, secrets: [] };
  const secrets: Secret[] = [];
  const destinations = (doc.destinations as unknown[]).map((d) => {
    if (!isRecord(d) || typeof d.id !== 'string') return d;
    const secret: Secret = { id: d.id };
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d)) {
      if ((SECRET_KEYS as readonly string[]).includes(k) && typeof v === 'string')
        secret[k as (typeof SECRET_KEYS)[number]] = v;
      else rest[k] = v;
    }
    if (Object.keys(secret).length > 1) secrets.push(secret);
    return rest;
  });
  return { bare: { ...doc, destinations } as PolicyDocument, secrets };
}

const hasSecrets = (doc: unknown): boolean =>
  isRecord(doc) &&
  Array.isArray(doc.destinations) &&
  doc.destinations.some((d) => isRecord(d) && SECRET_KEYS.some((k) => k in d));

/** The learner's settings as stored, credentials included (for the background only; never sent to a page). */
export async function getLearnerSettings(): Promise<PolicyDocument | undefined> {
  const stored = await getLocal('learnerSettings');
  if (hasSecrets(stored)) {
    await setLearnerSettings(stored!); // migration from storage.local: moved, then deleted there
    return stored;
  }
  if (!isRecord(stored) || !Array.isArray(stored.destinations)) return stored;
  const secrets = await readSecrets();
  return {
    ...stored,
    destinations: (stored.destinations as unknown[]).map((d) => {
      const secret = isRecord(d) && typeof d.id === 'string' ? secrets.get(d.id) : undefined;
      if (!secret) return d;
      const { id: _id, ...fields } = secret;
      return { ...(d as Record<string, unknown>), ...fields };
    }),
  } as PolicyDocument;
}

/** Store the learner's settings: credentials in IndexedDB, the rest in storage.local. */
export async function setLearnerSettings(doc: PolicyDocument): Promise<void> {
  const { bare, secrets } = split(doc);
  const before = JSON.stringify([...(await readSecrets()).values()].sort((a, b) => a.id.localeCompare(b.id)));
  await writeSecrets(secrets);
  await setLocal('learnerSettings', bare);
  // storage.local's change event is how the background learns settings changed; a new key alone changes nothing
  // there, so say so.
  if (JSON.stringify([...secrets].sort((a, b) => a.id.localeCompare(b.id))) !== before)
    await setLocal('secretsVersion', Date.now());
}

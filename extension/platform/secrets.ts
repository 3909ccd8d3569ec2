/**
 * The learner's own settings, with the credentials of their own LRS kept apart: in the extension's IndexedDB,
 * which belongs to the extension's origin, where no content script can reach (content scripts can read
 * `storage.local`). `storage.local` keeps the rest of the document. A document stored by an earlier version with
 * its secrets in `storage.local` is migrated on first read: secrets written here first, then removed there.
 * Every write keeps a secret in at least one of the two places at each step, so a full disk (or any refused
 * write) can delay a change or the move, never lose a credential.
 */
import type { PolicyDocument } from '../../shared/policy';
import { isRecord } from '../../shared/guards';
import { isQuotaError } from '../../shared/outbox';
import { getLocal, setKeys } from './storage';

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
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('could not store the credentials'));
    });
    const store = tx.objectStore(STORE);
    try {
      store.clear();
      for (const s of secrets) store.put(s);
    } catch (err) {
      // A write refused at once (a full disk, a value that cannot be stored) must not let the clear commit alone.
      done.catch(() => undefined);
      tx.abort();
      throw err;
    }
    await done;
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

/** Said when the learner's settings could not be stored: the disk is full, or storage refused the write. */
export function settingsNotSavedMessage(err: unknown): string {
  return isQuotaError(err)
    ? 'Storage is full: your settings could not be saved. Free space on this device, then save them again.'
    : `Your settings could not be saved (${err instanceof Error ? err.message : String(err)}). Try again.`;
}

/** Said (logged) when secrets an earlier version left in storage.local could not be moved yet. */
export const SECRETS_NOT_MOVED =
  'Trailnote: your LRS credentials could not be moved out of storage.local yet (where content scripts can read them); they keep working from there, and the move is tried again in a minute.';

/** After a move that failed, the next try waits this long (settings are read for every capture event). */
export const SECRETS_MOVE_RETRY_MS = 60_000;
let nextMoveAt = 0;

/** The learner's settings as stored, credentials included (for the background only; never sent to a page). */
export async function getLearnerSettings(now = Date.now()): Promise<PolicyDocument | undefined> {
  const stored = await getLocal('learnerSettings');
  if (hasSecrets(stored)) {
    // Migration from storage.local: moved, then deleted there. Until that succeeds the old copy is the one used,
    // and a later read tries again (a full disk must not stop capture nor lose the secret).
    if (now < nextMoveAt) return stored;
    try {
      await setLearnerSettings(stored!);
      nextMoveAt = 0;
    } catch (err) {
      nextMoveAt = now + SECRETS_MOVE_RETRY_MS;
      console.warn(SECRETS_NOT_MOVED, err);
    }
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

const byId = (list: Iterable<Secret>) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/**
 * Store the learner's settings: credentials in IndexedDB, the rest in storage.local. In three steps, so that a
 * refused write leaves a working pair behind: (1) the new credentials are added to the old ones, (2) the document
 * is written (with secretsVersion, in one call), (3) credentials the document no longer names are dropped. When
 * (1) or (2) fails the old credentials are put back and an Error with a clear message is thrown; when only (3)
 * fails the settings are saved and the unused credentials are dropped by the next save.
 */
export async function setLearnerSettings(doc: PolicyDocument): Promise<void> {
  const { bare, secrets } = split(doc);
  const before = await readSecrets();
  const changed = JSON.stringify(byId(secrets)) !== JSON.stringify(byId(before.values()));
  try {
    if (changed)
      await writeSecrets([...new Map([...before, ...secrets.map((x) => [x.id, x] as const)]).values()]);
    // storage.local's change event is how the background learns settings changed; a new key alone changes
    // nothing there, so secretsVersion says so.
    await setKeys(
      changed ? { learnerSettings: bare, secretsVersion: Date.now() } : { learnerSettings: bare },
    );
  } catch (err) {
    if (changed) {
      await writeSecrets([...before.values()]).catch((undo: unknown) =>
        console.warn('Trailnote: could not put the previous credentials back:', undo),
      );
    }
    throw new Error(settingsNotSavedMessage(err), { cause: err });
  }
  if (changed) {
    await writeSecrets(secrets).catch((err: unknown) =>
      console.warn('Trailnote: credentials no longer used are dropped at the next save:', err),
    );
  }
}

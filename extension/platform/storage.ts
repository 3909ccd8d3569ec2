/**
 * The one storage module: typed keys over `browser.storage.local` (survives service-worker and browser
 * restarts). Nothing the extension needs lives only in a module variable.
 */
import { browser } from 'wxt/browser';
import type { PolicyDocument } from '../../shared/policy';
import type { Session } from '../background/sessions';

export interface LocalSchema {
  /** Random id made once per install: the pseudonymous actor's account name (docs/xapi-profile.md § actor). */
  installId: string;
  /**
   * The learner's own settings, policy-shaped (docs/policy.md: learners import the same shape), without the
   * credentials of their own LRS: those are in IndexedDB (platform/secrets.ts), out of content scripts' reach.
   */
  learnerSettings: PolicyDocument;
  /** Bumped when those credentials change, so the settings-change listener hears of it. */
  secretsVersion: number;
  /** Capture paused until this instant (ms). */
  pausedUntil: number;
  /**
   * Before 0.x all open capture sessions lived in this one map, rewritten on every event; now each session has a
   * key of its own (`session:<statement id>`, extension/background/sessions.ts), and a stored map is migrated.
   */
  sessions: Record<string, Omit<Session, 'statementId'> & { statementId?: string }>;
  /** Capture events dropped for exceeding the limits (extension/background/limits.ts), for the popup or debugging. */
  captureDropped: DroppedCounts;
  /** Sessions that could not become items after every retry: kept whole, with the error, never silently lost. */
  captureProblems: CaptureProblem[];
  /** Since when the disk has refused new items (shared/outbox/quota.ts), so the status outlives the worker. */
  storageFullSince: number;
  /** The last policy problems found, for the options page. */
  policyIssues: Array<{ path: string; message: string; source?: string }>;
}

export interface DroppedCounts {
  /** Messages over a tab's rate. */
  messages: number;
  /** `seeking`/`seeked` over one media item's rate. */
  seeks: number;
  /** New sessions refused: a tab's or the extension's cap of open sessions reached. */
  sessions: number;
  /** Session updates refused because the stored session would grow past its size limit. */
  oversized: number;
  since: number;
  lastAt: number;
}

export interface CaptureProblem {
  at: number;
  error: string;
  session: Session;
}

export async function getLocal<K extends keyof LocalSchema>(key: K): Promise<LocalSchema[K] | undefined> {
  const got = await browser.storage.local.get(key);
  return got[key] as LocalSchema[K] | undefined;
}

export async function setLocal<K extends keyof LocalSchema>(key: K, value: LocalSchema[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

/** Every stored value whose key starts with `prefix` (keys are the extension's own: a short scan). */
export async function getPrefixed<T>(prefix: string): Promise<Map<string, T>> {
  const all = await browser.storage.local.get(null);
  return new Map(Object.entries(all).filter(([k]) => k.startsWith(prefix)) as Array<[string, T]>);
}

/** Write several keys in one call (the browser stores them together or not at all). */
export async function setKeys(values: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set(values);
}

export async function removeKeys(keys: string | string[]): Promise<void> {
  await browser.storage.local.remove(keys);
}

/** The managed (enterprise policy) document, or undefined where the browser has none or no managed storage. */
export async function getManaged(): Promise<Record<string, unknown> | undefined> {
  try {
    const doc = await browser.storage.managed.get(null);
    return Object.keys(doc).length ? doc : undefined;
  } catch {
    // Firefox rejects when no policy names this extension; some browsers lack managed storage.
    return undefined;
  }
}

/**
 * Whether a `storage.onChanged` event may change the resolved settings: the organisation's policy (managed) or
 * the learner's own settings.
 */
export function settingsChanged(changes: Record<string, unknown>, area: string): boolean {
  return (
    area === 'managed' || (area === 'local' && ('learnerSettings' in changes || 'secretsVersion' in changes))
  );
}

/**
 * The one storage module: typed keys over `browser.storage.local` (survives service-worker and browser
 * restarts). Nothing the extension needs lives only in a module variable.
 */
import { browser } from 'wxt/browser';
import type { PolicyDocument } from '../../shared/policy';
import type { Session } from '../background/sessions';

export interface LocalSchema {
  /** Random id made once per install: the pseudonymous actor's account name (xapi-profile.md § actor). */
  installId: string;
  /** The learner's own settings, policy-shaped (POLICY.md: learners import the same shape). */
  learnerSettings: PolicyDocument;
  /** Capture paused until this instant (ms). */
  pausedUntil: number;
  /** Open capture sessions per tab and frame, persisted after every event. */
  sessions: Record<string, Session>;
  /** The last policy problems found, for the options page. */
  policyIssues: Array<{ path: string; message: string; source?: string }>;
}

export async function getLocal<K extends keyof LocalSchema>(key: K): Promise<LocalSchema[K] | undefined> {
  const got = await browser.storage.local.get(key);
  return got[key] as LocalSchema[K] | undefined;
}

export async function setLocal<K extends keyof LocalSchema>(key: K, value: LocalSchema[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
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
  return area === 'managed' || (area === 'local' && 'learnerSettings' in changes);
}

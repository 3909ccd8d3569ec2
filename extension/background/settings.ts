/**
 * Effective settings: the managed policy (enterprise policy / Firefox policies.json) enforced over the
 * learner's own settings, validated with shared/policy. Invalid keys are ignored and their messages kept
 * for the options page; capture never stops because of a bad document. Also each layer's document on its own
 * (the options page's state, import and export).
 */
import {
  learnerActor,
  resolveSettings,
  validatePolicy,
  type DestinationEntry,
  type PolicyDocument,
  type ResolvedSettings,
} from '../../shared/policy';
import { isQuotaError, OutboxFullError, type Outbox } from '../../shared/outbox';
import type { XapiAgent } from '../../shared/xapi';
import { getLearnerSettings } from '../platform/secrets';
import { getLocal, getManaged, setLocal } from '../platform/storage';
import { noteStorageFull } from './badge';

/** The `source` of each layer's issues: the options page tells the learner which are whose. */
export const ORGANISATION_SOURCE = 'organisation policy';
export const LEARNER_SOURCE = 'your settings';

export async function loadSettings(): Promise<ResolvedSettings> {
  const managed = validatePolicy(await getManaged(), ORGANISATION_SOURCE);
  const learner = validatePolicy(await getLearnerSettings(), LEARNER_SOURCE);
  // Runs for every capture event: store the problems only when they changed. Best effort: on a full disk the
  // settings still resolve (capture and sync go on), and the problems are stored at a later load.
  const issues = [...managed.issues, ...learner.issues];
  if (JSON.stringify(issues) !== JSON.stringify((await getLocal('policyIssues')) ?? []))
    await setLocal('policyIssues', issues).catch((err: unknown) =>
      console.warn('Trailnote: could not store the settings problems for the options page:', err),
    );
  return resolveSettings({ enforced: managed.document, learner: learner.document });
}

/** A capture that needs the install id: its outbox shows a full disk that refuses to store the id. */
export interface CaptureAt {
  outbox: Outbox;
  now: number;
}

/**
 * This install's id, made and stored once. A full disk at first run refuses to store it; an id kept in memory
 * only would give the learner another pseudonym after each worker restart (two accounts for one person), so
 * what needs it is refused as a full outbox refuses a new item: OutboxFullError (one message) and, for a
 * capture, the outbox's full-disk status (popup and badge). Nothing is lost: a session waits for space
 * (finish.ts), and the first capture once there is room stores the id.
 */
export async function installId(capture?: CaptureAt): Promise<string> {
  const existing = await getLocal('installId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  try {
    await setLocal('installId', id);
  } catch (err) {
    if (!isStorageFull(err)) throw err;
    if (capture) noteStorageFull(capture.outbox, capture.now);
    throw new OutboxFullError();
  }
  return id;
}

/**
 * storage.local's full disk: a QuotaExceededError (Firefox keeps it in IndexedDB), or Chromium's error
 * message (its quota, or LevelDB's "No space left on device").
 */
function isStorageFull(err: unknown): boolean {
  return isQuotaError(err) || (err instanceof Error && /quota|no space left/i.test(err.message));
}

/** The xAPI actor (shared/policy learnerActor) with this install's stored id. */
export async function currentActor(resolved: ResolvedSettings, capture?: CaptureAt): Promise<XapiAgent> {
  return learnerActor(resolved, await installId(capture));
}

/** The learner's own stored document (credentials included, for the background only), validated as layered. */
export async function ownDocument(): Promise<PolicyDocument> {
  return validatePolicy(await getLearnerSettings(), LEARNER_SOURCE).document;
}

/** The organisation's managed document, validated. */
export async function organisationDocument(): Promise<PolicyDocument> {
  return validatePolicy(await getManaged(), ORGANISATION_SOURCE).document;
}

/** The learner's document and their own destinations in it. */
export async function learnerDestinations(): Promise<{ stored: PolicyDocument; list: DestinationEntry[] }> {
  const stored = await ownDocument();
  return { stored, list: stored.destinations ?? [] };
}

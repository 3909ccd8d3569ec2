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
import type { XapiAgent } from '../../shared/xapi';
import { getLearnerSettings } from '../platform/secrets';
import { getLocal, getManaged, setLocal } from '../platform/storage';

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

export async function installId(): Promise<string> {
  const existing = await getLocal('installId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await setLocal('installId', id);
  return id;
}

/** The xAPI actor (shared/policy learnerActor) with this install's stored id. */
export async function currentActor(resolved: ResolvedSettings): Promise<XapiAgent> {
  return learnerActor(resolved, await installId());
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

/**
 * Effective settings: the managed policy (enterprise policy / Firefox policies.json) enforced over the
 * learner's own settings, validated with shared/policy. Invalid keys are ignored and their messages kept
 * for the options page; capture never stops because of a bad document.
 */
import { resolveSettings, validatePolicy, type ResolvedSettings } from '../../shared/policy';
import { actorFor, isIdentified, type XapiAgent } from '../../shared/xapi';
import { DEFAULT_ACCOUNT_HOME_PAGE } from '../../shared/xapi/vocab';
import { getLocal, getManaged, setLocal } from '../platform/storage';
import type { DestinationConfig } from '../../shared/sync';
import { destinationCredentials } from '../../shared/policy';

/** The `source` of each layer's issues: the options page tells the learner which are whose. */
export const ORGANISATION_SOURCE = 'organisation policy';
export const LEARNER_SOURCE = 'your settings';

export async function loadSettings(): Promise<ResolvedSettings> {
  const managed = validatePolicy(await getManaged(), ORGANISATION_SOURCE);
  const learner = validatePolicy(await getLocal('learnerSettings'), LEARNER_SOURCE);
  // Runs for every capture event: store the problems only when they changed.
  const issues = [...managed.issues, ...learner.issues];
  if (JSON.stringify(issues) !== JSON.stringify((await getLocal('policyIssues')) ?? []))
    await setLocal('policyIssues', issues);
  return resolveSettings({ enforced: managed.document, learner: learner.document });
}

export async function installId(): Promise<string> {
  const existing = await getLocal('installId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await setLocal('installId', id);
  return id;
}

/** The xAPI actor: the configured learner, or the pseudonymous per-install account (xapi-profile.md). */
export async function currentActor(resolved: ResolvedSettings): Promise<XapiAgent> {
  const learner = resolved.settings.learner;
  return actorFor(learner, {
    homePage: learner.accountHomePage ?? DEFAULT_ACCOUNT_HOME_PAGE,
    name: await installId(),
  });
}

/** Sending waits while the policy demands an identified learner and none is configured (POLICY.md). */
export function maySend(resolved: ResolvedSettings): boolean {
  return !resolved.settings.learner.mustIdentify || isIdentified(resolved.settings.learner);
}

/** Destinations as the sync engine needs them; credentials stay in the background. */
export function syncDestinations(resolved: ResolvedSettings): DestinationConfig[] {
  return resolved.settings.destinations.map((d) => ({
    id: d.id,
    name: d.name,
    endpoint: d.endpoint,
    credentials: destinationCredentials(d) ?? { kind: 'none' },
    xapiVersion: d.xapiVersion,
  }));
}

/**
 * Who statements are said by, and whether they may go yet (docs/policy.md `learner`, `learner.mustIdentify`). Both
 * apps use these rules, so a learner configured alike is one Agent whichever surface captured (docs/xapi-profile.md
 * § Every statement, `actor`). The install id is each app's to store.
 */
import { actorFor, isIdentified } from '../xapi/actor';
import type { XapiAgent } from '../xapi/types';
import type { ResolvedSettings } from './types';

/** The xAPI actor: the configured learner, or the pseudonymous per-install account (docs/xapi-profile.md). */
export function learnerActor(resolved: ResolvedSettings, installId: string): XapiAgent {
  const learner = resolved.settings.learner;
  // actorFor falls back to DEFAULT_ACCOUNT_HOME_PAGE when the learner sets no account home page.
  return actorFor(learner, { homePage: learner.accountHomePage, name: installId });
}

/** The pseudonymous per-install account, whatever the learner's identity (what `learnerActor` gives until they identify). */
export function pseudonymActor(resolved: ResolvedSettings, installId: string): XapiAgent {
  return actorFor({}, { homePage: resolved.settings.learner.accountHomePage, name: installId });
}

/** Sending waits while the policy demands an identified learner and none is configured (docs/policy.md). */
export function maySend(resolved: ResolvedSettings): boolean {
  return !resolved.settings.learner.mustIdentify || isIdentified(resolved.settings.learner);
}

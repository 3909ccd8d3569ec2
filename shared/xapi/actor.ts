// The learner as an xAPI Agent with exactly one inverse functional identifier (docs/xapi-profile.md § Every statement,
// `actor`; docs/policy.md § Meaning, `learner`). The extension and the desktop app call the same function with the
// same policy, so a learner configured alike is one Agent in the LRS.
import type { XapiAgent } from './types';
import { DEFAULT_ACCOUNT_HOME_PAGE } from './vocab';
import { isHttpUrl } from './url';

/** docs/policy.md `learner` (without `mustIdentify`, which is the sync engine's business). */
export interface LearnerIdentity {
  name?: string;
  email?: string;
  accountHomePage?: string;
  accountName?: string;
}

/** The per-install pseudonymous account used until the learner identifies. */
export interface Pseudonym {
  /** The configured account home page; missing or not an http(s) URL → DEFAULT_ACCOUNT_HOME_PAGE. */
  homePage?: string;
  /** A `newInstallId()`, persisted by the caller. */
  name: string;
}

// Learning Locker's own mailto pattern (xapi-validation): a looser check here would let through addresses the
// LRS answers with 400, and the statement would sit in quarantine forever. Such an address is ignored instead.
const MAILTO_ADDRESS = /^[A-Z0-9.`'_%+-]+@[A-Z0-9.-]+\.[A-Z]{1,63}$/i;

/** `mailto:<trimmed, lower-cased address>`, or undefined when the address would not pass an LRS. */
export function mboxFor(email: string | undefined): string | undefined {
  if (typeof email !== 'string') return undefined;
  const address = email.trim().toLowerCase();
  return MAILTO_ADDRESS.test(address) ? `mailto:${address}` : undefined;
}

function accountOf(identity: LearnerIdentity | undefined): { homePage: string; name: string } | undefined {
  const homePage = identity?.accountHomePage?.trim();
  const name = identity?.accountName?.trim();
  if (!homePage || !name || !isHttpUrl(homePage)) return undefined;
  return { homePage, name };
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}

/** Whether the identity yields a real IFI (a usable e-mail, or a complete account), not the pseudonym. */
export function isIdentified(identity: LearnerIdentity | undefined): boolean {
  return mboxFor(identity?.email) !== undefined || accountOf(identity) !== undefined;
}

/**
 * The statement actor. Precedence: e-mail (`mbox`), then account (`accountHomePage` + `accountName`), then the
 * pseudonymous per-install account. `name` is added whenever known; it is not an identifier, so it never
 * replaces one.
 */
export function actorFor(identity: LearnerIdentity | undefined, pseudonym: Pseudonym): XapiAgent {
  const name = nonEmpty(identity?.name);
  const named = name === undefined ? {} : { name };

  const mbox = mboxFor(identity?.email);
  if (mbox !== undefined) return { objectType: 'Agent', ...named, mbox };

  const account = accountOf(identity);
  if (account !== undefined) return { objectType: 'Agent', ...named, account };

  const pseudonymName = nonEmpty(pseudonym.name);
  if (pseudonymName === undefined) throw new Error('actorFor: the pseudonym needs a name (newInstallId())');
  const configured = nonEmpty(pseudonym.homePage);
  const homePage = configured !== undefined && isHttpUrl(configured) ? configured : DEFAULT_ACCOUNT_HOME_PAGE;
  return { objectType: 'Agent', ...named, account: { homePage, name: pseudonymName } };
}

/** A random id for this install's pseudonymous account. Make it once; persisting it is the caller's job. */
export function newInstallId(): string {
  return crypto.randomUUID();
}

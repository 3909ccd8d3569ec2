/**
 * Saving the learner's own settings, once for both apps (the extension's options page, the desktop's settings
 * window): their choices (learner, capture) under the organisation's enforced keys, and their own destination,
 * whose saved credentials are kept by an explicit "unchanged" marker, never by a magic string. Everything goes
 * through shared/policy validatePolicy (docs/policy.md § Shape); issues come back per form field.
 */
import {
  validatePolicy,
  readPath,
  type DestinationEntry,
  type PolicyDocument,
  type PolicyIssue,
  type XapiVersion,
} from '../policy';

/** The learner left a saved credential as it is (forms show a blank field for it). Never a string. */
export interface SecretUnchanged {
  readonly unchanged: true;
}
export const SECRET_UNCHANGED: SecretUnchanged = Object.freeze({ unchanged: true });

/** A credential as a form gives it: the new text, or "keep the saved one". */
export type SecretInput = string | SecretUnchanged;

export const isUnchanged = (value: SecretInput): value is SecretUnchanged => typeof value !== 'string';

/** Forms send credentials as text, where a blank field means "keep what is saved" (a secret is never shown). */
export function secretInput(typed: string): SecretInput {
  return typed === '' ? SECRET_UNCHANGED : typed;
}

/** The credential fields of a destination (docs/policy.md `destinations[]`). */
export const CREDENTIAL_FIELDS = ['username', 'password', 'token'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** The learner's destination as a form gives it. */
export interface DestinationForm {
  id: string;
  name?: string;
  endpoint: string;
  xapiVersion?: XapiVersion;
  auth: 'basic' | 'token';
  username: SecretInput;
  password: SecretInput;
  /** Only read for `auth: 'token'`. */
  token?: SecretInput;
}

export type CheckedDestination =
  /** `kept`: the credentials taken from the saved entry (a store that keeps them apart need not write them). */
  | { ok: true; entry: DestinationEntry; kept: CredentialField[] }
  /** Issues with `path` the form's field name; `missing`: left unchanged with nothing saved (also in issues). */
  | { ok: false; issues: PolicyIssue[]; missing: CredentialField[] };

/**
 * One destination from the form, validated as a policy destination with the credentials it keeps (the real saved
 * values, so validation sees what will be sent). Each credential left unchanged takes the saved entry's value of
 * the same field: a new key with the saved secret, or a new secret for the saved key.
 */
export function checkDestination(
  form: DestinationForm,
  saved: DestinationEntry | undefined,
  source: string,
): CheckedDestination {
  const entry: Record<string, unknown> = { id: form.id, endpoint: form.endpoint.trim() };
  const name = form.name?.trim();
  if (name) entry.name = name;
  if (form.xapiVersion) entry.xapiVersion = form.xapiVersion;
  const kept: CredentialField[] = [];
  const missing: CredentialField[] = [];
  const fields: CredentialField[] = form.auth === 'token' ? ['token'] : ['username', 'password'];
  for (const field of fields) {
    const value = form[field] ?? SECRET_UNCHANGED;
    if (!isUnchanged(value)) {
      entry[field] = field === 'username' ? value.trim() : value;
    } else if (saved?.[field] !== undefined) {
      entry[field] = saved[field];
      kept.push(field);
    } else {
      missing.push(field);
    }
  }
  const checked = validatePolicy({ destinations: [entry] }, source);
  // A missing credential is said once, as `missing`, not again as the entry's "username and password, or token".
  const issues = destinationFieldIssues(checked.issues).filter(
    (issue) =>
      missing.length === 0 || (issue.path !== '' && !missing.includes(issue.path as CredentialField)),
  );
  for (const field of missing) {
    issues.push({ path: field, message: `${field}: required (nothing is saved to keep)`, source });
  }
  const valid = checked.document.destinations?.[0];
  if (issues.length > 0 || missing.length > 0 || !valid) {
    return { ok: false, issues, missing };
  }
  return { ok: true, entry: valid, kept };
}

/**
 * The one mapping from a destination's validation issues to form fields: `destinations[0].endpoint` → `endpoint`
 * (the message without the prefix). "The entry was ignored" adds nothing next to the problems that caused it.
 */
export function destinationFieldIssues(issues: readonly PolicyIssue[]): PolicyIssue[] {
  return issues
    .filter((i) => !/^destinations\[\d+\]$/.test(i.path) || !/was ignored because/.test(i.message))
    .map((i) => ({
      ...i,
      path: i.path.replace(/^destinations\[\d+\]\.?/, ''),
      message: i.message.replace(/^destinations\[\d+\](?::\s*|\.)/, ''),
    }));
}

/** The entry as a store that keeps saved credentials apart writes it: without those it keeps. */
export function withoutKept(entry: DestinationEntry, kept: readonly CredentialField[]): DestinationEntry {
  const copy = { ...entry };
  for (const field of kept) delete copy[field];
  return copy;
}

/** The groups of the learner's own choices a settings form saves. */
export const CHOICE_GROUPS = ['learner', 'capture'] as const;
export type LearnerChoices = Pick<PolicyDocument, (typeof CHOICE_GROUPS)[number]>;

/**
 * The learner's document with their new choices: each group as the form gives it, except that a key the
 * organisation enforces keeps the learner's own stored value (the form does not edit it; it applies again if the
 * organisation lets go). Issues have the document's paths (`learner.email`).
 */
export function withChoices(
  stored: PolicyDocument,
  input: LearnerChoices,
  locked: Iterable<string>,
  source: string,
): { ok: true; document: PolicyDocument } | { ok: false; issues: PolicyIssue[] } {
  const checked = validatePolicy(input, source);
  if (checked.issues.length > 0) return { ok: false, issues: checked.issues };
  const next: PolicyDocument = { ...stored };
  const lockedPaths = [...locked];
  for (const group of CHOICE_GROUPS) {
    const value: Record<string, unknown> = { ...(checked.document[group] ?? {}) };
    for (const path of lockedPaths) {
      const [head, key] = path.split('.');
      if (head !== group || key === undefined) continue;
      const own = readPath(stored, path.split('.'));
      if (own !== undefined) value[key] = own;
      else delete value[key];
    }
    if (Object.keys(value).length > 0) next[group] = value;
    else delete next[group];
  }
  return { ok: true, document: next };
}
